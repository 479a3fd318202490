/**
 * Resource subscriptions across agent sessions (SPEC 3, issue 12): fan in, one upstream
 * subscription per URI however many sessions hold it, ended when the last one unsubscribes or
 * ends; fan out, an upstream's notifications/resources/updated goes to the sessions subscribed
 * to that URI and to no other.
 */
import type { UpstreamCallOptions, UpstreamRouter } from '../upstreams/contracts';

type NotifyUpdated = (uri: string) => void;

interface Subscription {
  /** The server that owns the URI, once the upstream subscription succeeded. */
  server: Promise<string>;
  sessions: Map<string, NotifyUpdated>;
}

export interface ResourceSubscriptions {
  subscribe(
    sessionId: string,
    uri: string,
    notify: NotifyUpdated,
    options: UpstreamCallOptions,
  ): Promise<void>;
  unsubscribe(sessionId: string, uri: string, options: UpstreamCallOptions): Promise<void>;
  /** The session ended: its subscriptions go, and upstream ones nobody else holds. */
  forget(sessionId: string): void;
  /** How many sessions hold `uri` (diagnostics and tests). */
  holders(uri: string): number;
  close(): void;
}

type Router = Pick<
  UpstreamRouter,
  'subscribeResource' | 'unsubscribeResource' | 'onDidUpdateResource'
>;

export function createResourceSubscriptions(
  upstreams: Router,
  onError: (error: Error) => void,
): ResourceSubscriptions {
  const byUri = new Map<string, Subscription>();
  /** Which server each URI's updates come from, once subscribed. */
  const owners = new Map<string, string>();

  const unsubscribeUpdates = upstreams.onDidUpdateResource((server, uri) => {
    const subscription = byUri.get(uri);
    if (!subscription || owners.get(uri) !== server) return;
    for (const notify of subscription.sessions.values()) notify(uri);
  });

  async function release(uri: string, subscription: Subscription, options: UpstreamCallOptions) {
    if (subscription.sessions.size > 0 || byUri.get(uri) !== subscription) return;
    byUri.delete(uri);
    owners.delete(uri);
    const server = await subscription.server;
    await upstreams.unsubscribeResource(server, uri, options);
  }

  return {
    async subscribe(sessionId, uri, notify, options) {
      let subscription = byUri.get(uri);
      if (!subscription) {
        const server = upstreams.subscribeResource(uri, options);
        subscription = { server, sessions: new Map() };
        const created = subscription;
        byUri.set(uri, created);
        server.then(
          (name) => byUri.get(uri) === created && owners.set(uri, name),
          () => byUri.get(uri) === created && byUri.delete(uri),
        );
      }
      subscription.sessions.set(sessionId, notify);
      try {
        await subscription.server;
      } catch (error) {
        subscription.sessions.delete(sessionId);
        throw error;
      }
    },

    async unsubscribe(sessionId, uri, options) {
      const subscription = byUri.get(uri);
      if (!subscription?.sessions.delete(sessionId)) return;
      await release(uri, subscription, options);
    },

    forget(sessionId) {
      for (const [uri, subscription] of byUri) {
        if (!subscription.sessions.delete(sessionId)) continue;
        release(uri, subscription, {}).catch((error: unknown) =>
          onError(error instanceof Error ? error : new Error(String(error))),
        );
      }
    },

    holders: (uri) => byUri.get(uri)?.sessions.size ?? 0,
    close: () => unsubscribeUpdates(),
  };
}
