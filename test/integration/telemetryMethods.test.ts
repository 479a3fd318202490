/**
 * SPEC 13 for every MCP method, not only tools/call: agent -> Switchboard (/mcp) -> the meta-echo
 * stdio upstream, spans decoded by a real OTLP receiver. A SERVER span per agent request, a CLIENT
 * span per upstream request under it, and the CLIENT span's context in the upstream's `_meta`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  startOtlpReceiver,
  type DecodedSpan,
  type OtlpReceiver,
} from '../support/otlp/otlpReceiver';
import { startTracedSwitchboard, type TracedSwitchboard } from './telemetrySupport';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const AGENT_SPAN_ID = 'b7ad6b7169203331';
const TRACEPARENT = `00-${TRACE_ID}-${AGENT_SPAN_ID}-01`;

let receiver: OtlpReceiver | null = null;
let running: TracedSwitchboard | null = null;

afterEach(async () => {
  await running?.stop();
  await receiver?.close();
  running = null;
  receiver = null;
});

const SERVER = 'SPAN_KIND_SERVER';
const CLIENT = 'SPAN_KIND_CLIENT';

function only(spans: DecodedSpan[], name: string, kind: string): DecodedSpan {
  const found = spans.filter((span) => span.name === name && span.kind === kind);
  expect(found.map((span) => `${span.kind} ${span.name}`)).toEqual([`${kind} ${name}`]);
  return found[0]!;
}

function sessionOf(agent: Client): string {
  return (agent.transport as { sessionId?: string }).sessionId!;
}

/** What the upstream said it received in `_meta`. */
function upstreamTraceparent(text: string | undefined): string | undefined {
  return (JSON.parse(text ?? 'null') as { traceparent?: string } | null)?.traceparent;
}

