/**
 * A wrong MCP token must say so through the bridges people use (issue 11, defect 9): mcp-remote
 * (a devDependency, run as Claude Desktop runs it) would follow the 401 into OAuth dynamic client
 * registration; it must end showing Switchboard's message. The SDK client shows the 401's body.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type RunningCore } from './apiSupport';

const MCP_REMOTE = resolve(import.meta.dirname, '../../node_modules/mcp-remote/dist/proxy.js');
const HOW_TO = 'switchboard tokens create NAME';

let core: RunningCore;

beforeAll(async () => {
  core = await startCore({ mcpServers: {} });
});

afterAll(async () => {
  await core?.stop();
});

/** Runs mcp-remote against Switchboard with `token`, sends initialize, returns its stderr once it exits. */
async function mcpRemoteStderr(token: string): Promise<{ stderr: string; code: number | null }> {
  const configDir = mkdtempSync(join(tmpdir(), 'swb-mcp-remote-'));
  const child = spawn(
    process.execPath,
    [MCP_REMOTE, `${core.base}/mcp`, '--header', `Authorization: Bearer ${token}`],
    { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, MCP_REMOTE_CONFIG_DIR: configDir } },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  child.stdin.write(
    `${JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'claude-desktop-like', version: '1' },
      },
    })}\n`,
  );
  const code = await exited;
  rmSync(configDir, { recursive: true, force: true });
  return { stderr, code };
}

describe('a wrong MCP token', () => {
  it("mcp-remote ends with Switchboard's message, not a bare registration failure", async () => {
    const { stderr, code } = await mcpRemoteStderr('swb_not-a-real-token');
    expect(code).not.toBe(0);
    expect(stderr).toContain('Switchboard does not use OAuth: your MCP token is missing');
    expect(stderr).toContain(HOW_TO);
    expect(stderr).not.toContain('HTTP 405');
  }, 60_000);

  it("the SDK client's error carries Switchboard's message", async () => {
    const client = new Client({ name: 'sdk-agent', version: '1' });
    const transport = new StreamableHTTPClientTransport(new URL(`${core.base}/mcp`), {
      requestInit: { headers: { Authorization: 'Bearer swb_not-a-real-token' } },
    });
    const failure = await client.connect(transport).then(
      () => null,
      (error: unknown) => error,
    );
    expect(String(failure)).toContain('Unknown or revoked MCP token');
    expect(String(failure)).toContain(HOW_TO);
  });

  it('POST /register answers 403 with the same message', async () => {
    const response = await fetch(`${core.base}/register`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toMatch(
      /^Switchboard does not use OAuth/,
    );
  });
});
