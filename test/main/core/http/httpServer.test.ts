import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type SwitchboardHttpServer } from '../../../../src/main/core/http';
import { createCoreParts, type CoreParts } from './support/coreParts';
import { rawRequest } from './support/rawHttp';

/** The gateway is someone else's: this stand-in only proves `/mcp` reaches it after the guards. */
const gatewayCalls: string[] = [];
const gateway = {
  async handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    gatewayCalls.push(`${req.method ?? ''} ${req.url ?? ''}`);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"gateway":true}');
  },
};

function writeUi(): string {
  const uiDir = mkdtempSync(join(tmpdir(), 'swb-ui-'));
  mkdirSync(join(uiDir, 'assets'));
  writeFileSync(
    join(uiDir, 'index.html'),
    '<!doctype html><title>Switchboard</title><div id="root"></div>',
  );
  writeFileSync(join(uiDir, 'assets', 'index-abc123.js'), 'console.log("ui")');
  writeFileSync(join(uiDir, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(uiDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return uiDir;
}

describe('HTTP server: guards, auth, UI and errors', () => {
  let core: CoreParts;
  let http: SwitchboardHttpServer;
  let port: number;
  const logged: string[] = [];

  beforeAll(async () => {
    core = await createCoreParts();
    http = createHttpServer({
      switchboard: core.switchboard,
      gateway,
      uiDir: writeUi(),
      listen: '127.0.0.1:0',
      log: (message) => logged.push(message),
    });
    ({ port } = await http.listen());
  });
  afterAll(async () => {
    await http?.close();
    await core?.dispose();
  });

  const key = (): Record<string, string> => ({ 'X-API-Key': core.apiKey });

  it('binds a free port on loopback when asked for port 0', () => {
    expect(port).toBeGreaterThan(0);
  });

  describe('DNS-rebinding protection', () => {
    it('refuses a foreign Origin with 403 on the API, SSE, /mcp and the UI', async () => {
      for (const path of ['/api/v1/status', '/events', '/mcp', '/']) {
        const response = await rawRequest(port, {
          path,
          headers: { ...key(), Origin: 'https://evil.example' },
        });
        expect(response.status, path).toBe(403);
        expect(response.text, path).toContain('Origin \\"https://evil.example\\" is not allowed');
      }
      expect(gatewayCalls).toEqual([]);
    });

    it('answers /mcp refusals with a JSON-RPC error body', async () => {
      const response = await rawRequest(port, {
        method: 'POST',
        path: '/mcp',
        headers: { Origin: 'http://evil.example' },
      });
      expect(response.json()).toEqual({
        jsonrpc: '2.0',
        error: { code: -32000, message: expect.stringContaining('DNS-rebinding protection') },
        id: null,
      });
    });

    it('refuses a Host that is neither the listen address nor a loopback name', async () => {
      for (const path of ['/api/v1/status', '/mcp', '/']) {
        const response = await rawRequest(port, {
          path,
          headers: { ...key(), Host: 'attacker.example:8080' },
        });
        expect(response.status, path).toBe(403);
        expect(response.text).toContain('Host \\"attacker.example:8080\\" is not allowed');
      }
    });

    it('accepts loopback Hosts and Origins', async () => {
      for (const headers of [
        { Host: `localhost:${port}` } as Record<string, string>,
        { Host: `127.0.0.1:${port}`, Origin: `http://127.0.0.1:${port}` },
        { Host: 'localhost:9999', Origin: 'http://localhost:5173' },
      ]) {
        const response = await rawRequest(port, {
          path: '/api/v1/status',
          headers: { ...key(), ...headers },
        });
        expect(response.status, JSON.stringify(headers)).toBe(200);
      }
    });
  });

  it('sends /mcp to the gateway without asking for the api key', async () => {
    const response = await rawRequest(port, { method: 'POST', path: '/mcp', body: '{}' });
    expect(response.json()).toEqual({ gateway: true });
    expect(gatewayCalls).toEqual(['POST /mcp']);
  });

  it('answers /.well-known/oauth-* with a JSON 404 so clients do not start OAuth', async () => {
    for (const path of [
      '/.well-known/oauth-authorization-server',
      '/.well-known/oauth-protected-resource/mcp',
    ]) {
      const response = await rawRequest(port, { path });
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json()).toEqual({
        success: false,
        error: expect.stringContaining('does not use OAuth'),
      });
    }
  });

  describe('api key', () => {
    it('401 without a key, saying how to authenticate', async () => {
      const response = await rawRequest(port, { path: '/api/v1/status' });
      expect(response.status).toBe(401);
      expect(response.json()).toEqual({
        success: false,
        error: `Authentication required: send the api key as the X-API-Key header or the apikey query parameter (it is "api_key" in ${join(core.dataDir, 'mcp_config.json')}), or open the UI link that "switchboard serve" prints`,
      });
    });

    it('401 with a wrong key, in the header, the query or a cookie', async () => {
      for (const request of [
        { path: '/api/v1/status', headers: { 'X-API-Key': 'wrong' } } as {
          path: string;
          headers?: Record<string, string>;
        },
        { path: '/api/v1/status?apikey=wrong' },
        { path: '/events?apikey=wrong' },
        { path: '/api/v1/status', headers: { Cookie: `switchboard_ui_${port}=forged` } },
      ]) {
        const response = await rawRequest(port, request);
        expect(response.status, request.path).toBe(401);
        expect(response.json<{ error: string }>().error).toMatch(
          /^(Invalid api key|Authentication required): /,
        );
      }
    });

    it('accepts the header and the query parameter', async () => {
      expect((await rawRequest(port, { path: '/api/v1/status', headers: key() })).status).toBe(200);
      expect(
        (await rawRequest(port, { path: `/api/v1/status?apikey=${core.apiKey}` })).status,
      ).toBe(200);
    });

    it('UI link: a valid key sets an HttpOnly SameSite=Strict cookie and redirects without the key; the cookie then opens the API', async () => {
      const login = await rawRequest(port, { path: `/?apikey=${core.apiKey}&view=summary` });
      expect(login.status).toBe(302);
      expect(login.headers.location).toBe('/?view=summary');
      const setCookie = login.headers['set-cookie']?.[0] ?? '';
      expect(setCookie).toMatch(
        new RegExp(`^switchboard_ui_${port}=[^;]+; Path=/; HttpOnly; SameSite=Strict`),
      );
      expect(setCookie).not.toContain(core.apiKey);
      const cookie = setCookie.split(';')[0] ?? '';
      const status = await rawRequest(port, {
        path: '/api/v1/status',
        headers: { Cookie: cookie },
      });
      expect(status.status).toBe(200);
      expect(status.json<{ data: { pid: number } }>().data.pid).toBe(process.pid);
      const plain = await rawRequest(port, { path: `/?apikey=${core.apiKey}` });
      expect(plain.headers.location).toBe('/');
    });

    it('UI link with a wrong key: 401 page, no cookie', async () => {
      const response = await rawRequest(port, { path: '/?apikey=wrong' });
      expect(response.status).toBe(401);
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.text).toContain("This link's api key is not valid");
    });
  });

  describe('static UI', () => {
    it('serves index.html at / without a key, with a CSP and no data', async () => {
      const response = await rawRequest(port, { path: '/' });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toContain('<div id="root">');
    });

    it('serves assets with their content types, hashed ones cached for good', async () => {
      const js = await rawRequest(port, { path: '/assets/index-abc123.js' });
      expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(
        (await rawRequest(port, { path: '/assets/index-abc123.css' })).headers['content-type'],
      ).toBe('text/css; charset=utf-8');
      expect((await rawRequest(port, { path: '/favicon.svg' })).headers['content-type']).toBe(
        'image/svg+xml',
      );
      const head = await rawRequest(port, { method: 'HEAD', path: '/assets/index-abc123.js' });
      expect(head.status).toBe(200);
      expect(head.text).toBe('');
    });

    it('falls back to index.html for extension-less paths and 404s missing files and traversal', async () => {
      expect((await rawRequest(port, { path: '/activity' })).text).toContain('<div id="root">');
      expect((await rawRequest(port, { path: '/assets/missing.js' })).status).toBe(404);
      // Dot segments are resolved inside the UI folder: the worst a traversal gets is index.html.
      for (const path of [
        '/../package.json',
        '/%2e%2e/%2e%2e/etc/passwd',
        '/assets/..%2f..%2fpackage.json',
        '/%00',
        '/..%5c..%5cpackage.json',
      ]) {
        const response = await rawRequest(port, { path });
        if (response.status === 200) expect(response.text, path).toContain('<div id="root">');
        else expect(response.status, path).toBe(404);
        expect(response.text, path).not.toMatch(/"devDependencies"|root:x:0/);
      }
    });

    it('refuses writes to UI paths with 405', async () => {
      expect((await rawRequest(port, { method: 'POST', path: '/' })).status).toBe(405);
    });

    it('says how to build the UI when it is not built', async () => {
      const bare = createHttpServer({
        switchboard: core.switchboard,
        gateway,
        uiDir: join(tmpdir(), 'no-such-ui'),
        listen: '127.0.0.1:0',
      });
      const { port: barePort } = await bare.listen();
      try {
        const response = await rawRequest(barePort, { path: '/' });
        expect(response.status).toBe(503);
        expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(response.text).toContain('npm run build');
      } finally {
        await bare.close();
      }
    });
  });

  describe('API errors', () => {
    it('sends no-store and nosniff on API responses', async () => {
      const response = await rawRequest(port, { path: '/api/v1/status', headers: key() });
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    });

    it('404 for an unknown endpoint, 405 with Allow for a wrong method', async () => {
      const missing = await rawRequest(port, { path: '/api/v1/nothing', headers: key() });
      expect(missing.status).toBe(404);
      expect(missing.json()).toEqual({
        success: false,
        error: 'no such endpoint: GET /api/v1/nothing (see docs/API.md)',
      });
      const wrong = await rawRequest(port, {
        method: 'POST',
        path: '/api/v1/status',
        headers: key(),
      });
      expect(wrong.status).toBe(405);
      expect(wrong.headers.allow).toBe('GET');
    });

    it('400 for malformed JSON, naming the body', async () => {
      const response = await rawRequest(port, {
        method: 'POST',
        path: '/api/v1/settings/mcp-tokens',
        headers: { ...key(), 'Content-Type': 'application/json' },
        body: '{"name":',
      });
      expect(response.status).toBe(400);
      expect(response.json<{ error: string }>().error).toMatch(/^body: invalid JSON \(/);
    });

    it('413 for a body over 1 MiB, read to its end so the client sees the answer', async () => {
      const response = await rawRequest(port, {
        method: 'PUT',
        path: '/api/v1/policies',
        headers: { ...key(), 'Content-Type': 'application/json' },
        body: `[${'"x",'.repeat(400_000)}"x"]`,
      });
      expect(response.status).toBe(413);
      expect(response.json()).toEqual({
        success: false,
        error: 'body: larger than the 1 MiB limit',
      });
    });

    it('500 with a generic message for an unexpected exception; the detail goes to the log', async () => {
      const original = core.switchboard.service.getStatus;
      core.switchboard.service.getStatus = async () => {
        throw new Error('disk on fire');
      };
      try {
        const response = await rawRequest(port, { path: '/api/v1/status', headers: key() });
        expect(response.status).toBe(500);
        expect(response.json()).toEqual({
          success: false,
          error:
            'Internal error while handling GET /api/v1/status; the details are in the Switchboard log',
        });
        expect(response.text).not.toContain('disk on fire');
        expect(logged).toContain('Unexpected error in GET /api/v1/status');
      } finally {
        core.switchboard.service.getStatus = original;
      }
    });
  });

  it('reports a listen address in use in one sentence naming the address and the listen key', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    const second = createHttpServer({
      switchboard: core.switchboard,
      gateway,
      listen: `127.0.0.1:${taken}`,
    });
    try {
      await expect(second.listen()).rejects.toThrow(
        `127.0.0.1:${taken} is already in use; set "listen" in ${join(core.dataDir, 'mcp_config.json')} to a free address or stop the other process`,
      );
      await expect(second.listen()).rejects.toMatchObject({
        name: 'ListenError',
        code: 'EADDRINUSE',
      });
    } finally {
      await second.close();
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
