/**
 * `/mcp` POST bodies over the transport's limit (SPEC 3). Such a body is read as a stream but not
 * held: only its first bytes are kept, for a bounded scan that finds the JSON-RPC id, method and
 * tool name, and the rest is counted and dropped. So a refused tools/call still gets its answer
 * (with its id) and its record, and a hostile body costs a fixed amount of memory.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestId } from '@modelcontextprotocol/sdk/types.js';

/** The SDK transport's own limit for a POST body. */
export const MAX_MCP_BODY_BYTES = 4 * 1024 * 1024;

/** How much of an over-limit body's start is kept to find its method and tool name. */
export const OVER_LIMIT_PREFIX_BYTES = 16 * 1024;

/**
 * How much of its end is kept: the SDK client writes `id` after `params`
 * (`{"method":…,"params":…,"jsonrpc":"2.0","id":7}`).
 */
export const OVER_LIMIT_TAIL_BYTES = 1024;

export type McpBody = { raw: Buffer } | { overLimit: OverLimitBody };

export interface OverLimitBody {
  /** At most OVER_LIMIT_PREFIX_BYTES from the start of the body. */
  prefix: Buffer;
  /** At most OVER_LIMIT_TAIL_BYTES from its end. */
  tail: Buffer;
  /** The whole body's size as read. */
  bytes: number;
}

/**
 * Reads a POST body. One within the limit is returned whole (a chunked body is held up to the
 * limit, as the SDK would hold it); one declared or found to be over it is drained keeping only
 * its prefix.
 */
export function readMcpBody(req: IncomingMessage, limit = MAX_MCP_BODY_BYTES): Promise<McpBody> {
  const declared = Number(req.headers['content-length']);
  let chunks: Buffer[] | null = declared > limit ? null : [];
  let prefix: Buffer = Buffer.alloc(0);
  let tail: Buffer = Buffer.alloc(0);
  let bytes = 0;
  return new Promise((resolve, reject) => {
    let ended = false;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (chunks) {
        chunks.push(chunk);
        if (bytes <= limit) return;
        const held = Buffer.concat(chunks);
        prefix = keepPrefix(Buffer.alloc(0), held);
        tail = keepTail(Buffer.alloc(0), held);
        chunks = null;
      } else {
        if (prefix.length < OVER_LIMIT_PREFIX_BYTES) prefix = keepPrefix(prefix, chunk);
        tail = keepTail(tail, chunk);
      }
    });
    req.once('end', () => {
      ended = true;
      resolve(chunks ? { raw: Buffer.concat(chunks) } : { overLimit: { prefix, tail, bytes } });
    });
    req.once('error', reject);
    req.once('close', () => {
      if (!ended) reject(new Error('The request closed before its body was read.'));
    });
  });
}

function keepPrefix(prefix: Buffer, chunk: Buffer): Buffer {
  const room = OVER_LIMIT_PREFIX_BYTES - prefix.length;
  // A copy, so the kept bytes do not pin the whole chunk they came in.
  return Buffer.concat([prefix, chunk.subarray(0, Math.max(0, room))]);
}

function keepTail(tail: Buffer, chunk: Buffer): Buffer {
  const joined = Buffer.concat([tail, chunk.subarray(-OVER_LIMIT_TAIL_BYTES)]);
  return Buffer.from(joined.subarray(-OVER_LIMIT_TAIL_BYTES));
}

/** What a bounded scan of a message's first bytes could read. */
export interface MessageHead {
  id?: RequestId;
  method?: string;
  /** `params.name`, for a tools/call. */
  toolName?: string;
}

type Container = { kind: '{' | '['; key: string | null };

/**
 * Reads the top-level `id` and `method` and `params.name` of one JSON-RPC message from the start
 * of its text, without parsing the rest: a single pass that stops at the end of `text` or at the
 * first byte that is not JSON. A value cut off by the end of `text` is not read.
 */