describe('telemetry of every MCP method', () => {
  it('exports a SERVER span per agent request and a CLIENT span per upstream request under it, passing the context upstream', async () => {
    receiver = await startOtlpReceiver();
    running = await startTracedSwitchboard({ telemetry: { otlp_endpoint: receiver.endpoint } });
    const { agent } = running;
    const _meta = { traceparent: TRACEPARENT };

    await agent.ping();
    await agent.listTools();
    await agent.listPrompts();
    await agent.listResources();
    await agent.listResourceTemplates();
    await agent.setLoggingLevel('info');
    const prompt = await agent.getPrompt({ name: 'echo__meta', arguments: {}, _meta });
    const read = await agent.readResource({ uri: 'meta://echo', _meta });
    const completion = await agent.complete({
      ref: { type: 'ref/prompt', name: 'echo__meta' },
      argument: { name: 'topic', value: 'w' },
      _meta,
    });
    await agent.subscribeResource({ uri: 'meta://subscribed', _meta });
    const subscribed = await agent.readResource({ uri: 'meta://subscribed' });
    await agent.unsubscribeResource({ uri: 'meta://subscribed', _meta });

    const spans = await receiver.waitForSpans(
      (all) => all.filter((span) => span.name === 'resources/unsubscribe').length >= 2,
    );
    const session = sessionOf(agent);

    // One SERVER span per request, named `<method>` or `<method> <prompt>`; the session's own.
    const initialize = only(spans, 'initialize', SERVER);
    expect(initialize.attributes).toMatchObject({
      'mcp.method.name': 'initialize',
      'mcp.session.id': session,
      'mcp.protocol.version': expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      'jsonrpc.request.id': '0',
      'network.transport': 'tcp',
      'network.protocol.name': 'http',
      'switchboard.token.name': 'test agent',
    });
    const served = [
      'ping',
      'tools/list',
      'prompts/list',
      'resources/list',
      'resources/templates/list',
      'logging/setLevel',
      'prompts/get echo__meta',
      'completion/complete echo__meta',
      'resources/subscribe',
      'resources/unsubscribe',
    ].map((name) => only(spans, name, SERVER));
    for (const span of [initialize, ...served]) {
      expect(span.attributes).toMatchObject({
        'mcp.session.id': session,
        'mcp.protocol.version': initialize.attributes['mcp.protocol.version'],
        'jsonrpc.request.id': expect.any(String),
      });
      expect(span.attributes['mcp.method.name']).toBe(span.name.split(' ')[0]);
      expect(span.attributes).not.toHaveProperty('error.type');
      expect(span.attributes).not.toHaveProperty('gen_ai.operation.name');
    }
    const reads = spans.filter((span) => span.name === 'resources/read' && span.kind === SERVER);
    expect(reads.map((span) => span.attributes['mcp.resource.uri'])).toEqual([
      'meta://echo',
      'meta://subscribed',
    ]);
    const getPrompt = only(spans, 'prompts/get echo__meta', SERVER);
    expect(getPrompt.attributes['gen_ai.prompt.name']).toBe('echo__meta');
    expect(getPrompt.traceId).toBe(TRACE_ID);
    expect(getPrompt.parentSpanId).toBe(AGENT_SPAN_ID);

    // Lists, ping, initialize and setLevel are served from what Switchboard holds: no CLIENT span.
    const clients = spans.filter((span) => span.kind === CLIENT);
    expect(clients.map((span) => span.name).sort()).toEqual([
      'completion/complete meta',
      'prompts/get meta',
      'resources/read',
      'resources/read',
      'resources/subscribe',
      'resources/unsubscribe',
    ]);
    // Each CLIENT span is the child of its request's SERVER span, and its context went upstream.
    const pairs: [string, string, string | undefined][] = [
      [
        'prompts/get echo__meta',
        'prompts/get meta',
        (prompt.messages[0]!.content as { text: string }).text,
      ],
      [
        'completion/complete echo__meta',
        'completion/complete meta',
        completion.completion.values[0],
      ],
      [
        'resources/subscribe',
        'resources/subscribe',
        (subscribed.contents[0] as { text: string }).text,
      ],
    ];
    for (const [serverName, clientName, seenUpstream] of pairs) {
      const server = only(spans, serverName, SERVER);
      const client = only(spans, clientName, CLIENT);
      expect(server.traceId).toBe(TRACE_ID);
      expect(client.traceId).toBe(TRACE_ID);
      expect(client.parentSpanId).toBe(server.spanId);
      expect(client.attributes).toMatchObject({
        'mcp.method.name': serverName.split(' ')[0],
        'switchboard.server.name': 'echo',
        'network.transport': 'pipe',
      });
      expect(upstreamTraceparent(seenUpstream)).toBe(`00-${TRACE_ID}-${client.spanId}-01`);
    }
    expect(only(spans, 'prompts/get meta', CLIENT).attributes['gen_ai.prompt.name']).toBe('meta');
    const echoRead = reads.find((span) => span.attributes['mcp.resource.uri'] === 'meta://echo')!;
    const echoReadClient = clients.find(
      (span) =>
        span.name === 'resources/read' && span.attributes['mcp.resource.uri'] === 'meta://echo',
    )!;
    expect(echoReadClient.parentSpanId).toBe(echoRead.spanId);
    expect(upstreamTraceparent((read.contents[0] as { text: string }).text)).toBe(
      `00-${TRACE_ID}-${echoReadClient.spanId}-01`,
    );
    const unsubscribe = only(spans, 'resources/unsubscribe', SERVER);
    expect(only(spans, 'resources/unsubscribe', CLIENT).parentSpanId).toBe(unsubscribe.spanId);
    console.log(
      `decoded span dump (prompts/get):\n${JSON.stringify([getPrompt, only(spans, 'prompts/get meta', CLIENT)], null, 2)}`,
    );
  });

  it("marks a failed request's spans with the JSON-RPC error code, upstream's and Switchboard's own", async () => {
    receiver = await startOtlpReceiver();
    running = await startTracedSwitchboard({ telemetry: { otlp_endpoint: receiver.endpoint } });
    const { agent } = running;

    await expect(agent.getPrompt({ name: 'echo__fail' })).rejects.toThrow(
      'this prompt always fails',
    );
    await expect(agent.getPrompt({ name: 'echo__nope' })).rejects.toThrow('Unknown prompt');

    const spans = await receiver.waitForSpans(
      (all) =>
        all.some((span) => span.name === 'prompts/get echo__nope') &&
        all.some((span) => span.name === 'prompts/get fail'),
    );
    // The upstream answered an error: both spans carry its code.
    const failed = only(spans, 'prompts/get echo__fail', SERVER);
    expect(failed.attributes).toMatchObject({
      'error.type': '-32602',
      'rpc.response.status_code': '-32602',
      'gen_ai.prompt.name': 'echo__fail',
    });
    expect(failed.status.code).toBe('STATUS_CODE_ERROR');
    expect(failed.status.message).toContain('this prompt always fails');
    const failedClient = only(spans, 'prompts/get fail', CLIENT);
    expect(failedClient.parentSpanId).toBe(failed.spanId);
    expect(failedClient.attributes['error.type']).toBe('-32602');
    expect(failedClient.status.code).toBe('STATUS_CODE_ERROR');

    // An unknown prompt never goes upstream: an error SERVER span and no CLIENT span.
    const unknown = only(spans, 'prompts/get echo__nope', SERVER);
    expect(unknown.attributes['error.type']).toBe('-32602');
    expect(unknown.status.message).toContain('Unknown prompt "echo__nope"');
    expect(spans.filter((span) => span.kind === CLIENT)).toHaveLength(1);

    // Metrics: the method and error, never the session or request ids.
    await running.switchboard.close();
    const metrics = await receiver.waitForMetrics((all) =>
      all.some((metric) => metric.name === 'mcp.server.operation.duration'),
    );
    const points = metrics.find(
      (metric) => metric.name === 'mcp.server.operation.duration',
    )!.points;
    expect(points).toContainEqual({
      attributes: expect.objectContaining({
        'mcp.method.name': 'prompts/get',
        'gen_ai.prompt.name': 'echo__nope',
        'error.type': '-32602',
      }),
      count: 1,
    });
    expect(points).toContainEqual({
      attributes: expect.objectContaining({ 'mcp.method.name': 'initialize' }),
      count: 1,
    });
    for (const point of points) expect(point.attributes).not.toHaveProperty('mcp.session.id');
  });
});
