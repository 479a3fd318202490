/**
 * SPEC 13 end to end: agent -> Switchboard (/mcp) -> stdio upstream, spans exported over
 * OTLP/HTTP protobuf to a real receiver that decodes them with the official definitions.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import type { ActivityPage } from '../../src/shared/activity';
import type { StatusInfo } from '../../src/shared/servers';
import {
  startOtlpReceiver,
  type DecodedSpan,
  type OtlpReceiver,
} from '../support/otlp/otlpReceiver';
import { resultText } from '../support/agent';
import { startTracedSwitchboard, TEST_TUNING, type TracedSwitchboard } from './telemetrySupport';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const AGENT_SPAN_ID = '00f067aa0ba902b7';

let receiver: OtlpReceiver | null = null;
let running: TracedSwitchboard | null = null;

afterEach(async () => {
  await running?.stop();
  await receiver?.close();
  running = null;
  receiver = null;
});

function spanNamed(spans: DecodedSpan[], name: string, kind: string): DecodedSpan | undefined {
  return spans.find((span) => span.name === name && span.kind === kind);
}

async function telemetryStatus(core: TracedSwitchboard): Promise<StatusInfo['telemetry']> {
  return (await core.data<StatusInfo>('GET', '/api/v1/status')).telemetry;
}

describe('telemetry to a working collector', () => {
  it('exports a SERVER span per agent call and a CLIENT span under it, parented on _meta.traceparent, and passes the context upstream', async () => {
    receiver = await startOtlpReceiver();
    running = await startTracedSwitchboard({ telemetry: { otlp_endpoint: receiver.endpoint } });
    const { agent } = running;

    const result = await agent.callTool({
      name: 'echo__meta',
      arguments: { query: 'weather', password: 'hunter2' },
      _meta: { traceparent: `00-${TRACE_ID}-${AGENT_SPAN_ID}-01` },
    });

    const spans = await receiver.waitForSpans(
      (all) =>
        spanNamed(all, 'tools/call echo__meta', 'SPAN_KIND_SERVER') !== undefined &&
        spanNamed(all, 'tools/call meta', 'SPAN_KIND_CLIENT') !== undefined,
    );
    const server = spanNamed(spans, 'tools/call echo__meta', 'SPAN_KIND_SERVER')!;
    const client = spanNamed(spans, 'tools/call meta', 'SPAN_KIND_CLIENT')!;
    await running.waitForTotal('tool=meta', 1);
    const page = await running.data<ActivityPage>('GET', '/api/v1/activity?tool=meta&limit=1');
    const record = page.activities[0];

    expect(server.traceId).toBe(TRACE_ID);
    expect(server.parentSpanId).toBe(AGENT_SPAN_ID);
    expect(server.resource['service.name']).toBe('switchboard');
    expect(server.attributes).toMatchObject({
      'mcp.method.name': 'tools/call',
      'mcp.session.id': (agent.transport as { sessionId?: string }).sessionId,
      'mcp.protocol.version': expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      'jsonrpc.request.id': expect.any(String),
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'echo__meta',
      'network.transport': 'tcp',
      'switchboard.record.id': record!.id,
      'switchboard.token.name': 'test agent',
      'switchboard.decision': 'allowed',
    });
    expect(server.attributes).not.toHaveProperty('error.type');
    expect(server.status.code).toBe('STATUS_CODE_UNSET');

    expect(client.traceId).toBe(TRACE_ID);
    expect(client.parentSpanId).toBe(server.spanId);
    expect(client.attributes).toMatchObject({
      'mcp.method.name': 'tools/call',
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'meta',
      'network.transport': 'pipe',
    });

    // What the upstream received in params._meta: our CLIENT span as the parent, same trace.
    const upstreamMeta = JSON.parse(resultText(result)) as { traceparent?: string };
    expect(upstreamMeta.traceparent).toBe(`00-${TRACE_ID}-${client.spanId}-01`);

    // include_arguments is off: neither arguments nor results leave the machine.
    for (const span of [server, client]) {
      expect(span.attributes).not.toHaveProperty('gen_ai.tool.call.arguments');
      expect(span.attributes).not.toHaveProperty('gen_ai.tool.call.result');
    }
    expect(JSON.stringify(spans)).not.toContain('hunter2');
    expect(JSON.stringify(spans)).not.toContain('weather');

    const status = await telemetryStatus(running);
    expect(status).toMatchObject({
      enabled: true,
      endpoint: receiver.endpoint,
      endpoint_source: 'config',
    });
    expect(status.exported_spans).toBeGreaterThanOrEqual(2);
    expect(status.last_success_at).not.toBeNull();
    console.log(`decoded span dump:\n${JSON.stringify([server, client], null, 2)}`);
  });

  it('traces a call on the SDK path (progress token) and a tool error, with error.type and metrics in seconds', async () => {
    receiver = await startOtlpReceiver();
    running = await startTracedSwitchboard({ telemetry: { otlp_endpoint: receiver.endpoint } });
    const { agent } = running;

    await agent.callTool({ name: 'echo__meta', arguments: {} }, CallToolResultSchema, {
      onprogress: () => undefined,
    });
    const failed = await agent.callTool({ name: 'echo__fail', arguments: {} });
    expect(failed.isError).toBe(true);

    const spans = await receiver.waitForSpans(
      (all) => all.filter((span) => span.kind === 'SPAN_KIND_SERVER').length >= 2,
    );
    const sdkPath = spanNamed(spans, 'tools/call echo__meta', 'SPAN_KIND_SERVER')!;
    expect(sdkPath.attributes['jsonrpc.request.id']).toEqual(expect.any(String));
    expect(sdkPath.attributes['mcp.session.id']).toEqual(expect.any(String));
    const failedServer = spanNamed(spans, 'tools/call echo__fail', 'SPAN_KIND_SERVER')!;
    expect(failedServer.attributes).toMatchObject({
      'error.type': 'tool_error',
      'switchboard.error_kind': 'tool_error',
      'switchboard.decision': 'allowed',
    });
    expect(failedServer.status).toEqual({ code: 'STATUS_CODE_ERROR', message: 'it failed' });
    expect(spanNamed(spans, 'tools/call fail', 'SPAN_KIND_CLIENT')?.attributes['error.type']).toBe(
      'tool_error',
    );

    await running.switchboard.close();
    const metrics = await receiver.waitForMetrics((all) =>
      ['mcp.server.operation.duration', 'mcp.client.operation.duration'].every((name) =>
        all.some((metric) => metric.name === name),
      ),
    );
    const serverMetric = metrics.find((metric) => metric.name === 'mcp.server.operation.duration')!;
    expect(serverMetric.unit).toBe('s');
    expect(serverMetric.points).toContainEqual({
      attributes: expect.objectContaining({
        'mcp.method.name': 'tools/call',
        'gen_ai.tool.name': 'echo__fail',
        'error.type': 'tool_error',
      }),
      count: 1,
    });
    // Low cardinality: no session, request or record ids on metrics.
    for (const point of serverMetric.points) {
      expect(Object.keys(point.attributes)).not.toContain('mcp.session.id');
      expect(Object.keys(point.attributes)).not.toContain('jsonrpc.request.id');
    }
  });

  it("marks a blocked call's span with the decision and policy, and sends nothing upstream", async () => {
    receiver = await startOtlpReceiver();
    running = await startTracedSwitchboard({
      telemetry: { otlp_endpoint: receiver.endpoint },
      policies: [
        { id: 'no-meta', effect: 'block', server: 'echo', tool: 'meta', reason: 'Not here' },
      ],
    });
    const result = await running.agent.callTool({ name: 'echo__meta', arguments: {} });
    expect(result.isError).toBe(true);

    const spans = await receiver.waitForSpans(
      (all) => spanNamed(all, 'tools/call echo__meta', 'SPAN_KIND_SERVER') !== undefined,
    );
    const server = spanNamed(spans, 'tools/call echo__meta', 'SPAN_KIND_SERVER')!;
    expect(server.attributes).toMatchObject({
      'switchboard.decision': 'blocked',
      'switchboard.policy.id': 'no-meta',
      'error.type': 'tool_error',
    });
    expect(server.status.code).toBe('STATUS_CODE_ERROR');
    expect(spans.filter((span) => span.kind === 'SPAN_KIND_CLIENT')).toEqual([]);
  });

  it('sends each signed checkpoint of the audit chain as a span event (SPEC 12-13)', async () => {
    receiver = await startOtlpReceiver();
    running = await startTracedSwitchboard({ telemetry: { otlp_endpoint: receiver.endpoint } });
    await running.agent.callTool({ name: 'echo__meta', arguments: {} });
    await running.waitForTotal('tool=meta', 1);
    // Clearing writes a gap checkpoint before it deletes (SPEC 12).
    await running.data('DELETE', '/api/v1/activity?all=true');

    const spans = await receiver.waitForSpans((all) =>
      all.some((span) =>
        span.events.some(
          (event) => event.attributes['switchboard.audit.gap_reason'] === 'clear_log',
        ),
      ),
    );
    const status = await running.data<StatusInfo>('GET', '/api/v1/status');
    const event = spans
      .flatMap((span) => span.events)
      .find((candidate) => candidate.attributes['switchboard.audit.gap_reason'] === 'clear_log')!;
    expect(event.name).toBe('switchboard.audit.checkpoint');
    expect(event.attributes).toMatchObject({
      'switchboard.audit.key_fingerprint': status.audit.key_fingerprint,
      'switchboard.audit.hash': expect.stringMatching(/^[0-9a-f]{64}$/),
      'switchboard.audit.signature': expect.any(String),
    });
    expect(Number(event.attributes['switchboard.audit.seq'])).toBeGreaterThan(0);
  });

  it('applies include_arguments from PATCH /api/v1/settings without a restart, redacted', async () => {
    receiver = await startOtlpReceiver();
    running = await startTracedSwitchboard({ telemetry: { otlp_endpoint: receiver.endpoint } });

    const settings = await running.data<{ telemetry: { include_arguments: boolean } }>(
      'PATCH',
      '/api/v1/settings',
      { telemetry: { include_arguments: true } },
    );
    expect(settings.telemetry).toMatchObject({
      include_arguments: true,
      otlp_endpoint: receiver.endpoint,
    });
    await running.agent.callTool({
      name: 'echo__add',
      arguments: { a: 2, b: 3, api_key: 'sk-live-1234567890' },
    });

    const spans = await receiver.waitForSpans(
      (all) => spanNamed(all, 'tools/call echo__add', 'SPAN_KIND_SERVER') !== undefined,
    );
    const server = spanNamed(spans, 'tools/call echo__add', 'SPAN_KIND_SERVER')!;
    expect(JSON.parse(String(server.attributes['gen_ai.tool.call.arguments']))).toEqual({
      a: 2,
      b: 3,
      api_key: '[REDACTED]',
    });
    expect(JSON.parse(String(server.attributes['gen_ai.tool.call.result']))).toEqual({
      content: [{ type: 'text', text: '5' }],
    });
  });

  it('rejects a bad telemetry setting naming the key, and is off by default', async () => {
    running = await startTracedSwitchboard({});
    expect((await telemetryStatus(running)).enabled).toBe(false);
    const response = await running.api<{ error: string }>('PATCH', '/api/v1/settings', {
      telemetry: { otlp_endpoint: 'ftp://collector' },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('telemetry.otlp_endpoint');
  });

  it('takes the endpoint and headers from OTEL_EXPORTER_OTLP_* when the config gives none; config headers win', async () => {
    receiver = await startOtlpReceiver();
    running = await startTracedSwitchboard(
      { telemetry: { headers: { 'x-team': 'from-config' } } },
      {
        env: {
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
          OTEL_EXPORTER_OTLP_HEADERS: 'x-team=from-env,x-tenant=acme%20corp',
        },
      },
    );
    expect(await telemetryStatus(running)).toMatchObject({
      enabled: true,
      endpoint_source: 'environment',
    });
    await running.agent.callTool({ name: 'echo__add', arguments: { a: 1, b: 1 } });
    await receiver.waitForSpans((all) => all.length >= 2);
    const traces = receiver.requests.find((request) => request.path === '/v1/traces')!;
    expect(traces.headers['x-team']).toBe('from-config');
    expect(traces.headers['x-tenant']).toBe('acme corp');
    expect(traces.headers['content-type']).toBe('application/x-protobuf');
  });
});

describe('telemetry never in the way', () => {
  /** A tool call and the other methods' requests, upstream and not, answered in full. */
  async function requestsSucceed(agent: TracedSwitchboard['agent'], i: number): Promise<void> {
    const result = await agent.callTool({ name: 'echo__add', arguments: { a: i, b: 1 } });
    expect(result).toEqual({ content: [{ type: 'text', text: String(i + 1) }] });
    // The upstream echoes the `_meta` it got: the trace context still goes upstream.
    const traced = { traceparent: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/) };
    const prompt = await agent.getPrompt({ name: 'echo__meta' });
    expect(prompt.messages).toHaveLength(1);
    expect(JSON.parse((prompt.messages[0]!.content as { text: string }).text)).toEqual(traced);
    const read = await agent.readResource({ uri: 'meta://echo' });
    expect(read.contents).toHaveLength(1);
    expect(JSON.parse((read.contents[0] as { text: string }).text)).toEqual(traced);
    expect((await agent.listTools()).tools).toHaveLength(3);
  }

  async function callsSucceedAndSpansDrop(core: TracedSwitchboard): Promise<void> {
    for (let i = 0; i < 20; i++) await requestsSucceed(core.agent, i);
    await vi.waitFor(
      async () => {
        const status = await telemetryStatus(core);
        expect(status.dropped_spans).toBeGreaterThan(0);
        expect(status.exported_spans).toBe(0);
        expect(status.last_error).not.toBeNull();
      },
      { timeout: 10_000, interval: 50 },
    );
  }

  it('a collector that is down: calls succeed unchanged, dropped spans are counted', async () => {
    receiver = await startOtlpReceiver();
    const endpoint = receiver.endpoint;
    await receiver.close();
    receiver = null;
    running = await startTracedSwitchboard({ telemetry: { otlp_endpoint: endpoint } });
    await callsSucceedAndSpansDrop(running);
  });

  it('a collector answering errors: calls succeed unchanged, dropped spans are counted', async () => {
    receiver = await startOtlpReceiver('error');
    running = await startTracedSwitchboard({ telemetry: { otlp_endpoint: receiver.endpoint } });
    await callsSucceedAndSpansDrop(running);
  });

  it('a collector that hangs: calls succeed unchanged, the bounded queue drops and counts, close does not wait for it', async () => {
    receiver = await startOtlpReceiver('hang');
    running = await startTracedSwitchboard(
      { telemetry: { otlp_endpoint: receiver.endpoint } },
      {
        tuning: {
          ...TEST_TUNING,
          maxQueueSize: 4,
          maxExportBatchSize: 2,
          exportTimeoutMillis: 60_000,
        },
      },
    );
    await running.agent.callTool({ name: 'echo__add', arguments: { a: 0, b: 0 } });
    // The first export (the startup checkpoint's span, or this call's) is the one that hangs.
    if (receiver.requests.length === 0) await receiver.nextRequest();
    for (let i = 0; i < 20; i++) await requestsSucceed(running.agent, i);
    // The export in flight hangs; the queue holds 4 spans, so most of the 120 new ones are dropped.
    const status = await telemetryStatus(running);
    expect(status.dropped_spans).toBeGreaterThanOrEqual(100);
    expect(status.queued_spans).toBeLessThanOrEqual(4);
    expect(status.exported_spans).toBe(0);
    const closing = performance.now();
    await running.stop();
    running = null;
    expect(performance.now() - closing).toBeLessThan(5_000);
  });
});
