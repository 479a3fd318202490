/**
 * Upstreams that die: a stdio child killed mid-call, a Streamable HTTP remote that goes away and
 * comes back, and 3,000 calls over HTTP without the SDK's shared-signal listener pile-up.
 */
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityRecord } from '../../src/shared/activity';
import { UpstreamUnavailableError } from '../../src/main/core/upstreams';
import { resultText } from '../support/agent';
import {
  everythingStdio,
  remoteServer,
  startEverythingHttp,
  startProxy,
  type EverythingHttp,
  type ProxyHarness,
} from './proxyHarness';

let proxy: ProxyHarness;
let agent: Client;
let remote: EverythingHttp;
let remotePort: number;

beforeAll(async () => {
  remote = await startEverythingHttp();
  remotePort = Number(new URL(remote.url).port);
  proxy = await startProxy({ servers: [everythingStdio(), remoteServer('remote', remote.url)] });
  agent = await proxy.connectAgent();
});

afterAll(async () => {
  await proxy?.close();
  await remote?.stop();
});

/** Resolves with the first committed record that matches. */
function nextRecord(match: (record: ActivityRecord) => boolean): Promise<ActivityRecord> {
  return new Promise((resolve) => {
    const off = proxy.events.subscribe((event) => {
      if (event.seq !== null && match(event.record)) {
        off();
        resolve(event.record);
      }
    });
  });
}

describe('a stdio upstream that crashes', () => {
  it('fails the pending call within a second, records server_change, and works again after reconnect', async () => {
    const crashed = nextRecord(
      (r) =>
        r.type === 'server_change' &&
        r.server_name === 'everything' &&
        r.metadata.action === 'crashed',
    );
    const reconnected = nextRecord(
      (r) =>
        r.type === 'server_change' &&
        r.server_name === 'everything' &&
        r.metadata.action === 'reconnected',
    );
    let firstProgress: () => void = () => undefined;
    const progressed = new Promise<void>((resolve) => (firstProgress = resolve));
    const pending = agent.callTool(
      {
        name: 'everything__trigger-long-running-operation',
        arguments: { duration: 30, steps: 300 },
      },
      CallToolResultSchema,
      { onprogress: () => firstProgress() },
    );
    await progressed;
    const pid = proxy.upstreams.pid('everything');
    expect(pid).toBeGreaterThan(0);
    const killedAt = performance.now();
    process.kill(pid ?? 0, 'SIGKILL');
    const result = await pending;
    expect(performance.now() - killedAt).toBeLessThan(1000);
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(
      /Upstream server "everything" is unavailable: process exited; killed by SIGKILL/,
    );

    const change = await crashed;
    expect(change).toMatchObject({
      status: 'error',
      error_kind: 'upstream_unavailable',
      metadata: { action: 'crashed', signal: 'SIGKILL' },
    });
    expect(change.reason).toContain('killed by SIGKILL');
    const call = (await proxy.records()).find(
      (r) => r.type === 'tool_call' && r.arguments?.duration === 30,
    );
    expect(call).toMatchObject({ status: 'error', error_kind: 'upstream_unavailable' });

    await reconnected;
    expect(proxy.upstreams.state('everything')?.status).toBe('ready');
    expect(proxy.upstreams.pid('everything')).not.toBe(pid);
    const again = await agent.callTool({
      name: 'everything__echo',
      arguments: { message: 'back' },
    });
    expect(resultText(again)).toBe('Echo: back');
  });
});

describe('a Streamable HTTP upstream', () => {
  it('serves 3,000 calls without a MaxListenersExceeded warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    try {
      await Promise.all(
        Array.from({ length: 8 }, async (_, worker) => {
          for (let i = worker; i < 3000; i += 8) {
            const result = await proxy.upstreams.callTool(
              'remote',
              'echo',
              { message: `n${i}` },
              {},
            );
            expect(resultText(result)).toBe(`Echo: n${i}`);
          }
        }),
      );
      // Listener leaks show up when the abandoned Requests are collected, so give the warning a turn.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('fails pending and later calls at once when the remote goes away, and reconnects when it is back', async () => {
    const crashed = nextRecord(
      (r) =>
        r.type === 'server_change' && r.server_name === 'remote' && r.metadata.action === 'crashed',
    );
    const reconnected = nextRecord(
      (r) =>
        r.type === 'server_change' &&
        r.server_name === 'remote' &&
        r.metadata.action === 'reconnected',
    );
    let firstProgress: () => void = () => undefined;
    const progressed = new Promise<void>((resolve) => (firstProgress = resolve));
    const pending = proxy.upstreams.callTool(
      'remote',
      'trigger-long-running-operation',
      { duration: 30, steps: 300 },
      { onprogress: () => firstProgress() },
    );
    const failedAt = pending.then(
      () => ({ error: null, at: performance.now() }),
      (error: unknown) => ({ error, at: performance.now() }),
    );
    await progressed;
    const stoppedAt = performance.now();
    await remote.stop();
    const failure = await failedAt;
    expect(failure.error).toBeInstanceOf(UpstreamUnavailableError);
    expect(failure.at - stoppedAt).toBeLessThan(1000);
    expect((await crashed).reason).toMatch(/lost|closed|failed/);
    await expect(
      proxy.upstreams.callTool('remote', 'echo', { message: 'down' }, {}),
    ).rejects.toBeInstanceOf(UpstreamUnavailableError);

    remote = await startEverythingHttp(remotePort);
    await reconnected;
    const result = await agent.callTool({
      name: 'remote__echo',
      arguments: { message: 'remote back' },
    });
    expect(resultText(result)).toBe('Echo: remote back');
  });
});
