/** `switchboard servers tools` and `servers approve-tool` (the built CLI) against a running core. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolInfo } from '../../../src/shared/servers';
import { startCore, waitForServersReady, type RunningCore } from '../../integration/apiSupport';
import {
  FETCH_TOOL,
  SEARCH_TOOL,
  SEARCH_TOOL_CHANGED,
  pinnedToolsEntry,
  writeTools,
} from '../../support/pinnedTools';

const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/switchboard.js');
let core: RunningCore;
let toolsDir: string;

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args, '--url', core.base, '--api-key', core.apiKey],
      { env: { PATH: process.env.PATH ?? '', SWITCHBOARD_HOME: core.dataDir }, timeout: 20_000 },
      (error, stdout, stderr) =>
        done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out/main/cli.js')))
    throw new Error('out/main/cli.js is missing: run `npm run build` before these tests');
  toolsDir = mkdtempSync(join(tmpdir(), 'swb-pins-cli-'));
  const file = join(toolsDir, 'tools.json');
  writeTools(file, [SEARCH_TOOL, FETCH_TOOL]);
  core = await startCore({ mcpServers: { docs: pinnedToolsEntry(file) } });
  await waitForServersReady(core);
  writeTools(file, [SEARCH_TOOL_CHANGED, FETCH_TOOL]);
  await core.data('POST', '/api/v1/servers/docs/restart');
});

afterAll(async () => {
  await core?.stop();
  await rm(toolsDir, { recursive: true, force: true });
});

describe('servers tools / approve-tool', () => {
  it('lists the tools with their pin status and says how to approve a changed one', async () => {
    const { code, stdout } = await cli(['servers', 'tools', 'docs']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/docs__search\s*│\s*CHANGED/);
    expect(stdout).toMatch(/docs__fetch\s*│\s*pinned/);
    expect(stdout).toContain('switchboard servers approve-tool docs search');
  });

  it('gives both definitions of a changed tool with --json', async () => {
    const { stdout } = await cli(['servers', 'tools', 'docs', '--json']);
    const search = (JSON.parse(stdout) as ToolInfo[]).find((tool) => tool.name === 'search');
    expect(search?.pinned?.definition.description).toBe(SEARCH_TOOL.description);
    expect(search?.current?.definition.description).toBe(SEARCH_TOOL_CHANGED.description);
  });

  it('approves, and an unknown tool exits 1 with the server’s message', async () => {
    const unknown = await cli(['servers', 'approve-tool', 'docs', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('"nope"');

    const { code, stdout } = await cli(['servers', 'approve-tool', 'docs', 'search']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('Tool docs__search approved (now pinned).');
    expect((await cli(['servers', 'tools', 'docs'])).stdout).toMatch(/docs__search\s*│\s*pinned/);
  });
});
