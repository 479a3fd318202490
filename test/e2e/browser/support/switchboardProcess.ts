/**
 * A real `switchboard serve` for one test: its own data directory, mcp_config.json written
 * before start (server-everything over stdio plus a block rule), an optional seeded log, and
 * the URLs read from the one ready line it prints.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SERVER_EVERYTHING } from '../../../support/mcpServers';
import { startServe, type ServeProcess } from '../../../support/serveProcess';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const START_TIMEOUT_MS = 30_000;

export const BLOCK_RULE = {
  id: 'no-env-dumps',
  effect: 'block',
  server: 'everything',
  tool: 'get-env',
  reason: 'Environment dumps need a human',
} as const;

export interface SwitchboardOptions {
  /** Records to seed into activity.db before serve starts (through the real store API). */
  seedRecords?: number;
  /** Start with no servers (the first-run empty state). */
  noServers?: boolean;
}

export interface SwitchboardInstance {
  dataDir: string;
  apiKey: string;
  mcpUrl: string;
  /** `http://127.0.0.1:PORT/?apikey=KEY`: opening it sets the UI cookie. */
  uiUrl: string;
  baseUrl: string;
  seedLine: string | null;
  /** REST call with the api key; returns `data` of the envelope or throws with the API's error. */
  api<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** Stops the process; the data directory stays, and `start()` brings it back on the same port. */
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function writeConfig(dataDir: string, apiKey: string, options: SwitchboardOptions): void {
  const config = {
    listen: '127.0.0.1:0',
    api_key: apiKey,
    mcpServers: options.noServers
      ? {}
      : { everything: { command: process.execPath, args: [SERVER_EVERYTHING, 'stdio'] } },
    policies: options.noServers ? [] : [BLOCK_RULE],
    // The seeded log must survive retention at start.
    activity_max_records: 10_000_000,
    activity_max_size_mb: 4096,
  };
  writeFileSync(join(dataDir, 'mcp_config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

async function seed(dataDir: string, count: number): Promise<string> {
  const script = join(REPO_ROOT, 'test/e2e/browser/support/seedActivity.ts');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', script, join(dataDir, 'activity.db'), String(count)],
    // About 0.2 ms a record on an idle machine; leave room for a busy one.
    { cwd: REPO_ROOT, timeout: Math.max(120_000, count * 2) },
  );
  return stdout.trim();
}

export async function startSwitchboard(
  options: SwitchboardOptions = {},
): Promise<SwitchboardInstance> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-'));
  const apiKey = randomBytes(24).toString('base64url');
  writeConfig(dataDir, apiKey, options);
  const seedLine = options.seedRecords ? await seed(dataDir, options.seedRecords) : null;

  let serve: ServeProcess = await startServe({ dataDir, timeoutMs: START_TIMEOUT_MS });
  const { baseUrl } = serve;

  const kill = async (): Promise<void> => {
    const current = serve;
    if (current.child.exitCode !== null || current.child.signalCode !== null) return;
    await Promise.race([current.stop(), new Promise((done) => setTimeout(done, 5000))]);
    if (current.child.exitCode === null && current.child.signalCode === null) await current.kill();
  };

  return {
    dataDir,
    apiKey,
    mcpUrl: serve.mcpUrl,
    uiUrl: serve.uiUrl,
    baseUrl,
    seedLine,
    api: (method, path, body) => serve.data(method, path, body),
    kill,
    async start() {
      serve = await startServe({
        dataDir,
        listen: new URL(baseUrl).host,
        timeoutMs: START_TIMEOUT_MS,
      });
    },
    async stop() {
      await kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves when every configured server reports `ready` (upstreams connect after the ready line). */
export async function waitForServersReady(
  instance: SwitchboardInstance,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const servers = await instance.api<{ name: string; status: string; error: string | null }[]>(
      'GET',
      '/api/v1/servers',
    );
    if (servers.every((server) => server.status === 'ready')) return;
    const failed = servers.find((server) => server.status === 'error');
    if (failed) throw new Error(`upstream ${failed.name} failed to start: ${failed.error}`);
    if (Date.now() > deadline)
      throw new Error(`servers not ready after ${timeoutMs} ms: ${JSON.stringify(servers)}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}
