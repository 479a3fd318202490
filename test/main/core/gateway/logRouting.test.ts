import { describe, expect, it } from 'vitest';
import type { LoggingLevel, ServerNotification } from '@modelcontextprotocol/sdk/types.js';
import { createLogRouter } from '../../../../src/main/core/gateway/logRouting';
import { createUpstreamNotices } from '../../../../src/main/core/upstreams/upstreamNotices';

function setup() {
  const notices = createUpstreamNotices();
  const sentUpstream: LoggingLevel[] = [];
  const router = createLogRouter({
    onDidLog: notices.onDidLog,
    setLogLevel: (level) => sentUpstream.push(level),
  });
  const inbox = (): { seen: string[]; deliver: (n: ServerNotification) => Promise<void> } => {
    const seen: string[] = [];
    return {
      seen,
      deliver: async (n) => {
        const params = n.params as { level?: string; data?: unknown };
        seen.push(`${String(params.level)}:${String(params.data)}`);
      },
    };
  };
  return { notices, router, sentUpstream, inbox };
}

describe('log routing', () => {
  it("delivers to the sessions with a call in flight to that server, at or above each one's level", () => {
    const { notices, router, inbox } = setup();
    const a = inbox();
    const b = inbox();
    const other = inbox();
    router.setLevel('a', 'warning');
    const doneA = router.track('x', 'a', a.deliver);
    const doneB = router.track('x', 'b', b.deliver);
    const doneOther = router.track('y', 'c', other.deliver);
    notices.log('x', { level: 'info', data: 'one' });
    notices.log('x', { level: 'error', data: 'two' });
    expect(a.seen).toEqual(['error:two']);
    expect(b.seen).toEqual(['info:one', 'error:two']);
    expect(other.seen).toEqual([]);
    doneA();
    doneB();
    doneOther();
    notices.log('x', { level: 'error', data: 'late' });
    expect(b.seen).toHaveLength(2);
  });

  it('sends one message per session, on its oldest call in flight', () => {
    const { notices, router, inbox } = setup();
    const first = inbox();
    const second = inbox();
    const doneFirst = router.track('x', 's', first.deliver);
    router.track('x', 's', second.deliver);
    notices.log('x', { level: 'info', data: 'm' });
    expect([first.seen, second.seen]).toEqual([['info:m'], []]);
    doneFirst();
    notices.log('x', { level: 'info', data: 'n' });
    expect(second.seen).toEqual(['info:n']);
  });

  it('asks upstreams for the most verbose level any session set', () => {
    const { router, sentUpstream } = setup();
    router.setLevel('a', 'error');
    router.setLevel('b', 'info');
    router.setLevel('c', 'warning');
    expect(sentUpstream).toEqual(['error', 'info']);
    router.forget('b');
    expect(sentUpstream).toEqual(['error', 'info', 'warning']);
    router.forget('a');
    router.forget('c');
    expect(sentUpstream).toEqual(['error', 'info', 'warning']);
    expect(router.level('c')).toBeUndefined();
  });
});
