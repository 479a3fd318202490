/**
 * `GET /events` against the real record queue and store: live frames, filters, keepalive,
 * replay after Last-Event-ID without gap or duplicate, and slow readers dropped without slowing
 * the publish path.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../../../src/shared/activity';
import { createHttpServer, type SwitchboardHttpServer } from '../../../../src/main/core/http';
import { createCoreParts, type CoreParts } from './support/coreParts';
import { rawRequest } from './support/rawHttp';
import { makeRecord } from './support/records';
import { openSse, type SseFrame } from './support/sseClient';
import { untilTrue } from '../../../support/waitFor';

const noGateway = { handleRequest: async (): Promise<void> => undefined };

describe('GET /events', () => {
  let core: CoreParts;
  let http: SwitchboardHttpServer;
  let port: number;
  const logged: string[] = [];

  beforeAll(async () => {
    core = await createCoreParts();
    http = createHttpServer({
      switchboard: core.switchboard,
      gateway: noGateway,
      listen: '127.0.0.1:0',
      log: (message) => logged.push(message),
      eventStream: {
        keepAliveMs: 100,
        replayPageSize: 16,
        maxBufferedBytes: 256 * 1024,
        slowClientGraceMs: 200,
      },
    });
    ({ port } = await http.listen());
  });
  afterAll(async () => {
    await http?.close();
    await core?.dispose();
  });

  const key = (): Record<string, string> => ({ 'X-API-Key': core.apiKey });
  const record = (overrides: Partial<ActivityRecord> = {}): ActivityRecord => makeRecord(overrides);
  async function commit(...records: ActivityRecord[]): Promise<void> {
    for (const r of records) core.switchboard.recorder.enqueue(r);
    await core.switchboard.recorder.flush();
  }
  const ids = (frames: SseFrame[]): string[] =>
    frames
      .filter((f) => f.event !== null && f.data !== null)
      .map((f) => (JSON.parse(f.data!) as ActivityRecord).id);

  it('streams committed records with event names, seq ids and the record as data', async () => {
    const client = await openSse(port, '/events', key());
    expect(client.status).toBe(200);
    expect(client.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(client.response.headers['cache-control']).toBe('no-store');
    await client.until((frames) => frames.some((f) => f.comment === 'connected'));
    const call = record();
    const block = record({
      type: 'policy_decision',
      status: 'blocked',
      policy_id: 'p',
      reason: 'no',
    });
    const change = record({
      type: 'server_change',
      tool_name: null,
      reason: 'restarted',
      metadata: { action: 'restart' },
    });
    const quarantine = record({
      type: 'quarantine_change',
      tool_name: null,
      metadata: { quarantined: true },
    });
    await commit(call, block, change, quarantine);
    await client.until(() => client.events().length >= 4);
    const events = client.events();
    expect(events.map((f) => f.event)).toEqual([
      'activity.tool_call.completed',
      'activity.policy_decision',
      'activity.server_change',
      'activity.quarantine_change',
    ]);
    expect(JSON.parse(events[0]!.data!)).toEqual(call);
    const seqs = events.map((f) => Number(f.id));
    expect(seqs.every((seq, i) => Number.isInteger(seq) && (i === 0 || seq > seqs[i - 1]!))).toBe(
      true,
    );
    client.close();
  });

  it('sends call starts without an id line', async () => {
    const client = await openSse(port, '/events', key());
    await client.until((frames) => frames.some((f) => f.comment === 'connected'));
    const started = record({ status: 'success', response: null, duration_ms: null });
    core.switchboard.events.publish({
      event: 'activity.tool_call.started',
      seq: null,
      record: started,
    });
    await client.until(() => client.events().length >= 1);
    expect(client.events()[0]).toMatchObject({ event: 'activity.tool_call.started', id: null });
    client.close();
  });

  it('filters by type, server and status', async () => {
    const byType = await openSse(port, '/events?type=policy_decision', key());
    const byServer = await openSse(port, '/events?server=files', key());
    const byStatus = await openSse(port, '/events?status=error,blocked', key());
    for (const client of [byType, byServer, byStatus]) {
      await client.until((frames) => frames.some((f) => f.comment === 'connected'));
    }
    const ok = record({ server_name: 'files' });
    const failed = record({ status: 'error', error_kind: 'tool_error', error_message: 'x' });
    const blocked = record({
      type: 'policy_decision',
      status: 'blocked',
      server_name: 'files',
      policy_id: 'p',
      reason: 'r',
    });
    const marker = record({
      type: 'policy_decision',
      status: 'blocked',
      server_name: 'files',
      policy_id: 'p',
      reason: 'end',
    });
    await commit(ok, failed, blocked, marker);
    for (const client of [byType, byServer, byStatus])
      await client.until(() => ids(client.frames).includes(marker.id));
    expect(ids(byType.frames)).toEqual([blocked.id, marker.id]);
    expect(ids(byServer.frames)).toEqual([ok.id, blocked.id, marker.id]);
    expect(ids(byStatus.frames)).toEqual([failed.id, blocked.id, marker.id]);
    for (const client of [byType, byServer, byStatus]) client.close();
  });

  it('400 for a bad filter or Last-Event-ID, before any stream starts', async () => {
    const badType = await rawRequest(port, { path: '/events?type=calls', headers: key() });
    expect(badType.status).toBe(400);
    expect(badType.json()).toEqual({
      success: false,
      error:
        'type: expected one of tool_call, policy_decision, quarantine_change, server_change, got "calls"',
    });
    const badId = await rawRequest(port, {
      path: '/events',
      headers: { ...key(), 'Last-Event-ID': 'abc' },
    });
    expect(badId.json()).toEqual({
      success: false,
      error: 'Last-Event-ID: expected a non-negative integer (an SSE id), got "abc"',
    });
    const badQueryId = await rawRequest(port, { path: '/events?last_event_id=-4', headers: key() });
    expect(badQueryId.status).toBe(400);
    expect(
      (await rawRequest(port, { method: 'POST', path: '/events', headers: key() })).status,
    ).toBe(405);
  });

  it('sends a keepalive comment on its interval', async () => {
    const client = await openSse(port, '/events', key());
    await client.until((frames) => frames.filter((f) => f.comment === 'keepalive').length >= 2);
    client.close();
  });

  it('replays what was committed after Last-Event-ID (header or query), then goes live', async () => {
    const live = await openSse(port, '/events', key());
    await live.until((frames) => frames.some((f) => f.comment === 'connected'));
    const batch = Array.from({ length: 5 }, (_, i) => record({ arguments: { n: i } }));
    await commit(...batch);
    await live.until(() => ids(live.frames).includes(batch[4]!.id));
    const seqOf = new Map(
      live.events().map((f) => [(JSON.parse(f.data!) as ActivityRecord).id, f.id]),
    );
    live.close();

    const afterSecond = seqOf.get(batch[1]!.id)!;
    const missed = batch.slice(2).map((r) => r.id);
    for (const [path, headers] of [
      ['/events', { ...key(), 'Last-Event-ID': afterSecond }],
      [`/events?last_event_id=${afterSecond}`, key()],
    ] as [string, Record<string, string>][]) {
      const client = await openSse(port, path, headers);
      await client.until(() => ids(client.frames).length >= missed.length);
      expect(ids(client.frames)).toEqual(missed);
      const next = record();
      await commit(next);
      await client.until(() => ids(client.frames).includes(next.id));
      expect(ids(client.frames)).toEqual([...missed, next.id]);
      missed.push(next.id);
      client.close();
    }
  });

  it('replays a long backlog in pages while records keep committing: every record exactly once, in commit order', async () => {
    const marker = await openSse(port, '/events', key());
    await marker.until((frames) => frames.some((f) => f.comment === 'connected'));
    const first = record();
    await commit(first);
    await marker.until(() => ids(marker.frames).includes(first.id));
    const startSeq = Number(marker.events().find((f) => ids([f])[0] === first.id)!.id);
    marker.close();

    const backlog = Array.from({ length: 400 }, (_, i) => record({ arguments: { backlog: i } }));
    await commit(...backlog);
    const client = await openSse(port, '/events', { ...key(), 'Last-Event-ID': String(startSeq) });
    // Keep committing while the replay (16 records a step) runs.
    const during: ActivityRecord[] = [];
    for (let i = 0; i < 20; i++) {
      const batch = Array.from({ length: 10 }, (_, j) =>
        record({ arguments: { during: i * 10 + j } }),
      );
      during.push(...batch);
      await commit(...batch);
    }
    const expected = [...backlog, ...during].map((r) => r.id);
    await client.until(() => ids(client.frames).length >= expected.length);
    expect(ids(client.frames)).toEqual(expected);
    const seqs = client.events().map((f) => Number(f.id));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.every((seq, i) => i === 0 || seq > seqs[i - 1]!)).toBe(true);
    client.close();
  });

  it('drops a client that stops reading, after telling it why, without slowing the publish path', async () => {
    const healthy = await openSse(port, '/events', key());
    await healthy.until((frames) => frames.some((f) => f.comment === 'connected'));

    // A reader that never reads: the kernel buffers fill, then Node's, then the hub drops it.
    const stuck: Socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => stuck.once('connect', resolve));
    stuck.write(
      `GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-API-Key: ${core.apiKey}\r\n\r\n`,
    );
    stuck.pause();
    const stuckClosed = new Promise<void>((resolve) => stuck.once('close', () => resolve()));
    await untilTrue(() => http.eventStreamClients() === 2, 'both SSE clients registered');

    const big = 'x'.repeat(60_000);
    const flushTimes: number[] = [];
    const sent: string[] = [];
    // Loopback sockets absorb several MB in the kernel before Node buffers anything.
    for (
      let round = 0;
      round < 150 && !logged.some((line) => line.startsWith('SSE client dropped'));
      round++
    ) {
      const batch = Array.from({ length: 10 }, () =>
        record({ response: big, response_bytes: big.length }),
      );
      sent.push(...batch.map((r) => r.id));
      const started = performance.now();
      await commit(...batch);
      flushTimes.push(performance.now() - started);
    }
    expect(logged.find((line) => line.startsWith('SSE client dropped'))).toMatch(
      /read events too slowly/,
    );
    // The healthy reader got every record, so the drop did not cost anyone else anything.
    await healthy.until(() => ids(healthy.frames).length >= sent.length, 20_000);
    expect(ids(healthy.frames)).toEqual(sent);
    // 10 records of 60 KB: SQLite plus two sockets; a blocked publish path would stall here instead.
    expect(Math.max(...flushTimes)).toBeLessThan(2_000);
    let stuckText = '';
    stuck
      .setEncoding('utf8')
      .on('data', (chunk: string) => (stuckText = (stuckText + chunk).slice(-2_000)));
    stuck.resume();
    await stuckClosed;
    // What it had buffered ends with the reason it was dropped, then the connection closes.
    expect(stuckText).toContain('event: error\ndata: {"error":"this client read events too slowly');
    expect(stuckText).toContain('reconnect with Last-Event-ID to resume"}\n\n');
    expect(stuckText.endsWith('0\r\n\r\n')).toBe(true); // the chunked response was ended, not cut
    healthy.close();
    await healthy.ended;
    // No stream left: the hub has let go of the bus.
    await untilTrue(() => core.switchboard.events.listenerCount === 0, 'the hub let go of the bus');
    console.log(
      `slow SSE reader dropped after ${sent.length} records of 60 KB; slowest flush ${Math.max(...flushTimes).toFixed(0)} ms, median ${median(flushTimes).toFixed(0)} ms`,
    );
  }, 60_000);

  it('ends every stream when the server closes', async () => {
    const extra = createHttpServer({
      switchboard: core.switchboard,
      gateway: noGateway,
      listen: '127.0.0.1:0',
    });
    const { port: extraPort } = await extra.listen();
    const client = await openSse(extraPort, '/events', key());
    await client.until((frames) => frames.some((f) => f.comment === 'connected'));
    await extra.close();
    await client.ended;
  });
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
