/**
 * An idle Streamable HTTP upstream (issue 11, defect 4): the HTTP client's body timeout ends the
 * quiet GET listening stream. That is not a lost connection: the stream is reopened on the same
 * upstream session, no server_change is recorded, and calls keep working. The body timeout is
 * made short here (undici's default is 300 s) through the process's global fetch dispatcher.
 */
import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultText } from '../support/agent';
import { startIdleHttpServer, type IdleHttpServer } from '../support/servers/idleHttpServer';
import { remoteServer, startProxy, type ProxyHarness } from './proxyHarness';

const BODY_TIMEOUT_MS = 300;

let upstream: IdleHttpServer;
let proxy: ProxyHarness;
let previousDispatcher: Dispatcher;
const errors: string[] = [];

beforeAll(async () => {
  previousDispatcher = getGlobalDispatcher();
  setGlobalDispatcher(new Agent({ bodyTimeout: BODY_TIMEOUT_MS }));
  upstream = await startIdleHttpServer();
  proxy = await startProxy({ servers: [remoteServer('idle', upstream.url)] });
  proxy.upstreams.onDidChange(() => {
    const info = proxy.upstreams.state('idle');
    if (info?.error) errors.push(info.error);
  });
});

afterAll(async () => {
  await proxy?.close();
  await upstream?.close();
  setGlobalDispatcher(previousDispatcher);
});

describe('an idle Streamable HTTP upstream', () => {
  it('reopens its quiet listening stream without tearing the session down', async () => {
    expect(proxy.upstreams.state('idle')?.status).toBe('ready');
    // Three streams: the first one and two reopened after the body timeout ended them.
    await upstream.listeningStreams(3);
    const agent = await proxy.connectAgent();
    expect(resultText(await agent.callTool({ name: 'idle__ping', arguments: {} }))).toBe('pong');
    expect(proxy.upstreams.state('idle')).toMatchObject({ status: 'ready', error: null });
    expect(errors).toEqual([]);
    expect(upstream.initializes).toBe(1);
    const changes = (await proxy.records()).filter((r) => r.type === 'server_change');
    expect(changes).toEqual([]);
  });
});
