/** readMcpBody over real HTTP and the bounded scans of an over-limit body's two ends. */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  OVER_LIMIT_PREFIX_BYTES,
  OVER_LIMIT_TAIL_BYTES,
  readMcpBody,
  scanMessageHead,
  scanMessageTail,
  type McpBody,
} from '../../../../src/main/core/gateway/overLimitBody';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** POSTs `chunks` (declaring `length` when given) to a server that reads with readMcpBody. */
async function readOverHttp(
  chunks: () => Iterable<Buffer>,
  limit: number,
  length?: number,
): Promise<McpBody> {
  let read: Promise<McpBody> | undefined;
  server = createServer((req: IncomingMessage, res) => {
    read = readMcpBody(req, limit);
    void read.finally(() => res.end());
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve, reject) => {
    const headers = length === undefined ? {} : { 'content-length': length };
    const req = request({ port, method: 'POST', headers }, (res) =>
      res.resume().once('end', resolve),
    );
    req.once('error', reject);
    for (const chunk of chunks()) req.write(chunk);
    req.end();
  });
  return read!;
}

function* repeated(chunk: Buffer, times: number): Iterable<Buffer> {
  for (let i = 0; i < times; i++) yield chunk;
}

describe('readMcpBody', () => {
  const chunk = Buffer.alloc(64 * 1024, 'x');

  it('keeps only the two ends of a body declared over the limit, and counts it', async () => {
    const body = await readOverHttp(() => repeated(chunk, 320), 1024 * 1024, chunk.length * 320);
    expect('overLimit' in body && body.overLimit).toMatchObject({ bytes: chunk.length * 320 });
    if (!('overLimit' in body)) return;
    expect(body.overLimit.prefix.length).toBe(OVER_LIMIT_PREFIX_BYTES);
    expect(body.overLimit.tail.length).toBe(OVER_LIMIT_TAIL_BYTES);
  });

  it('drops a chunked body once it passes the limit, and returns one within it whole', async () => {
    const over = await readOverHttp(() => repeated(chunk, 40), 1024 * 1024);
    expect('overLimit' in over && over.overLimit.bytes).toBe(chunk.length * 40);
    expect('overLimit' in over && over.overLimit.prefix.length).toBe(OVER_LIMIT_PREFIX_BYTES);
    const within = await readOverHttp(() => repeated(chunk, 16), 1024 * 1024);
    expect('raw' in within && within.raw.length).toBe(1024 * 1024);
  });
});

describe('scanMessageHead', () => {
  it('reads id, method and params.name from the start of a message cut anywhere', () => {
    const text =
      '{"jsonrpc":"2.0", "id": 12, "method":"tools/call","params":{"name":"s__t","arguments":{"name":"no","id":3,"a":"xxx';
    expect(scanMessageHead(text)).toEqual({ id: 12, method: 'tools/call', toolName: 's__t' });
  });

  it('does not read a value the cut may have shortened, nor nested or escaped look-alikes', () => {
    expect(scanMessageHead('{"id":12')).toEqual({});
    expect(scanMessageHead('{"id":"ab')).toEqual({});
    expect(scanMessageHead('{"x":{"id":1},"y":"\\"id\\":2","method":"a\\"b","id":"k"}')).toEqual({
      method: 'a"b',
      id: 'k',
    });
    expect(scanMessageHead('[{"id":1}]')).toEqual({});
  });
});

describe('scanMessageTail', () => {
  it('reads the members the SDK client writes after params', () => {
    const tail = 'xx"}},"jsonrpc":"2.0","id":7}';
    expect(scanMessageTail(tail)).toEqual({ id: 7 });
    expect(scanMessageTail('"}}, "method" : "tools/call" , "id" : "a\\"b" }\n')).toEqual({
      id: 'a"b',
      method: 'tools/call',
    });
  });

  it('stops at a member that is not a scalar, and reads nothing from a string', () => {
    expect(scanMessageTail('"id":1,"params":{"id":2}}')).toEqual({});
    expect(scanMessageTail('"id":1}"')).toEqual({});
    expect(scanMessageTail('x\\\\","id":1}')).toEqual({ id: 1 });
  });
});
