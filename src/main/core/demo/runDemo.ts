import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { DemoSummary } from '../../../shared/demo';

export type { DemoSummary };
import type { PolicyRule, ServerInfo } from '../../../shared/servers';
import { SwitchboardApiError } from '../../../shared/api';
import { ensureDemoAskPolicy, makeAskedCall } from './askedCall';
import type { DemoApi, DemoLauncher } from './demoApi';
import { demoPlan, type DemoCall } from './demoPlan';

export const DEMO_SERVER = 'demo';
export const DEMO_POLICY: PolicyRule = {
  id: 'demo-no-deletes',
  effect: 'block',
  server: DEMO_SERVER,
  tool: 'delete_*',
  reason: 'Deletions need a human',
};
const BLOCKED_PREFIX = 'Blocked by Switchboard policy';
const READY_TIMEOUT_MS = 20_000;

export type DemoOutcome = DemoCall['expect'] | 'rpc_error';

export interface DemoOptions {
  api: DemoApi;
  /** Switchboard's `/mcp` URL, which the demo's MCP client connects to. */
  mcpUrl: string;
  calls: number;
  /** How to run the `switchboard` command: the demo server is its `demo-server`. */
  launcher: DemoLauncher;
  version: string;
  onCall?: (index: number, call: DemoCall, outcome: DemoOutcome) => void;
  /** First make one call that an `ask` rule holds until a person decides. */
  ask?: boolean;
  onAsk?: () => void;
}

/**
 * Makes the monitor come alive against a running instance, offline: ensures the `demo` server
 * and the `demo-no-deletes` rule exist (keeping the other rules), creates a `demo` token, and
 * drives a real MCP client through `/mcp`. The token is revoked afterwards.
 */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const { api } = options;
  await ensureDemoServer(api, options.launcher);
  await ensureDemoPolicy(api);
  if (options.ask === true) await ensureDemoAskPolicy(api);
  await waitUntilReady(api);
  const token = await api.createToken('demo');
  const client = new Client({ name: 'switchboard-demo', version: options.version });
  const transport = new StreamableHTTPClientTransport(new URL(options.mcpUrl), {
    requestInit: { headers: { Authorization: `Bearer ${token.token}` } },
  });
  const started = Date.now();
  const summary: DemoSummary = {
    calls: 0,
    success: 0,
    tool_error: 0,
    blocked: 0,
    rpc_error: 0,
    by_tool: {},
    duration_ms: 0,
  };
  try {
    await client.connect(transport);
    if (options.ask === true) {
      options.onAsk?.();
      summary.asked = await makeAskedCall(client);
    }
    for (const [index, call] of demoPlan(options.calls).entries()) {
      const outcome = await makeCall(client, call);
      summary.calls++;
      summary[outcome]++;
      summary.by_tool[call.tool] = (summary.by_tool[call.tool] ?? 0) + 1;
      options.onCall?.(index, call, outcome);
    }
  } finally {
    await client.close().catch(() => undefined);
    await api.revokeToken(token.id).catch(() => undefined);
  }
  summary.duration_ms = Date.now() - started;
  return summary;
}

async function makeCall(client: Client, call: DemoCall): Promise<DemoOutcome> {
  try {
    const result = (await client.callTool(
      { name: `${DEMO_SERVER}__${call.tool}`, arguments: call.arguments },
      undefined,
      call.tool === 'slow_task'
        ? { onprogress: () => undefined, resetTimeoutOnProgress: true }
        : undefined,
    )) as CallToolResult;
    if (result.isError !== true) return 'success';
    const first = result.content[0];
    return first?.type === 'text' && first.text.startsWith(BLOCKED_PREFIX)
      ? 'blocked'
      : 'tool_error';
  } catch {
    return 'rpc_error';
  }
}

async function ensureDemoServer(api: DemoApi, launcher: DemoLauncher): Promise<void> {
  const wanted = {
    command: launcher.command,
    args: [...launcher.args, 'demo-server'],
    ...(launcher.env !== undefined ? { env: launcher.env } : {}),
  };
  const existing = (await api.listServers()).find((s) => s.name === DEMO_SERVER);
  if (existing === undefined) {
    await api.addServer(DEMO_SERVER, wanted);
    return;
  }
  const same =
    existing.command === wanted.command &&
    JSON.stringify(existing.args ?? []) === JSON.stringify(wanted.args) &&
    Object.keys(existing.env ?? {}).join() === Object.keys(wanted.env ?? {}).join();
  if (!same || !existing.enabled || existing.quarantined) {
    await api.updateServer(DEMO_SERVER, {
      ...wanted,
      enabled: true,
      quarantined: false,
    });
  }
}

/** Puts the demo rule first (so an earlier allow rule cannot hide the blocked call) and keeps the rest. */
async function ensureDemoPolicy(api: DemoApi): Promise<void> {
  const rules = await api.getPolicies();
  if (rules.some((rule) => rule.id === DEMO_POLICY.id)) return;
  await api.setPolicies([DEMO_POLICY, ...rules]);
}

async function waitUntilReady(api: DemoApi): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last: ServerInfo | null = null;
  while (Date.now() < deadline) {
    try {
      last = await api.getServer(DEMO_SERVER);
      if (last.status === 'ready') return;
    } catch (error) {
      // Just added: the upstreams may not list it yet.
      if (!(error instanceof SwitchboardApiError && error.code === 'not_found')) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new SwitchboardApiError(
    'unavailable',
    `The demo server did not become ready within ${READY_TIMEOUT_MS / 1000} s (status ${last?.status ?? 'unknown'}${last?.error ? `: ${last.error}` : ''}).`,
  );
}
