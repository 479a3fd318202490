/**
 * `GET /events` of a real core while a real agent calls tools through /mcp: a client that
 * disconnects and reconnects with Last-Event-ID receives exactly what it missed, then live
 * events; a client that stops reading is dropped and never slows the calls.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityPage, ActivityRecord } from '../../src/shared/activity';
import type { CreatedMcpToken } from '../../src/shared/servers';
import { connectAgent } from '../support/agent';
import { openSse, type SseFrame } from '../main/core/http/support/sseClient';
import { untilTrue } from '../support/waitFor';
import { startCore, waitForServersReady, type RunningCore } from './apiSupport';

const recordOf = (frame: SseFrame): ActivityRecord =>
  JSON.parse(frame.data ?? 'null') as ActivityRecord;
const committed = (frames: SseFrame[]): SseFrame[] =>
  frames.filter((f) => f.event !== null && f.id !== null);

describe('SSE with real agent calls', () => {
  let core: RunningCore;
  let token: CreatedMcpToken;
  let agent: Client;

  beforeAll(async () => {
    core = await startCore({
      policies: [
        {
          id: 'env-private',
          effect: 'block',
          tool: 'get-env',
          reason: 'Environment stays private',
        },
      ],
    });
    await waitForServersReady(core);
    token = await core.data<CreatedMcpToken>('POST', '/api/v1/settings/mcp-tokens', {
      name: 'sse-agent',
    });
    agent = await connectAgent(core.switchboard.urls.mcp, token.token, 'sse-agent');
  }, 60_000);
  afterAll(async () => {
    await agent?.close();
    await core?.stop();
  });

  const port = (): number => Number(new URL(core.base).port);
  const key = (): Record<string, string> => ({ 'X-API-Key': core.apiKey });
  const echo = (message: string): Promise<unknown> =>
    agent.callTool({ name: 'everything__echo', arguments: { message } });

  it('replays exactly the missed events after a reconnect with Last-Event-ID, then goes live', async () => {
    const first = await openSse(port(), '/events', key());
    await first.until((frames) => frames.some((f) => f.comment === 'connected'));
    for (const message of ['one', 'two', 'three']) await echo(message);
    await first.until((frames) => committed(frames).length >= 3);
    const seen = committed(first.frames);
    expect(seen.map((f) => f.event)).toEqual(Array(3).fill('activity.tool_call.completed'));
    // Call starts arrive too, before their completion, without an id.
    const started = first.frames.filter((f) => f.event === 'activity.tool_call.started');
    expect(started.map((f) => recordOf(f).id)).toEqual(seen.map((f) => recordOf(f).id));
    expect(started.every((f) => f.id === null)).toBe(true);
    const lastId = seen[2]!.id!;
    first.close();
    await first.ended;

    // While disconnected: calls, a blocked call, a server change.
    for (const message of ['four', 'five']) await echo(message);
    await agent.callTool({ name: 'everything__get-env', arguments: {} });
    await core.data('POST', '/api/v1/servers/everything/quarantine');
    await core.data('POST', '/api/v1/servers/everything/unquarantine');
    await core.switchboard.recorder.flush();
    const missed = (
      await core.data<ActivityPage>('GET', '/api/v1/activity?limit=100')
    ).activities.filter((row) => !seen.some((f) => recordOf(f).id === row.id));
    expect(missed.map((row) => row.type).sort()).toEqual(
      [
        'policy_decision',
        'quarantine_change',
        'quarantine_change',
        'tool_call',
        'tool_call',
      ].sort(),
    );

    const second = await openSse(port(), '/events', { ...key(), 'Last-Event-ID': lastId });
    await second.until((frames) => committed(frames).length >= missed.length);
    const replayed = committed(second.frames);
    expect(replayed.map((f) => recordOf(f).id).sort()).toEqual(missed.map((row) => row.id).sort());
    expect(replayed.map((f) => f.event)).toEqual(
      expect.arrayContaining([
        'activity.tool_call.completed',
        'activity.policy_decision',
        'activity.quarantine_change',
      ]),
    );
    const ids = replayed.map((f) => Number(f.id));
    expect(ids.every((id, i) => id > Number(lastId) && (i === 0 || id > ids[i - 1]!))).toBe(true);
    // Starts are never stored, so never replayed.
    expect(second.frames.some((f) => f.event === 'activity.tool_call.started')).toBe(false);

    await echo('six');
    await second.until((frames) =>
      committed(frames).some((f) => recordOf(f).arguments?.message === 'six'),
    );
    const all = committed(second.frames).map((f) => recordOf(f).id);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(missed.length + 1);
    second.close();
  });

  it('drops a client that stops reading, and calls are not slowed by it', async () => {
    const payload = 'y'.repeat(50_000);
    const durations = async (count: number): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        await echo(`${i} ${payload}`);
        times.push(performance.now() - started);
      }
      return times;
    };
    // The hub holds one bus subscription while any stream is open: wait for the last test's to go.
    await untilTrue(() => core.switchboard.events.listenerCount === 0, 'no SSE stream left');
    const without = await durations(60);

    const stuck: Socket = connect(port(), '127.0.0.1');
    stuck.on('error', () => undefined); // reset by the server once it gives up on this reader
    await new Promise<void>((resolve) => stuck.once('connect', resolve));
    stuck.pause();
    stuck.write(
      `GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nX-API-Key: ${core.apiKey}\r\n\r\n`,
    );
    const closed = new Promise<void>((resolve) => stuck.once('close', () => resolve()));
    // A paused socket still buffers its first bytes: the stream's headers have arrived.
    await untilTrue(() => stuck.readableLength > 0, 'the stream headers arrived');
    expect(core.switchboard.events.listenerCount).toBe(1);

    // Each call's record carries ~100 KB (arguments and response): kernel buffers fill, then Node's.
    const withStuck: number[] = [];
    for (let round = 0; round < 8 && core.switchboard.events.listenerCount > 0; round++) {
      withStuck.push(...(await durations(60)));
      await core.switchboard.recorder.flush();
    }
    expect(core.switchboard.events.listenerCount).toBe(0);
    stuck.resume();
    await closed;

    const p50 = (values: number[]): number =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    console.log(
      `echo of 50 KB: p50 ${p50(without).toFixed(2)} ms without a stuck SSE reader, ${p50(withStuck).toFixed(2)} ms with one (${withStuck.length} calls until it was dropped)`,
    );
    expect(p50(withStuck)).toBeLessThan(p50(without) * 2 + 5);
  }, 120_000);
});
