/**
 * A running core for the HTTP integration tests: createSwitchboard on a temp data dir with
 * server-everything over stdio, plus REST helpers that use the api key.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createSwitchboard,
  type CreateSwitchboardOptions,
} from '../../src/main/core/createSwitchboard';
import type { Switchboard } from '../../src/main/core/switchboard';
import type { ActivityRecord } from '../../src/shared/activity';
import { everythingStdioEntry } from '../support/mcpServers';
import { createRestClient, type RestClient } from '../support/restClient';
import { whenEvent } from '../support/waitFor';

export interface RunningCore extends RestClient {
  switchboard: Switchboard;
  dataDir: string;
  apiKey: string;
  base: string;
  stop(): Promise<void>;
}

export async function startCore(
  config: Record<string, unknown> = {},
  coreOptions: Partial<CreateSwitchboardOptions> = {},
): Promise<RunningCore> {
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
  const switchboard = await createSwitchboard({ dataDir, log: () => undefined, ...coreOptions });
  const base = switchboard.urls.base;

  // Records commit within the queue's interval (<= 100 ms): a flush makes each poll exact.
  const rest = createRestClient(base, apiKey, () => switchboard.recorder.flush());
  return {
    switchboard,
    dataDir,
    apiKey,
    base,
    ...rest,
    async stop() {
      await switchboard.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until every upstream is ready (their tools are listed), checked on each change of theirs. */
export async function waitForServersReady(core: RunningCore, timeoutMs = 20_000): Promise<void> {
  await whenEvent(
    (listener) => core.switchboard.upstreams.onDidChange(listener),
    async () => {
      const servers = await core.data<{ status: string }[]>('GET', '/api/v1/servers');
      return servers.length > 0 && servers.every((server) => server.status === 'ready');
    },
    'every upstream ready',
    timeoutMs,
  );
}

/** The records a query lists, each read whole (arguments, response, metadata), after a flush. */
export async function recordsWithBodies(
  core: RunningCore,
  query: string,
): Promise<ActivityRecord[]> {
  await core.switchboard.recorder.flush();
  const page = await core.data<{ activities: ActivityRecord[] }>(
    'GET',
    `/api/v1/activity?${query}`,
  );
  return Promise.all(
    page.activities.map((row) => core.data<ActivityRecord>('GET', `/api/v1/activity/${row.id}`)),
  );
}

export interface EventStreamText {
  /** Reads until the text received so far contains `needle`. */
  readUntil(needle: string): Promise<void>;
  /** Everything received so far. */
  text(): string;
  close(): void;
}

/** The SSE stream `/events` as raw text, connected (its `: connected` comment read). */
export async function openEventText(core: RunningCore): Promise<EventStreamText> {
  const controller = new AbortController();
  const response = await fetch(`${core.base}/events`, {
    headers: { 'X-API-Key': core.apiKey },
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const stream: EventStreamText = {
    async readUntil(needle) {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += decoder.decode(value, { stream: true });
      }
    },
    text: () => text,
    close: () => controller.abort(),
  };
  await stream.readUntil(': connected');
  return stream;
}
