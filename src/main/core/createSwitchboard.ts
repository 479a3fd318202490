import { countCallsInFlight, createGateway } from './gateway';
import { createHttpServer } from './http';
import {
  traceCallRecords,
  traceMcpRequestHandlers,
  traceMcpRequests,
  traceToolCalls,
  traceUpstreamCalls,
  traceUpstreamRequests,
} from './telemetry';
import type { Switchboard } from './switchboard';
import { openSwitchboardCore, type SwitchboardCoreOptions } from './switchboardCore';

export interface CreateSwitchboardOptions extends SwitchboardCoreOptions {
  /** Overrides the config's `listen` for this run (e.g. `127.0.0.1:0`). */
  listen?: string;
  /** The built renderer to serve at `/`; defaults to out/renderer. */
  uiDir?: string;
}

/**
 * SPEC 1: the composition root that both `switchboard serve` and the desktop shell call: the core,
 * the `/mcp` gateway and one HTTP listener for MCP, REST, SSE and the UI.
 */
export async function createSwitchboard(options: CreateSwitchboardOptions): Promise<Switchboard> {
  const core = await openSwitchboardCore(options);
  const { switchboard, upstreams, telemetry, log } = core;
  try {
    // SPEC 13: the gateway's calls are traced by wrapping what it calls, not by editing its path.
    const transportOf = (name: string) =>
      switchboard.config.get().servers.find((server) => server.name === name)?.transport;
    const tracedGateway = createGateway({
      upstreams: traceUpstreamRequests(traceUpstreamCalls(upstreams, transportOf), transportOf),
      recorder: traceCallRecords(switchboard.recorder),
      wrapToolCallHandler: (handler) => traceToolCalls(handler, telemetry),
      requestHook: traceMcpRequestHandlers(telemetry),
      events: switchboard.events,
      tokens: switchboard.tokens,
      getPolicy: core.policy,
      approvals: core.approvalGate,
      calls: core.calls,
      elicitationMode: () => switchboard.config.get().elicitation,
      onSessionClosed: (sessionId) => core.sessionGrants.endSession(sessionId),
      onError: (error) => log(`switchboard: /mcp: ${error.message}`),
    });
    const gateway = Object.create(tracedGateway) as typeof tracedGateway;
    gateway.handleRequest = countCallsInFlight(
      traceMcpRequests((req, res) => tracedGateway.handleRequest(req, res), telemetry),
      core.callsInFlightGauge,
    );
    core.onClose(() => gateway.close());

    const http = createHttpServer({
      switchboard,
      gateway,
      uiDir: options.uiDir,
      listen: options.listen ?? switchboard.config.get().listen,
      log: (message, error) => log(error === undefined ? message : `${message} ${String(error)}`),
    });
    const address = await http.listen();
    core.onClose(() => http.close());
    // Runs first: pending approvals are denied while agents can still read the answer.
    core.onClose(() => core.denyPendingApprovals());
    core.setBaseUrl(
      `http://${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`,
    );

    await upstreams.apply(switchboard.config.get());
    return switchboard;
  } catch (error) {
    await switchboard.close();
    throw error;
  }
}
