import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent } from '../../support/agent';
import { everythingStdioEntry } from '../../support/mcpServers';
import { startServe, type ServeProcess } from '../../support/serveProcess';

const PROTECTED_ROUTES: [string, string][] = [
  ['GET', '/api/v1/status'],
  ['GET', '/api/v1/activity'],
  ['GET', '/api/v1/activity/01J00000000000000000000000'],
  ['GET', '/api/v1/activity/summary?period=24h'],
  ['GET', '/api/v1/activity/export?format=csv'],
  ['DELETE', '/api/v1/activity?all=true'],
  ['GET', '/events'],
  ['GET', '/api/v1/settings/mcp-tokens'],
  ['POST', '/api/v1/settings/mcp-tokens'],
  ['DELETE', '/api/v1/settings/mcp-tokens/x'],
  ['GET', '/api/v1/settings/mcp-tokens/x/audit'],
  ['GET', '/api/v1/settings/mcp-audit'],
  ['GET', '/api/v1/servers'],
  ['GET', '/api/v1/servers/everything'],
  ['GET', '/api/v1/servers/everything/tools'],
  ['POST', '/api/v1/servers'],
  ['PATCH', '/api/v1/servers/everything'],
  ['DELETE', '/api/v1/servers/everything'],
  ['POST', '/api/v1/servers/everything/restart'],
  ['POST', '/api/v1/servers/everything/quarantine'],
  ['POST', '/api/v1/servers/everything/unquarantine'],
  ['GET', '/api/v1/policies'],
  ['PUT', '/api/v1/policies'],
  ['GET', '/api/v1/settings'],
  ['PATCH', '/api/v1/settings'],
];

describe('security checks against a real serve', () => {
  let serve: ServeProcess;
  beforeAll(async () => {
    serve = await startServe({ config: { mcpServers: { everything: everythingStdioEntry() } } });
  });
  afterAll(async () => {
    await serve?.stop();
  });

  it('refuses every API route without credentials (401) and with a wrong key (401)', async () => {
    const unexpected: string[] = [];
    for (const [method, path] of PROTECTED_ROUTES) {
      for (const headers of [{}, { 'X-API-Key': 'wrong' }] as Record<string, string>[]) {
        const response = await fetch(serve.baseUrl + path, { method, headers });
        if (response.status !== 401)
          unexpected.push(`${method} ${path} ${JSON.stringify(headers)} -> ${response.status}`);
        await response.body?.cancel();
      }
    }
    expect(unexpected).toEqual([]);
  });

  it('refuses /mcp without a valid token (401) and says how to get one', async () => {
    const response = await fetch(serve.mcpUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} }),
    });
    expect(response.status).toBe(401);
    expect(await response.text()).toMatch(/token/i);
  });

  it('refuses a foreign Origin (403) on the API and /mcp, and a foreign Host', async () => {
    for (const path of ['/api/v1/status', '/mcp', '/events']) {
      const response = await fetch(serve.baseUrl + path, {
        headers: { 'X-API-Key': serve.apiKey, Origin: 'https://evil.example' },
      });
      expect(response.status, path).toBe(403);
    }
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(serve.baseUrl);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: '/api/v1/status',
          headers: { Host: 'attacker.example', 'X-API-Key': serve.apiKey },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('listens on loopback only', () => {
    expect(new URL(serve.baseUrl).hostname).toBe('127.0.0.1');
  });

  it('never stores an MCP token in clear', async () => {
    const secret = await serve.createToken('stored-hashed');
    const agent = await connectAgent(serve.mcpUrl, secret);
    await agent.callTool({ name: 'everything__echo', arguments: { message: 'hi' } });
    await agent.close();
    const files = readdirSync(serve.dataDir).map((name) =>
      readFileSync(join(serve.dataDir, name)).toString('latin1'),
    );
    expect(files.some((content) => content.includes(secret))).toBe(false);
  });

  it('neutralises CSV formula cells', async () => {
    const secret = await serve.createToken('=HYPERLINK("http://x")');
    const agent = await connectAgent(serve.mcpUrl, secret);
    await agent.callTool({ name: 'everything__echo', arguments: { message: 'formula' } });
    await agent.close();
    await serve.waitForTotal(`token=${encodeURIComponent('=HYPERLINK("http://x")')}`, 1);
    const csv = await (
      await fetch(`${serve.baseUrl}/api/v1/activity/export?format=csv&apikey=${serve.apiKey}`)
    ).text();
    expect(csv).toContain(`'=HYPERLINK`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});
