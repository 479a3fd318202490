/** Reads a request's JSON body with a size cap: too large -> 413, malformed -> 400 (never a 5xx). */
import type { IncomingMessage } from 'node:http';
import { exceedsJsonDepth, jsonDepthMessage } from '../json';
import { HttpError } from './httpResponses';

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

function describeLimit(limitBytes: number): string {
  return limitBytes % (1024 * 1024) === 0
    ? `${limitBytes / (1024 * 1024)} MiB`
    : `${limitBytes} bytes`;
}

/**
 * A body past the cap is still read to its end and discarded (up to a bound), so the client gets
 * the 413 instead of a reset connection in the middle of its upload.
 */
const MAX_DISCARD_BYTES = 64 * 1024 * 1024;

function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = (): HttpError =>
      new HttpError(413, `body: larger than the ${describeLimit(limitBytes)} limit`);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
      else if (size > limitBytes + MAX_DISCARD_BYTES) {
        req.destroy();
        reject(tooLarge());
      }
    });
    req.on('end', () => (size > limitBytes ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** Resolves `undefined` for an empty body. */
export async function readJsonBody(
  req: IncomingMessage,
  limitBytes = DEFAULT_BODY_LIMIT_BYTES,
): Promise<unknown> {
  const text = (await readBody(req, limitBytes)).toString('utf8');
  if (text.trim() === '') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new HttpError(400, `body: invalid JSON (${detail})`);
  }
  // Before any route walks it (config validation, merges, JSON.stringify) and overflows the stack.
  if (exceedsJsonDepth(body)) throw new HttpError(400, jsonDepthMessage('body'));
  return body;
}

/** The body as a JSON object, or a 400 naming what came instead. */
export async function readJsonObject(
  req: IncomingMessage,
  limitBytes = DEFAULT_BODY_LIMIT_BYTES,
): Promise<Record<string, unknown>> {
  const body = await readJsonBody(req, limitBytes);
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, `body: expected a JSON object, got ${describeJsonType(body)}`);
  }
  return body as Record<string, unknown>;
}

export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
