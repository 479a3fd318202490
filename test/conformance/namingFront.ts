/**
 * An HTTP front for the conformance run: the suite speaks to it as to the reference server, and it
 * forwards every request to Switchboard's `/mcp` with a Bearer token, renaming on the way. The
 * suite calls the reference server's own tool and prompt names (`test_simple_text`); Switchboard
 * exposes `<server>__<name>`. Requests get the prefix added, list results get it removed; nothing
 * else changes, and SSE answers stream through event by event (logs and progress keep their
 * timing, a closed stream stays closed). Host and Origin pass unchanged, so the DNS-rebinding
 * scenario reaches Switchboard's own check.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NamingFront {
  url: string;
  close(): Promise<void>;
}

type Message = Record<string, unknown>;

export async function startNamingFront(
  target: string,
  token: string,
  prefix: string,
): Promise<NamingFront> {
  const targetUrl = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (body.length > 0) body = Buffer.from(rewriteJson(body.toString('utf8'), toUpstreamNames));
      const headers: http.OutgoingHttpHeaders = { ...req.headers };
      headers.authorization = `Bearer ${token}`;
      if (body.length > 0) headers['content-length'] = body.length;
      const upstream = http.request(
        {
          hostname: targetUrl.hostname,
          port: targetUrl.port,
          path: targetUrl.pathname,
          method: req.method,
          headers,
        },
        (answer) => relay(answer, res),
      );
      upstream.on('error', (error) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`naming front: ${error.message}`);
      });
      res.on('close', () => upstream.destroy());
      upstream.end(body);
    });
  });

  function toUpstreamNames(message: Message): void {
    const params = message.params as Message | undefined;
    if (!params) return;
    if ((message.method === 'tools/call' || message.method === 'prompts/get') && params.name)
      params.name = `${prefix}${String(params.name)}`;
    const ref = params.ref as Message | undefined;
    if (message.method === 'completion/complete' && ref?.type === 'ref/prompt' && ref.name)
      ref.name = `${prefix}${String(ref.name)}`;
  }

  function toReferenceNames(message: Message): void {
    const result = message.result as Message | undefined;
    for (const key of ['tools', 'prompts']) {
      const list = result?.[key];
      if (!Array.isArray(list)) continue;
      for (const item of list as Message[]) {
        if (typeof item.name === 'string' && item.name.startsWith(prefix))
          item.name = item.name.slice(prefix.length);
      }
    }
  }

  function relay(answer: http.IncomingMessage, res: http.ServerResponse): void {
    const type = String(answer.headers['content-type'] ?? '');
    const headers = { ...answer.headers };
    if (type.includes('text/event-stream')) {
      res.writeHead(answer.statusCode ?? 502, headers);
      res.flushHeaders();
      let pending = '';
      answer.setEncoding('utf8');
      answer.on('data', (text: string) => {
        pending += text;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        res.write(lines.map((line) => `${rewriteSseLine(line)}\n`).join(''));
      });
      answer.on('end', () => res.end(pending));
      return;
    }
    const chunks: Buffer[] = [];
    answer.on('data', (chunk: Buffer) => chunks.push(chunk));
    answer.on('end', () => {
      let body = Buffer.concat(chunks);
      if (type.includes('application/json'))
        body = Buffer.from(rewriteJson(body.toString('utf8'), toReferenceNames));
      delete headers['content-length'];
      delete headers['transfer-encoding'];
      res.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': body.length });
      res.end(body);
    });
  }

  function rewriteSseLine(line: string): string {
    if (!line.startsWith('data:')) return line;
    return `data: ${rewriteJson(line.slice(5).trim(), toReferenceNames)}`;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/mcp`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `text` with `rename` applied to each JSON-RPC message in it; text that is not JSON is kept. */
function rewriteJson(text: string, rename: (message: Message) => void): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
    if (typeof message === 'object' && message !== null) rename(message as Message);
  }
  return JSON.stringify(parsed);
}
