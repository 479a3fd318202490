/**
 * A real proxy for integration tests and the overhead bench: a SQLite file in a temp dir through
 * the real migrations, the real record queue, store, token store and policy engine, the upstream
 * manager with real MCP servers, and the gateway behind a plain node:http server on 127.0.0.1:0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { ActivityRecord } from '../../src/shared/activity';
import type { PolicyRule } from '../../src/shared/servers';
import {
  createActivityStore,
  createRecordQueue,
  createWorkerRowWriter,
} from '../../src/main/core/activity';
import type { ActivityStore, RecordQueue } from '../../src/main/core/activity';
import type { ServerConfig, SwitchboardConfig } from '../../src/main/core/config/contracts';
import { DEFAULT_ACTIVITY_SETTINGS } from '../../src/main/core/config/defaults';
import {
  createTelemetry,
  DEFAULT_TELEMETRY_SETTINGS,
  traceCallRecords,
  traceMcpRequestHandlers,
  traceMcpRequests,
  traceToolCalls,
  traceUpstreamCalls,
  traceUpstreamRequests,
  type Telemetry,
} from '../../src/main/core/telemetry';
import { openDatabase, type SwitchboardDatabase } from '../../src/main/core/db';
import { createActivityEventBus, type ActivityEventBus } from '../../src/main/core/events';
import {
  createApprovalGate,
  createPendingRequestRegistry,
  createSessionGrants,
} from '../../src/main/core/approvals';
import {
  createCallsInFlightGauge,
  type CallsInFlightGauge,
} from '../../src/main/core/callsInFlightGauge';
import {
  countCallsInFlight,
  createGateway,
  type Gateway,
  type GatewayOptions,
} from '../../src/main/core/gateway';
import { createPinRepository, createToolPins } from '../../src/main/core/pins';
import { createPolicyEngine } from '../../src/main/core/policy';
import type { PolicyEngine } from '../../src/main/core/policy';
import { createTokenStore, type TokenStore } from '../../src/main/core/tokens';
import {
  createUpstreamManager,
  type UpstreamManagerWithRouter,
} from '../../src/main/core/upstreams';
import { SERVER_EVERYTHING } from '../support/mcpServers';

export interface ProxyHarness {
  dir: string;
  db: SwitchboardDatabase;
  events: ActivityEventBus;
  recorder: RecordQueue;
  store: ActivityStore;
  tokens: TokenStore;
  upstreams: UpstreamManagerWithRouter;
  gateway: Gateway;
  /** The gateway's requests in flight, counted as createSwitchboard counts them. */
  callsInFlight: CallsInFlightGauge;
  config: SwitchboardConfig;
  telemetry: Telemetry;
  mcpUrl: string;
  /** A valid MCP token secret. */
  token: string;
  setPolicies(rules: PolicyRule[]): void;
  apply(servers: ServerConfig[]): Promise<void>;
  connectAgent(options?: { token?: string; name?: string }): Promise<Client>;
  /** Commits what is queued, then returns every record (oldest first). */
  records(): Promise<ActivityRecord[]>;
  close(): Promise<void>;
}

export interface ProxyHarnessOptions {
  servers: ServerConfig[];
  policies?: PolicyRule[];
  settings?: Partial<SwitchboardConfig>;
  sessionIdleMs?: number;
  maxSessionsPerToken?: number;
  onSessionClosed?: GatewayOptions['onSessionClosed'];
  /** Commit records in this recorder worker entry, as `serve` does; else on this thread. */
  recorderWorker?: string;
  /** Trace calls as createSwitchboard does (SPEC 13), exporting to this OTLP base address. */
  otlpEndpoint?: string;
  /** Export telemetry from this worker entry, as `serve` does; else on this thread. */
  telemetryWorker?: string;
  /** Wire tool pinning (SPEC 11) as the core does, in the mode `settings.tool_pinning` names. */
  toolPins?: boolean;
}

export function stdioServer(
  name: string,
  script: string,
  args: string[],
  extra: Partial<ServerConfig> = {},
): ServerConfig {
  return {
    name,
    transport: 'stdio',
    command: process.execPath,
    args: [script, ...args],
    env: {},
    headers: {},
    enabled: true,
    quarantined: false,
    timeout_ms: 600_000,
    ...extra,
  };
}

export function everythingStdio(
  name = 'everything',
  extra: Partial<ServerConfig> = {},
): ServerConfig {
  return stdioServer(name, SERVER_EVERYTHING, ['stdio'], extra);
}

export function remoteServer(
  name: string,
  url: string,
  extra: Partial<ServerConfig> = {},
): ServerConfig {
  return {
    name,
    transport: 'streamable-http',
    url,
    args: [],
    env: {},
    headers: {},
    enabled: true,
    quarantined: false,
    timeout_ms: 600_000,
    ...extra,
  };
}

