import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SWITCHBOARD_BIN } from './mcpServers';
import { createRestClient, type RestClient } from './restClient';

const READY_LINE = /^Switchboard ready {2}MCP (\S+) {2}UI (\S+)$/;

export interface ServeProcess extends RestClient {
  child: ChildProcess;
  dataDir: string;
  mcpUrl: string;
  uiUrl: string;
  baseUrl: string;
  apiKey: string;
  /** Creates an MCP token through REST and returns its secret. */
  createToken(name: string): Promise<string>;
  /** SIGTERM (flushes the log) and wait for exit. */
  stop(): Promise<number | null>;
  /** SIGKILL: no flush. */
  kill(): Promise<void>;
  stderr(): string;
}

export interface StartServeOptions {
  dataDir?: string;
  /** Written to mcp_config.json before start (merged over an api_key and a loopback listen). */
  config?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  /** host:port to bind (default 127.0.0.1:0), e.g. the previous port when restarting. */
  listen?: string;
  timeoutMs?: number;
}

/** Starts the built `switchboard serve` on a free port and waits for its one ready line. */
export async function startServe(options: StartServeOptions = {}): Promise<ServeProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'swb-serve-'));
  mkdirSync(dataDir, { recursive: true });
  if (options.config) {
    const apiKey = `test-key-${Math.random().toString(36).slice(2)}`;
    writeFileSync(
      join(dataDir, 'mcp_config.json'),
      JSON.stringify({ listen: '127.0.0.1:0', api_key: apiKey, ...options.config }, null, 2),
    );
  }
  const child = spawn(
    process.execPath,
    [SWITCHBOARD_BIN, 'serve', '--data-dir', dataDir, '--listen', options.listen ?? '127.0.0.1:0'],
    {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
  });

  const urls = await new Promise<{ mcp: string; ui: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`switchboard serve did not print its ready line in time:\n${stderr}`)),
      options.timeoutMs ?? 20_000,
    );
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = READY_LINE.exec(line.trim());
      if (match) {
        clearTimeout(timer);
        resolve({ mcp: match[1]!, ui: match[2]! });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`switchboard serve exited with ${code} before it was ready:\n${stderr}`));
    });
  });

  const baseUrl = new URL(urls.mcp).origin;
  const apiKey = (
    JSON.parse(readFileSync(join(dataDir, 'mcp_config.json'), 'utf8')) as { api_key: string }
  ).api_key;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const rest = createRestClient(baseUrl, apiKey);

  return {
    child,
    dataDir,
    mcpUrl: urls.mcp,
    uiUrl: urls.ui,
    baseUrl,
    apiKey,
    ...rest,
    async createToken(name) {
      const { status, body } = await rest.api<{ data: { token: string } }>(
        'POST',
        '/api/v1/settings/mcp-tokens',
        { name },
      );
      if (status >= 300)
        throw new Error(`token creation failed with ${status}: ${JSON.stringify(body)}`);
      return body.data.token;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    stderr: () => stderr,
  };
}
