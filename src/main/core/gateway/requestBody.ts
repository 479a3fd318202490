/** Reads a JSON request body ourselves when we must look at it before the SDK transport does. */
import type { IncomingMessage } from 'node:http';

/** The SDK transport's own limit for a POST body. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

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

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new RequestBodyError(
        413,
        -32600,
        `Request body over ${MAX_BODY_BYTES} bytes: send smaller JSON-RPC messages.`,
      );
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new RequestBodyError(
      400,
      -32700,
      `Request body is not valid JSON (${why}): send a JSON-RPC message.`,
    );
  }
}
