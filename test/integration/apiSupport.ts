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