export async function startProxy(options: ProxyHarnessOptions): Promise<ProxyHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-proxy-'));
  const file = join(dir, 'activity.db');
  const db = openDatabase(file);
  const events = createActivityEventBus();
  const config: SwitchboardConfig = {
    listen: '127.0.0.1:0',
    api_key: 'test-api-key',
    servers: options.servers,
    policies: options.policies ?? [],
    ...DEFAULT_ACTIVITY_SETTINGS,
    redact_keys: [...DEFAULT_ACTIVITY_SETTINGS.redact_keys],
    telemetry: { ...DEFAULT_TELEMETRY_SETTINGS, headers: {} },
    ...options.settings,
  };
  const recorder = createRecordQueue({
    db,
    ...(options.recorderWorker
      ? { writer: createWorkerRowWriter({ entry: options.recorderWorker, file }) }
      : {}),
    bus: events,
    settings: () => config,
    intervalMs: 20,
  });
  const store = createActivityStore(db);
  const tokens = createTokenStore(db);
  let policy: PolicyEngine = createPolicyEngine(config.policies);
  const pins = options.toolPins
    ? createToolPins({
        repository: createPinRepository(db.sqlite),
        mode: () => config.tool_pinning,
        enqueue: (record) => recorder.enqueue(record),
      })
    : undefined;
  const upstreams = createUpstreamManager({
    recorder,
    backoff: { initialMs: 100, maxMs: 2_000, stableMs: 60_000 },
    ...(pins ? { pins } : {}),
  });
  await upstreams.apply(config);
  const telemetry = createTelemetry({
    version: 'test',
    env: {},
    ...(options.telemetryWorker === undefined ? {} : { workerEntry: options.telemetryWorker }),
  });
  if (options.otlpEndpoint !== undefined) {
    config.telemetry = { ...config.telemetry, otlp_endpoint: options.otlpEndpoint };
    telemetry.apply(config);
  }
  // Traced as createSwitchboard traces it (SPEC 13); each wrapper is one check while telemetry is off.
  const transportOf = (name: string) =>
    config.servers.find((server) => server.name === name)?.transport;
  const gateway = createGateway({
    upstreams: traceUpstreamRequests(traceUpstreamCalls(upstreams, transportOf), transportOf),
    recorder: traceCallRecords(recorder),
    wrapToolCallHandler: (handler) => traceToolCalls(handler, telemetry),
    requestHook: traceMcpRequestHandlers(telemetry),
    events,
    tokens,
    getPolicy: () => policy,
    approvals: createApprovalGate({
      registry: createPendingRequestRegistry(),
      grants: createSessionGrants(),
      settings: () => config,
    }),
    sessionIdleMs: options.sessionIdleMs,
    maxSessionsPerToken: options.maxSessionsPerToken,
    onSessionClosed: (id, why) => options.onSessionClosed?.(id, why),
  });
  const callsInFlight = createCallsInFlightGauge();
  const handleMcpRequest = countCallsInFlight(
    traceMcpRequests((req, res) => gateway.handleRequest(req, res), telemetry),
    callsInFlight,
  );
  const http = createServer((req, res) => {
    if (req.url?.startsWith('/mcp')) {
      handleMcpRequest(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(error));
      });
    } else {
      res.writeHead(404).end();
    }
  });
  const port = await listen(http);
  const mcpUrl = `http://127.0.0.1:${port}/mcp`;
  const token = tokens.create('test agent').token;
  const agents: Client[] = [];

  return {
    dir,
    db,
    events,
    recorder,
    store,
    tokens,
    upstreams,
    gateway,
    callsInFlight,
    config,
    telemetry,
    mcpUrl,
    token,
    setPolicies(rules) {
      config.policies = rules;
      policy = createPolicyEngine(rules);
    },
    async apply(servers) {
      config.servers = servers;
      await upstreams.apply(config);
    },
    async connectAgent(agent = {}) {
      const client = new Client({ name: agent.name ?? 'test-agent', version: '1.2.3' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(mcpUrl), {
          requestInit: { headers: { Authorization: `Bearer ${agent.token ?? token}` } },
        }),
      );
      agents.push(client);
      return client;
    },
    async records() {
      await recorder.flush();
      return [...store.iterate({})].reverse();
    },
    async close() {
      await Promise.all(agents.map((client) => client.close().catch(() => undefined)));
      await gateway.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await upstreams.close();
      await recorder.close();
      await telemetry.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function listen(server: HttpServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface EverythingHttp {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * server-everything over Streamable HTTP (or the legacy SSE transport) on a free port; resolves
 * when it says it is listening.
 */
export async function startEverythingHttp(
  port?: number,
  mode: 'streamableHttp' | 'sse' = 'streamableHttp',
): Promise<EverythingHttp> {
  const chosen = port ?? (await freePort());
  const child = spawn(process.execPath, [SERVER_EVERYTHING, mode], {
    env: { ...process.env, PORT: String(chosen) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (/(listening|running) on port/.test(seen)) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`server-everything (streamableHttp) exited with ${code}: ${seen}`)),
    );
  });
  return {
    url: `http://127.0.0.1:${chosen}/${mode === 'sse' ? 'sse' : 'mcp'}`,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