export function scanMessageHead(text: string): MessageHead {
  const head: MessageHead = {};
  const stack: Container[] = [];
  let key: string | null = null;
  let expectKey = false;
  let i = skipSpace(text, 0);
  if (text[i] !== '{') return head;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '{' || c === '[') {
      stack.push({ kind: c, key });
      key = null;
      expectKey = c === '{';
      i++;
    } else if (c === '}' || c === ']') {
      stack.pop();
      if (stack.length === 0) break;
      i++;
    } else if (c === ',') {
      expectKey = stack[stack.length - 1]?.kind === '{';
      key = null;
      i++;
    } else if (c === ':') {
      i++;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) break;
      const value = parseString(text.slice(i, end + 1));
      if (value === undefined) break;
      i = end + 1;
      if (expectKey) {
        key = value;
        expectKey = false;
      } else {
        takeScalar(head, stack, key, value);
      }
    } else if (/[\s]/.test(c)) {
      i++;
    } else {
      const token = /^[-+0-9.eE]+|^true|^false|^null/.exec(text.slice(i, i + 32))?.[0];
      // A token that reaches the end of the text may have been cut.
      if (!token || i + token.length >= text.length) break;
      if (/^-?\d+$/.test(token)) takeScalar(head, stack, key, Number(token));
      i += token.length;
    }
  }
  return head;
}

function takeScalar(
  head: MessageHead,
  stack: readonly Container[],
  key: string | null,
  value: string | number,
): void {
  if (stack.length === 1) {
    if (key === 'id' && (typeof value === 'string' || Number.isSafeInteger(value))) head.id = value;
    if (key === 'method' && typeof value === 'string') head.method = value;
  } else if (stack.length === 2 && stack[1]?.kind === '{' && stack[1].key === 'params') {
    if (key === 'name' && typeof value === 'string') head.toolName = value;
  }
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  return i;
}

/** The index of the quote that closes the string opening at `start`, or -1 if it is cut off. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

function parseString(literal: string): string | undefined {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}

/**
 * Reads the scalar top-level members (`id`, `method`) that end one JSON-RPC object, walking back
 * from its closing brace; it stops at the first member whose value is not a scalar (`params`).
 */
export function scanMessageTail(text: string): MessageHead {
  const head: MessageHead = {};
  let i = skipSpaceBack(text, text.length - 1);
  if (text[i] !== '}') return head;
  i = skipSpaceBack(text, i - 1);
  while (i >= 0) {
    let value: string | number;
    if (text[i] === '"') {
      const start = stringStartBack(text, i);
      const parsed = start < 0 ? undefined : parseString(text.slice(start, i + 1));
      if (parsed === undefined) return head;
      value = parsed;
      i = start - 1;
    } else {
      const token = /[-+0-9.eE]+$|true$|false$|null$/.exec(
        text.slice(Math.max(0, i - 31), i + 1),
      )?.[0];
      if (!token) return head;
      value = /^-?\d+$/.test(token) ? Number(token) : NaN;
      i -= token.length;
    }
    i = skipSpaceBack(text, i);
    if (text[i] !== ':') return head;
    i = skipSpaceBack(text, i - 1);
    if (text[i] !== '"') return head;
    const keyStart = stringStartBack(text, i);
    const key = keyStart < 0 ? undefined : parseString(text.slice(keyStart, i + 1));
    if (key === undefined) return head;
    takeScalar(head, [{ kind: '{', key: null }], key, value);
    i = skipSpaceBack(text, keyStart - 1);
    if (text[i] !== ',') return head;
    i = skipSpaceBack(text, i - 1);
  }
  return head;
}

function skipSpaceBack(text: string, from: number): number {
  let i = from;
  while (i >= 0 && /\s/.test(text[i] as string)) i--;
  return i;
}

/** The index of the quote that opens the string closing at `end`, or -1 if it is cut off. */
function stringStartBack(text: string, end: number): number {
  for (let i = end - 1; i >= 0; i--) {
    if (text[i] !== '"') continue;
    let backslashes = 0;
    while (text[i - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 0) return i;
  }
  return -1;
}
