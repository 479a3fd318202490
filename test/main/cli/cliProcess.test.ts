import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const BIN = join(ROOT, 'bin/switchboard.js');
let dataDir: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? '', SWITCHBOARD_HOME: dataDir, ...env }, timeout: 20_000 },
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

/** A port nothing listens on: bind 0, read it, close. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out/main/cli.js')))
    throw new Error('out/main/cli.js is missing: run `npm run build` before these tests');
  dataDir = await mkdtemp(join(tmpdir(), 'swb-cli-proc-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('switchboard (subprocess)', () => {
  it('--version prints the package version and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const result = await run(['--version']);
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.each([
    [['bogus'], /unknown command 'bogus'/],
    [['activity', 'list', '--since', 'yesterday'], /--since <time>.*expected an RFC 3339 time/],
    [
      ['activity', 'list', '--limit', '500'],
      /--limit <n>.*expected an integer from 1 to 100, got 500/,
    ],
    [
      ['activity', 'list', '--status', 'fine'],
      /expected one of success, error, blocked, got "fine"/,
    ],
    [['activity', 'list', '--output', 'xml'], /Allowed choices are table, json, yaml/],
    [['activity', 'show'], /missing required argument 'id'/],
    [['activity', 'export'], /required option '--output <file>' not specified/],
    [
      ['activity', 'export', '--output', 'log.txt'],
      /--format: cannot tell the format from "log.txt"/,
    ],
    [['servers', 'add', 'x'], /missing the server/],
    [['servers', 'add', 'x', '--url', 'http://h', '--', 'node'], /not both/],
    [
      ['servers', 'add', 'x', '--env', 'novalue', '--', 'node'],
      /--env <KEY=VALUE>.*expected KEY=VALUE, got "novalue"/,
    ],
    [
      ['policies', 'set', '/nonexistent/rules.json'],
      /cannot read \/nonexistent\/rules\.json: ENOENT/,
    ],
    [['connect'], /--token: missing/],
    [['status', '--url', 'not a url'], /--url: expected an http:\/\/ URL/],
    [['serve', '--listen', 'nonsense'], /--listen: expected host:port/],
  ])('%j exits 2 with the reason', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('says in one sentence that nothing is running, and exits 1', async () => {
    const port = await closedPort();
    const result = await run(['status', '--url', `http://127.0.0.1:${port}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `No Switchboard is running at http://127.0.0.1:${port} (start one with: switchboard serve).\n`,
    );
    expect(result.stdout).toBe('');
  });

  it("finds the instance from the data directory's listen", async () => {
    const port = await closedPort();
    await writeFile(
      join(dataDir, 'mcp_config.json'),
      JSON.stringify({ listen: `127.0.0.1:${port}`, api_key: 'x'.repeat(43) }),
    );
    const result = await run(['activity', 'list']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `No Switchboard is running at http://127.0.0.1:${port} (start one with: switchboard serve).\n`,
    );
  });

  describe('against an HTTP server that answers with API errors', () => {
    let server: Server;
    let url: string;
    const seen: { path: string; key: string | undefined }[] = [];
    beforeAll(async () => {
      server = createServer((req, res) => {
        seen.push({ path: req.url ?? '', key: req.headers['x-api-key'] as string | undefined });
        const unauthorized = req.headers['x-api-key'] !== 'right-key';
        res.writeHead(unauthorized ? 401 : 500, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            success: false,
            error: unauthorized ? 'missing or wrong API key' : 'database is locked',
          }),
        );
      });
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise<void>((ok) => server.close(() => ok()));
    });

    it("exits 1 with the API's error, sending the key from $SWITCHBOARD_API_KEY", async () => {
      const result = await run(['tokens', 'list', '--url', url], {
        SWITCHBOARD_API_KEY: 'right-key',
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('database is locked\n');
      expect(seen.at(-1)).toEqual({ path: '/api/v1/settings/mcp-tokens', key: 'right-key' });
    });

    it('a refused key says how to pass the right one', async () => {
      const result = await run([
        'activity',
        'list',
        '--url',
        url,
        '--api-key',
        'wrong',
        '--type',
        'tool_call,policy_decision',
        '--since',
        '1h',
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^missing or wrong API key \(pass --api-key/);
      const query = new URL(seen.at(-1)?.path ?? '', url).searchParams;
      expect(query.get('type')).toBe('tool_call,policy_decision');
      expect(query.get('start_time')).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(query.get('limit')).toBe('50');
    });
  });
});
