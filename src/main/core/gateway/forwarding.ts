/**
 * What a session offers beyond tools, prompts and resources because its upstreams do (SPEC 3,
 * docs/FORWARDING.md): logging (always), completions and resource subscriptions (when a ready
 * upstream offers them as the session starts). Shared state lives in one `Forwarding` per gateway.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import {
  CompleteRequestSchema,
  SetLevelRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
  type ServerCapabilities,
} from '@modelcontextprotocol/sdk/types.js';
import type { UpstreamRouter } from '../upstreams/contracts';
import { createLogRouter, type LogRouter } from './logRouting';
import { createResourceSubscriptions, type ResourceSubscriptions } from './resourceSubscriptions';
import { asRpcError } from './upstreamRpcError';
import type { createToolCallHandler } from './toolCallHandler';

export interface Forwarding {
  logs: LogRouter;
  subscriptions: ResourceSubscriptions;
  /** A session ended: its log level and subscriptions go. */
  forget(sessionId: string): void;
  close(): void;
}

type ToolCallHandler = ReturnType<typeof createToolCallHandler>;

export function createForwarding(
  upstreams: UpstreamRouter,
  onError: (error: Error) => void,
): Forwarding {
  const logs = createLogRouter(upstreams);
  const subscriptions = createResourceSubscriptions(upstreams, onError);
  return {
    logs,
    subscriptions,
    forget(sessionId) {
      logs.forget(sessionId);
      subscriptions.forget(sessionId);
    },
    close() {
      logs.close();
      subscriptions.close();
    },
  };
}

/** The handler with each call counted as in flight to its server, so its logs find the agent. */
export function withLogDelivery(
  handleToolCall: ToolCallHandler,
  upstreams: Pick<UpstreamRouter, 'resolveTool'>,
  logs: LogRouter,
): ToolCallHandler {
  return async (params, extra, who) => {
    const server = upstreams.resolveTool(params.name)?.server;
    if (!server || who.sessionId === null) return handleToolCall(params, extra, who);
    const done = logs.track(server, who.sessionId, extra.sendNotification);
    try {
      return await handleToolCall(params, extra, who);
    } finally {
      done();
    }
  };
}

/** The capabilities a new session advertises on top of tools, prompts and resources. */
export function forwardedCapabilities(upstreams: UpstreamRouter): ServerCapabilities {
  const offered = upstreams.forwardedCapabilities();
  return {
    logging: {},
    ...(offered.completions ? { completions: {} } : {}),
    resources: { listChanged: true, ...(offered.subscribe ? { subscribe: true } : {}) },
  };
}

export function registerForwardingHandlers(
  server: Server,
  capabilities: ServerCapabilities,
  deps: {
    upstreams: UpstreamRouter;
    forwarding: Forwarding;
    sessionIdOf: (authInfo: AuthInfo | undefined) => string | null;
  },
): void {
  const { upstreams, forwarding, sessionIdOf } = deps;
  server.setRequestHandler(SetLevelRequestSchema, (request, extra) => {
    const sessionId = sessionIdOf(extra.authInfo);
    if (sessionId !== null) forwarding.logs.setLevel(sessionId, request.params.level);
    return {};
  });
  if (capabilities.completions) {
    server.setRequestHandler(CompleteRequestSchema, (request, extra) =>
      asRpcError(upstreams.complete(request.params, { signal: extra.signal })),
    );
  }
  if (capabilities.resources?.subscribe) {
    server.setRequestHandler(SubscribeRequestSchema, async (request, extra) => {
      const sessionId = sessionIdOf(extra.authInfo) ?? '';
      const notify = (uri: string): void =>
        void server.sendResourceUpdated({ uri }).catch(() => {});
      await asRpcError(
        forwarding.subscriptions.subscribe(sessionId, request.params.uri, notify, {
          signal: extra.signal,
        }),
      );
      return {};
    });
    server.setRequestHandler(UnsubscribeRequestSchema, async (request, extra) => {
      const sessionId = sessionIdOf(extra.authInfo) ?? '';
      await asRpcError(
        forwarding.subscriptions.unsubscribe(sessionId, request.params.uri, {
          signal: extra.signal,
        }),
      );
      return {};
    });
  }
}
