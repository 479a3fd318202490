/** Reads a JSON request body ourselves when we must look at it before the SDK transport does. */
import type { IncomingMessage } from 'node:http';
import { MAX_MCP_BODY_BYTES as MAX_BODY_BYTES } from './overLimitBody';

export class RequestBodyError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'RequestBodyError';
  }
}

/**
 * Whether a POST body may be read here and still get the SDK's answers: its Content-Length is
 * declared and within the SDK's limit (a chunked or oversized body is left to the SDK to bound).
 */
export function hasBoundedBody(req: IncomingMessage): boolean {
  const length = Number(req.headers['content-length']);
  return req.headers['content-length'] !== undefined && length >= 0 && length <= MAX_BODY_BYTES;
}

/**
 * The whole body of a request that passed hasBoundedBody (Node holds it to Content-Length).
 * Plain listeners rather than `for await`: the stream's async iterator costs several promises
 * per chunk, and this runs for every tools/call.
 */
export function readRawBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let ended = false;
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => {
      ended = true;
      resolve(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks));
    });
    req.once('error', reject);
    req.once('close', () => {
      if (!ended) reject(new Error('The request closed before its body was read.'));
    });
  });
}

/** JSON.parse, or undefined for text that is not JSON (the caller lets the SDK answer it). */
export function parseJsonOrUndefined(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The JSON of a body read whole, or a 400 naming the parse error. */
export function parseJsonBody(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new RequestBodyError(
      400,
      -32700,
      `Request body is not valid JSON (${why}): send a JSON-RPC message.`,
    );
  }
}
