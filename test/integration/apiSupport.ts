/**
 * A running core for the HTTP integration tests: createSwitchboard on a temp data dir with
 * server-everything over stdio, plus REST helpers that use the api key.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSwitchboard } from '../../src/main/core/createSwitchboard';
import type { Switchboard } from '../../src/main/core/switchboard';
import { everythingStdioEntry } from '../support/mcpServers';

export interface RunningCore {
  switchboard: Switchboard;
  dataDir: string;
  apiKey: string;
  base: string;
  api<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  data<T>(method: string, path: string, body?: unknown): Promise<T>;
  waitForTotal(query: string, atLeast: number, timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

export async function startCore(config: Record<string, unknown> = {}): Promise<RunningCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'swb-api-'));
  const apiKey = `api-key-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  writeFileSync(
    join(dataDir, 'mcp_config.json'),
    JSON.stringify({
      listen: '127.0.0.1:0',
      api_key: apiKey,
      mcpServers: { everything: everythingStdioEntry() },
      ...config,
    }),
  );
  const switchboard = await createSwitchboard({ dataDir, log: () => undefined });
  const base = switchboard.urls.base;

  const api: RunningCore['api'] = async (method, path, body) => {
    const response = await fetch(base + path, {
      method,
      headers: {
        'X-API-Key': apiKey,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as never };
  };
  const data = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const { status, body: parsed } = await api<{ success: boolean; data: T; error?: string }>(
      method,
      path,
      body,
    );
    if (status >= 300 || !parsed.success)
      throw new Error(`${method} ${path} -> ${status}: ${JSON.stringify(parsed)}`);
    return parsed.data;
  };
  return {
    switchboard,
    dataDir,
    apiKey,
    base,
    api,
    data,
    async waitForTotal(query, atLeast, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        // Records commit within the queue's interval (<= 100 ms): a flush makes the wait exact.
        await switchboard.recorder.flush();
        const page = await data<{ total: number }>('GET', `/api/v1/activity?${query}`);
        if (page.total >= atLeast) return page.total;
        if (Date.now() > deadline)
          throw new Error(`only ${page.total} of ${atLeast} records for "${query}"`);
      }
    },
    async stop() {
      await switchboard.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until every upstream is ready (their tools are listed). */
export async function waitForServersReady(core: RunningCore, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const servers = await core.data<{ status: string }[]>('GET', '/api/v1/servers');
    if (servers.length > 0 && servers.every((server) => server.status === 'ready')) return;
    if (Date.now() > deadline) throw new Error(`servers not ready: ${JSON.stringify(servers)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
