/**
 * A running Switchboard (createSwitchboard on a temp data dir) whose upstream is the meta-echo
 * server, with a real OTLP receiver, for the telemetry tests.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { createSwitchboard } from '../../src/main/core/createSwitchboard';
import type { Switchboard } from '../../src/main/core/switchboard';
import type { ExportTuning } from '../../src/main/core/telemetry';
import { connectAgent } from '../support/agent';
import { createRestClient, type RestClient } from '../support/restClient';
import { TELEMETRY_WORKER_SOURCE } from '../support/workers';

export const META_ECHO_SERVER = resolve(import.meta.dirname, '../support/metaEchoServer.mjs');

/** Short timers so a test sees exports (and failed exports) within a second. */
export const TEST_TUNING: ExportTuning = {
  maxQueueSize: 64,
  maxExportBatchSize: 16,
  scheduledDelayMillis: 50,
  exportTimeoutMillis: 1_000,
  metricIntervalMillis: 60_000,
};

export interface TracedSwitchboard extends RestClient {
  switchboard: Switchboard;
  agent: Client;
  stop(): Promise<void>;
}

export async function startTracedSwitchboard(
  config: Record<string, unknown>,
  options: { tuning?: ExportTuning; env?: Record<string, string> } = {},
): Promise<TracedSwitchboard> {
  const dataDir = mkdtempSync(join(tmpdir(), 'swb-otel-'));
  const apiKey = `api-key-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  writeFileSync(
    join(dataDir, 'mcp_config.json'),
    JSON.stringify({
      listen: '127.0.0.1:0',
      api_key: apiKey,
      mcpServers: { echo: { command: process.execPath, args: [META_ECHO_SERVER] } },
      ...config,
    }),
  );
  const switchboard = await createSwitchboard({
    dataDir,
    watchConfig: false,
    log: () => undefined,
    telemetryWorker: TELEMETRY_WORKER_SOURCE,
    telemetry: { env: options.env ?? {}, tuning: options.tuning ?? TEST_TUNING },
  });
  const rest = createRestClient(switchboard.urls.base, apiKey, () => switchboard.recorder.flush());
  const token = switchboard.tokens.create('test agent').token;
  const agent = await connectAgent(switchboard.urls.mcp, token);
  return {
    ...rest,
    switchboard,
    agent,
    async stop() {
      await agent.close();
      await switchboard.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
