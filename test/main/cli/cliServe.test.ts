import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEvent, ActivityPage } from '../../../src/shared/activity';
import type { PolicyRule, ServerInfo, StatusInfo } from '../../../src/shared/servers';

const ROOT = resolve(__dirname, '../../..');
const BIN = join(ROOT, 'bin/switchboard.js');
const EVERYTHING = join(ROOT, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const READY = /^Switchboard ready {2}MCP (\S+) {2}UI (\S+)$/;

let dataDir: string;
let serve: ChildProcess;
let mcpUrl: string;
let uiUrl: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Run> {
  return new Promise((done) => {
    // Before a `--`, after which everything belongs to the server's command line.
    const separator = args.indexOf('--');
    const withDir =
      separator < 0
        ? [...args, '--data-dir', dataDir]
        : [...args.slice(0, separator), '--data-dir', dataDir, ...args.slice(separator)];
    execFile(
      process.execPath,
      [BIN, ...withDir],
      { env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        done({
          code: error ? (typeof error.code === 'number' ? error.code : null) : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

async function runJson<T>(args: string[]): Promise<T> {
  const result = await run([...args, '--json']);
  if (result.code !== 0)
    throw new Error(`switchboard ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/** Resolves with the first line of `stream` that matches. */
function waitForLine(stream: NodeJS.ReadableStream, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((done, fail) => {
    const lines = createInterface({ input: stream });
    lines.on('line', (line) => {
      const match = pattern.exec(line);
      if (match) {
        done(match);
        lines.close();
      }
    });
    lines.on('close', () => fail(new Error(`stream ended before a line matching ${pattern}`)));
  });
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out/main/cli.js')))
    throw new Error('out/main/cli.js is missing: run `npm run build` before these tests');
  dataDir = await mkdtemp(join(tmpdir(), 'swb-cli-serve-'));
  serve = spawn(
    process.execPath,
    [BIN, 'serve', '--data-dir', dataDir, '--listen', '127.0.0.1:0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let serveErr = '';
  serve.stderr?.on('data', (chunk: Buffer) => (serveErr += chunk.toString()));
  const ready = await waitForLine(serve.stdout as NodeJS.ReadableStream, READY).catch(
    (error: Error) => {
      throw new Error(`${error.message}; serve wrote: ${serveErr}`);
    },
  );
  mcpUrl = ready[1] ?? '';
  uiUrl = ready[2] ?? '';
});

afterAll(async () => {
  if (serve.exitCode === null) {
    serve.kill('SIGKILL');
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('the CLI against a running `switchboard serve` (real core, real MCP servers)', () => {
  it('serve prints the ready line with the real port, and status finds the instance through the data directory', async () => {
    expect(mcpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(mcpUrl).not.toContain(':0/');
    const status = await runJson<StatusInfo>(['status']);
    expect(status.mcp_url).toBe(mcpUrl);
    expect(status.ui_url).toBe(uiUrl);
    expect(status.data_dir).toBe(dataDir);
  });

  it('servers add (stdio, server-everything) and list; a taken name is an API error (exit 1)', async () => {
    const added = await run([
      'servers',
      'add',
      'everything',
      '--',
      process.execPath,
      EVERYTHING,
      'stdio',
    ]);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Server everything added.');
    const servers = await runJson<ServerInfo[]>(['servers', 'list']);
    expect(servers.map((s) => s.name)).toContain('everything');
    const again = await run(['servers', 'add', 'everything', '--', 'node']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('demo drives real calls: successes, tool errors and a blocked delete; policies list shows its rule', async () => {
    const summary = await runJson<{
      calls: number;
      success: number;
      tool_error: number;
      blocked: number;
      rpc_error: number;
    }>(['demo', '--calls', '12']);
    expect(summary.calls).toBe(12);
    expect(summary.success).toBeGreaterThan(0);
    expect(summary.tool_error).toBeGreaterThan(0);
    expect(summary.blocked).toBeGreaterThan(0);
    expect(summary.rpc_error).toBe(0);
    const rules = await runJson<PolicyRule[]>(['policies', 'list']);
    expect(rules[0]).toMatchObject({
      id: 'demo-no-deletes',
      effect: 'block',
      server: 'demo',
      tool: 'delete_*',
    });
    const blocked = await runJson<ActivityPage>([
      'activity',
      'list',
      '--type',
      'policy_decision',
      '--server',
      'demo',
    ]);
    expect(blocked.total).toBe(summary.blocked);
    expect(blocked.activities[0]).toMatchObject({
      status: 'blocked',
      policy_id: 'demo-no-deletes',
      reason: 'Deletions need a human',
    });
    const calls = await runJson<ActivityPage>([
      'activity',
      'list',
      '--type',
      'tool_call',
      '--server',
      'demo',
      '--limit',
      '1',
    ]);
    expect(calls.total + blocked.total).toBe(12);
  });

  it('activity show, summary and a table list', async () => {
    const page = await runJson<ActivityPage>([
      'activity',
      'list',
      '--status',
      'blocked',
      '--limit',
      '1',
    ]);
    const id = page.activities[0]?.id ?? '';
    const shown = await run(['activity', 'show', id]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('demo-no-deletes');
    const summary = await runJson<{ total: number; by_status: { blocked: number } }>([
      'activity',
      'summary',
      '--period',
      '1h',
    ]);
    expect(summary.by_status.blocked).toBeGreaterThan(0);
    const table = await run(['activity', 'list', '--since', '1h', '--limit', '5']);
    expect(table.stdout).toMatch(/Showing 1-5 of \d+/);
    const slowest = await runJson<ActivityPage>(['activity', 'list', '--sort', 'duration_desc']);
    const durations = slowest.activities.map((r) => r.duration_ms ?? -1);
    expect(durations).toEqual([...durations].sort((a, b) => b - a));
    const badSort = await run(['activity', 'list', '--sort', 'slowest']);
    expect(badSort.code).not.toBe(0);
    expect(badSort.stderr).toMatch(
      /--sort.*slowest.*time_desc, time_asc, duration_desc, duration_asc/s,
    );
    const missing = await run(['activity', 'show', '01JZZZZZZZZZZZZZZZZZZZZZZZ']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/not found/);
  });

  it('activity export writes CSV and JSON Lines with every matching record', async () => {
    const total = (await runJson<ActivityPage>(['activity', 'list', '--limit', '1'])).total;
    const csv = join(dataDir, 'out.csv');
    const exported = await run(['activity', 'export', '--output', csv, '--include-bodies']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(`Exported ${total} records to ${csv} (csv).\n`);
    const text = await readFile(csv, 'utf8');
    expect(text.startsWith('id,type,timestamp,server_name,tool_name,status,')).toBe(true);
    const jsonl = join(dataDir, 'out.jsonl');
    expect(await runJson<{ rows: number }>(['activity', 'export', '--output', jsonl])).toEqual({
      rows: total,
      format: 'jsonl',
      path: jsonl,
    });
    expect((await readFile(jsonl, 'utf8')).trim().split('\n')).toHaveLength(total);
  });

  it('activity watch prints live events, filtered', async () => {
    const watch = spawn(
      process.execPath,
      [BIN, 'activity', 'watch', '--json', '--type', 'quarantine_change', '--data-dir', dataDir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      await waitForLine(
        watch.stderr as NodeJS.ReadableStream,
        /^Watching http:\/\/127\.0\.0\.1:\d+\/events/,
      );
      const firstEvent = waitForLine(watch.stdout as NodeJS.ReadableStream, /^\{/);
      expect((await run(['servers', 'quarantine', 'everything'])).code).toBe(0);
      const event = JSON.parse((await firstEvent).input) as ActivityEvent;
      expect(event.event).toBe('activity.quarantine_change');
      expect(event.record).toMatchObject({
        server_name: 'everything',
        metadata: { quarantined: true },
      });
      expect(typeof event.seq).toBe('number');
    } finally {
      watch.kill('SIGINT');
    }
    expect((await run(['servers', 'unquarantine', 'everything'])).code).toBe(0);
  });

  it('tokens create, list and revoke', async () => {
    const created = await runJson<{ id: string; token: string }>([
      'tokens',
      'create',
      'Claude Desktop',
    ]);
    expect(created.token).toMatch(/^swb_[A-Za-z0-9_-]{43}$/);
    expect((await run(['tokens', 'revoke', created.id])).code).toBe(0);
    const tokens = await runJson<{ id: string; revoked: boolean }[]>(['tokens', 'list']);
    expect(tokens.find((t) => t.id === created.id)?.revoked).toBe(true);
  });

  it('policies set from a YAML file; an invalid rule is the API error naming the rule (exit 1)', async () => {
    const rules = join(dataDir, 'rules.yaml');
    await writeFile(rules, "- id: no-env\n  effect: block\n  arguments:\n    path: '*.env'\n");
    expect((await runJson<PolicyRule[]>(['policies', 'set', rules])).map((r) => r.id)).toEqual([
      'no-env',
    ]);
    const bad = join(dataDir, 'bad.json');
    await writeFile(bad, JSON.stringify([{ id: 'x', effect: 'deny' }]));
    const result = await run(['policies', 'set', bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /policies\[0\]\.effect: expected one of "allow", "block", "ask", got "deny"/,
    );
  });

  it('servers import adds new names, skips existing ones and reports invalid ones (exit 1)', async () => {
    const file = join(dataDir, 'claude_desktop_config.json');
    const memory = join(ROOT, 'node_modules/@modelcontextprotocol/server-memory/dist/index.js');
    await writeFile(
      file,
      JSON.stringify({
        mcpServers: {
          memory: { command: process.execPath, args: [memory], autoApprove: [] },
          everything: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-everything'] },
          'bad name': { command: 'x' },
        },
      }),
    );
    const result = await run(['servers', 'import', file, '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      added: string[];
      skipped: string[];
      failed: { name: string; error: string }[];
    };
    expect(report.added).toEqual(['memory']);
    expect(report.skipped).toEqual(['everything']);
    expect(report.failed[0]?.error).toMatch(/mcpServers\["bad name"\]: expected a server name/);
  });

  it('servers disable, enable, restart and remove', async () => {
    expect((await runJson<ServerInfo>(['servers', 'disable', 'memory'])).status).toBe('disabled');
    expect((await runJson<ServerInfo>(['servers', 'enable', 'memory'])).enabled).toBe(true);
    expect((await run(['servers', 'restart', 'memory'])).code).toBe(0);
    expect((await run(['servers', 'remove', 'memory'])).stdout).toBe('Server memory removed.\n');
    const missing = await run(['servers', 'remove', 'memory']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No server is named "memory"/);
    const changes = await runJson<ActivityPage>([
      'activity',
      'list',
      '--type',
      'server_change',
      '--server',
      'memory',
    ]);
    expect(changes.activities.map((r) => r.metadata.action)).toEqual(
      expect.arrayContaining(['add', 'disable', 'enable', 'restart', 'remove']),
    );
  });

  it('connect bridges a stdio MCP client to /mcp with a token', async () => {
    const created = await runJson<{ token: string }>(['tokens', 'create', 'bridge']);
    const client = new Client({ name: 'stdio-agent', version: '1' });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, 'connect', '--token', created.token, '--data-dir', dataDir],
      stderr: 'pipe',
    });
    try {
      await client.connect(transport);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('demo__echo');
      const result = (await client.callTool({
        name: 'demo__echo',
        arguments: { text: 'via stdio' },
      })) as CallToolResult;
      expect(result.content[0]).toEqual({ type: 'text', text: 'via stdio' });
    } finally {
      await client.close();
    }
  });

  it('a second serve on the same data directory says which process holds it (exit 1)', async () => {
    const second = await run(['serve', '--listen', '127.0.0.1:0']);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`in use by another Switchboard \\(pid ${serve.pid}`));
  });

  it('SIGINT closes serve cleanly (exit 0); then the CLI says nothing is running', async () => {
    const exited = new Promise<number | null>((done) => serve.once('exit', (code) => done(code)));
    serve.kill('SIGINT');
    expect(await exited).toBe(0);
    const status = await run(['status', '--url', mcpUrl]);
    expect(status.code).toBe(1);
    expect(status.stderr).toBe(
      `No Switchboard is running at ${mcpUrl.replace(/\/mcp$/, '')} (start one with: switchboard serve).\n`,
    );
  });
});
