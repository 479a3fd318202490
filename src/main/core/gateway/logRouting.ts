/**
 * Upstream `notifications/message` to the agents whose requests produced them (SPEC 3, issue 12).
 * One upstream connection serves every agent and a log message names no request, so a message is
 * delivered to each session that has a request in flight to that server when it arrives (the
 * SDK hands it over before that request's response: notificationsFirst.ts), on the stream of that
 * request, and only if it is at or above the level the session set with logging/setLevel. A
 * message that arrives while no request is in flight belongs to nobody we can name: dropped.
 * Upstreams are asked for the most verbose level any session set.
 */
import {
  LoggingLevelSchema,
  type LoggingLevel,
  type LoggingMessageNotification,
  type ServerNotification,
} from '@modelcontextprotocol/sdk/types.js';
import type { UpstreamRouter } from '../upstreams/contracts';

export type Deliver = (notification: ServerNotification) => Promise<void>;

export interface LogRouter {
  setLevel(sessionId: string, level: LoggingLevel): void;
  /** The level the session set, if it set one. */
  level(sessionId: string): LoggingLevel | undefined;
  /** A request of `sessionId` to `server` is in flight until the returned function is called. */
  track(server: string, sessionId: string, deliver: Deliver): () => void;
  /** The session ended. */
  forget(sessionId: string): void;
  close(): void;
}

const SEVERITY = new Map(LoggingLevelSchema.options.map((level, index) => [level, index]));

export function createLogRouter(
  upstreams: Pick<UpstreamRouter, 'onDidLog' | 'setLogLevel'>,
): LogRouter {
  const levels = new Map<string, LoggingLevel>();
  /** server -> session -> deliveries of its requests in flight, oldest first. */
  const inFlight = new Map<string, Map<string, Deliver[]>>();
  let upstreamLevel: LoggingLevel | undefined;

  const unsubscribe = upstreams.onDidLog((server, params) => route(server, params));

  function route(server: string, params: LoggingMessageNotification['params']): void {
    const sessions = inFlight.get(server);
    if (!sessions) return;
    for (const [sessionId, deliveries] of sessions) {
      const wanted = levels.get(sessionId);
      if (wanted && severity(params.level) < severity(wanted)) continue;
      deliveries[0]?.({ method: 'notifications/message', params }).catch(() => undefined);
    }
  }

  function updateUpstreamLevel(): void {
    let mostVerbose: LoggingLevel | undefined;
    for (const level of levels.values())
      if (!mostVerbose || severity(level) < severity(mostVerbose)) mostVerbose = level;
    // With no session left that set a level, upstreams keep the last one: there is no "unset".
    if (!mostVerbose || mostVerbose === upstreamLevel) return;
    upstreamLevel = mostVerbose;
    upstreams.setLogLevel(mostVerbose);
  }

  return {
    setLevel(sessionId, level) {
      levels.set(sessionId, level);
      updateUpstreamLevel();
    },
    level: (sessionId) => levels.get(sessionId),
    track(server, sessionId, deliver) {
      let sessions = inFlight.get(server);
      if (!sessions) inFlight.set(server, (sessions = new Map()));
      let deliveries = sessions.get(sessionId);
      if (!deliveries) sessions.set(sessionId, (deliveries = []));
      deliveries.push(deliver);
      const list = deliveries;
      const map = sessions;
      return () => {
        const index = list.indexOf(deliver);
        if (index >= 0) list.splice(index, 1);
        if (list.length === 0 && map.get(sessionId) === list) map.delete(sessionId);
        if (map.size === 0 && inFlight.get(server) === map) inFlight.delete(server);
      };
    },
    forget(sessionId) {
      levels.delete(sessionId);
      updateUpstreamLevel();
    },
    close: () => unsubscribe(),
  };
}

function severity(level: LoggingLevel): number {
  return SEVERITY.get(level) ?? 0;
}
