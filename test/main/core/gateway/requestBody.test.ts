/** readRawBody over real HTTP: whole bodies in one or many chunks, and a client that gives up. */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readRawBody } from '../../../../src/main/core/gateway/requestBody';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A server that hands each request to `onRequest`; resolves with its port. */
async function serve(onRequest: (req: IncomingMessage) => void): Promise<number> {
  server = createServer((req, res) => {
    onRequest(req);
    req.once('end', () => res.end());
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('readRawBody', () => {
  it('returns the whole body, whether it arrives in one chunk or several', async () => {
    const bodies: Promise<Buffer>[] = [];
    const port = await serve((req) => bodies.push(readRawBody(req)));
    const send = (chunks: string[]) =>
      new Promise<void>((resolve, reject) => {
        const length = Buffer.byteLength(chunks.join(''));
        const req = request(
          { port, method: 'POST', headers: { 'content-length': length } },
          (res) => res.resume().once('end', resolve),
        );
        req.once('error', reject);
        for (const chunk of chunks) req.write(chunk);
        req.end();
      });
    await send(['{"jsonrpc":"2.0","id":1,"method":"tools/call"}']);
    await send(['{"a":', '"é', 'x"}']);
    const [one, many] = await Promise.all(bodies);
    expect(one?.toString()).toBe('{"jsonrpc":"2.0","id":1,"method":"tools/call"}');
    expect(many?.toString()).toBe('{"a":"éx"}');
  });

  it('rejects when the client closes before the whole body arrived', async () => {
    let body: Promise<Buffer> | undefined;
    const arrived = new Promise<void>((resolve) => {
      void serve((req) => {
        body = readRawBody(req);
        req.once('data', () => resolve());
      }).then((port) => {
        const req = request({ port, method: 'POST', headers: { 'content-length': 100 } });
        req.once('error', () => undefined);
        req.write('{"partial":');
        void arrived.then(() => req.destroy());
      });
    });
    await arrived;
    await expect(body).rejects.toThrow();
  });
});
