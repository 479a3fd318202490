/**
 * The upstream manager against real server-everything children and a real record queue:
 * apply() reconciles (add, keep, restart, remove, disable, quarantine), env reaches the child,
 * and a server that cannot start is reported once per outage.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../../../../src/main/core/config/contracts';
import { UpstreamUnavailableError } from '../../../../src/main/core/upstreams';
import { resultText } from '../../../support/agent';
import { SERVER_EVERYTHING } from '../../../support/mcpServers';
import {
  everythingStdio,
  remoteServer,
  startProxy,
  type ProxyHarness,
} from '../../../integration/proxyHarness';

let proxy: ProxyHarness;

beforeAll(async () => {
  proxy = await startProxy({ servers: [] });
});

afterAll(async () => {
  await proxy?.close();
});

const isAlive = (pid: number | undefined): boolean => {
  try {
    process.kill(pid ?? -1, 0);
    return true;
  } catch {
    return false;
  }
};

/** This process's live children whose command line mentions `script` (Linux /proc). */
function childrenRunning(script: string): number {
  let count = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
      if (parent !== process.pid || state === 'Z') continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(script)) count++;
    } catch {
      // The process ended while we looked.
    }
  }
  return count;
}

/** Resolves after `count` more failed connection attempts of `server`. */
function failedAttempts(server: string, count: number): Promise<void> {
  return new Promise((resolve) => {
    let last = proxy.upstreams.state(server)?.status;
    let seen = 0;
    const off = proxy.upstreams.onDidChange(() => {
      const status = proxy.upstreams.state(server)?.status;
      if (status === 'error' && last !== 'error' && ++seen >= count) {
        off();
        resolve();
      }
      last = status;
    });
  });
}

describe('apply', () => {
  it('adds, keeps unchanged, restarts changed, quarantines in place, disables and removes', async () => {
    const keep = everythingStdio('keep');
    const change = everythingStdio('change', { env: { SWITCHBOARD_TEST_MARK: 'one' } });
    const gone = everythingStdio('gone');
    await proxy.apply([keep, change, gone]);
    expect(proxy.upstreams.states().map((s) => s.status)).toEqual(['ready', 'ready', 'ready']);
    const pids = {
      keep: proxy.upstreams.pid('keep'),
      change: proxy.upstreams.pid('change'),
      gone: proxy.upstreams.pid('gone'),
    };

    const changed: ServerConfig = { ...change, env: { SWITCHBOARD_TEST_MARK: 'two' } };
    await proxy.apply([{ ...keep, quarantined: true }, changed]);
    expect(proxy.upstreams.pid('keep')).toBe(pids.keep);
    expect(proxy.upstreams.state('keep')?.status).toBe('quarantined');
    expect(proxy.upstreams.pid('change')).not.toBe(pids.change);
    expect(proxy.upstreams.state('gone')).toBeUndefined();
    // apply() resolves after the removed child has exited.
    expect(isAlive(pids.gone)).toBe(false);

    const env = await proxy.upstreams.callTool('change', 'get-env', {}, {});
    const seen = JSON.parse(resultText(env)) as Record<string, string>;
    expect(seen.SWITCHBOARD_TEST_MARK).toBe('two');
    expect(seen.PATH).toBe(process.env.PATH);

    await proxy.apply([
      { ...keep, quarantined: true },
      { ...changed, enabled: false },
    ]);
    expect(proxy.upstreams.state('change')?.status).toBe('disabled');
    expect(proxy.upstreams.pid('change')).toBeUndefined();
    await expect(proxy.upstreams.callTool('change', 'echo', { message: 'x' }, {})).rejects.toThrow(
      /Upstream server "change" is disabled/,
    );
    await proxy.apply([]);
    expect(proxy.upstreams.states()).toEqual([]);
  });

  it('reports a server that cannot start, names the command, and records one server_change per outage', async () => {
    const broken: ServerConfig = {
      ...everythingStdio('broken'),
      command: '/nonexistent/mcp-server',
      args: [],
    };
    await proxy.apply([broken]);
    const info = proxy.upstreams.state('broken');
    expect(info?.status).toBe('error');
    expect(info?.error).toContain('could not connect: spawn /nonexistent/mcp-server ENOENT');
    await expect(proxy.upstreams.callTool('broken', 'echo', {}, {})).rejects.toBeInstanceOf(
      UpstreamUnavailableError,
    );
    // Retries (100 ms backoff in the harness) fail too: still one record for the outage.
    await failedAttempts('broken', 2);
    const changes = (await proxy.records()).filter(
      (r) => r.type === 'server_change' && r.server_name === 'broken',
    );
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ status: 'error', metadata: { action: 'connect_failed' } });
    await proxy.apply([]);
  });

  it('says when a failing server is retried next, and drops the time once it is ready', async () => {
    const broken: ServerConfig = {
      ...everythingStdio('retrying'),
      command: '/nonexistent/mcp-server',
      args: [],
    };
    const before = Date.now();
    await proxy.apply([broken]);
    const failing = proxy.upstreams.state('retrying');
    expect(failing?.status).toBe('error');
    const retryAt = Date.parse(failing?.next_retry_at ?? '');
    expect(retryAt).toBeGreaterThanOrEqual(before);
    expect(retryAt).toBeLessThanOrEqual(Date.now() + 60_000);
    const since = failing?.failing_since;
    expect(Date.parse(since ?? '')).toBeGreaterThanOrEqual(before);
    // Every change listener already sees the time of the retry just scheduled.
    await failedAttempts('retrying', 1);
    // The outage keeps its start through reconnect attempts.
    expect(proxy.upstreams.state('retrying')?.failing_since).toBe(since);
    expect(Date.parse(proxy.upstreams.state('retrying')?.next_retry_at ?? '')).toBeGreaterThan(
      Date.now() - 1000,
    );
    await proxy.apply([everythingStdio('retrying')]);
    expect(proxy.upstreams.state('retrying')?.status).toBe('ready');
    expect(proxy.upstreams.state('retrying')?.next_retry_at).toBeUndefined();
    expect(proxy.upstreams.state('retrying')?.failing_since).toBeUndefined();
    await proxy.apply([]);
  });

  it('says why a remote connection was refused, not only that it closed', async () => {
    // A port nothing listens on: bind one, note it, close it.
    const probe = createServer();
    await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
    const { port } = probe.address() as AddressInfo;
    await new Promise((done) => probe.close(done));
    await proxy.apply([remoteServer('refused', `http://127.0.0.1:${port}/mcp`)]);
    const info = proxy.upstreams.state('refused');
    expect(info?.status).toBe('error');
    expect(info?.error).toContain('could not connect');
    expect(info?.error).toContain('ECONNREFUSED');
    await proxy.apply([]);
  });

  it('leaves one child running after overlapping restarts', async () => {
    await proxy.apply([everythingStdio('twice')]);
    await Promise.all([proxy.upstreams.restart('twice'), proxy.upstreams.restart('twice')]);
    await proxy.upstreams.restart('twice');
    expect(proxy.upstreams.state('twice')?.status).toBe('ready');
    expect(childrenRunning(SERVER_EVERYTHING)).toBe(1);
    await proxy.apply([]);
    expect(childrenRunning(SERVER_EVERYTHING)).toBe(0);
  });

  it('fails calls to an unknown server with a clear error', async () => {
    await expect(proxy.upstreams.callTool('nobody', 'echo', {}, {})).rejects.toThrow(
      'No upstream server named "nobody" is configured.',
    );
  });
});
