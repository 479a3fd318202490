/**
 * The downstream `/mcp` endpoint (SPEC 3): Bearer token check, then stateful Streamable HTTP
 * sessions, one SDK Server + transport each, whose Mcp-Session-Id is the records' session_id.
 * A request without a session id that is not an initialize is served statelessly and recorded
 * under an id of its TCP connection. The HTTP server routes `/mcp` here after Origin/Host checks.
 * A session's plain tools/call takes a fast path (fastToolCall.ts) that skips the SDK transport.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest, type RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { McpTokenInfo } from '../../../shared/servers';
import type { RecordQueue } from '../activity/contracts';
import type { ActivityEventBus } from '../events';
import type { ApprovalGate } from '../approvals';
import type { CallsInFlight } from '../elicitation';
import type { ElicitationMode } from '../../../shared/elicitation';
import type { PolicyEngine } from '../policy/contracts';
import type { TokenStore } from '../tokens/contracts';
import type { CatalogKind, UpstreamManager, UpstreamRouter } from '../upstreams/contracts';
import { checkBearerToken, sendJsonRpcError, sendUnauthorized } from './bearerToken';
import {
  acceptsFastAnswer,
  cancelledRequests,
  duplicatedRequestId,
  FAST_CALL_MAX_BYTES,
  fastToolCallOf,
  requestIdsOf,
  serveFastToolCall,
  type FastPathSession,
} from './fastToolCall';
import {
  hasBoundedBody,
  parseJsonBody,
  parseJsonOrUndefined,
  readRawBody,
  RequestBodyError,
} from './requestBody';
import { createForwarding, withLogDelivery } from './forwarding';
import type { McpRequestHook } from './handlerHooks';
import { readMcpBody } from './overLimitBody';
import { answerOverLimit } from './overLimitCall';
import { DEFAULT_MAX_SESSIONS_PER_TOKEN, sessionsFullMessage, sessionToEvict } from './sessionCap';
import { callIdentity, createSessionServer } from './sessionServer';
import { createToolCallHandler } from './toolCallHandler';

export interface GatewayOptions {
  upstreams: UpstreamManager & UpstreamRouter;
  recorder: RecordQueue;
  events: ActivityEventBus;
  tokens: TokenStore;
  getPolicy: () => PolicyEngine;
  approvals: ApprovalGate;
  /** A session with no request for this long (and none open) is closed. Default 30 min. */
  sessionIdleMs?: number;
  /** Sessions one MCP token may keep open (sessionCap.ts). Default 100. */
  maxSessionsPerToken?: number;
  onError?: (error: Error) => void;
  /** A session ended: the client's DELETE, its transport closing, the idle timeout or shutdown. */
  onSessionClosed?: (sessionId: string, why: SessionEndReason) => void;
  /** Wraps every tools/call's handler (both paths), e.g. to trace it (SPEC 13). */
  wrapToolCallHandler?: (handler: ToolCallHandler) => ToolCallHandler;
  /** Wraps every request handler of the sessions' SDK Servers (SPEC 13: the other methods' spans). */
  requestHook?: McpRequestHook;
  /** Calls waiting on an upstream, so its elicitations find them (src/main/core/elicitation). */
  calls?: CallsInFlight;
  /** SPEC 3: `agent` sends elicitations on the call's stream, so such calls skip the fast path. */
  elicitationMode?: () => ElicitationMode;
}

type ToolCallHandler = ReturnType<typeof createToolCallHandler>;

/** `evicted`: closed to make room for a newer session of the same token (sessionCap.ts). */
export type SessionEndReason = 'deleted' | 'closed' | 'idle' | 'evicted' | 'shutdown';

export interface Gateway {
  handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void>;
  closeSessions(): Promise<void>;
  sessionCount(): number;
  /** closeSessions(), and stops the idle sweep and the list_changed fan-out. */
  close(): Promise<void>;
}

interface Session extends FastPathSession {
  tokenId: string;
  transport: StreamableHTTPServerTransport;
  /** tools/call requests the SDK path is serving, by JSON-RPC id. */
  sdkCalls: Set<RequestId>;
}

/** What @hono/node-server (under the SDK transport) reads instead of an already consumed stream. */
type PreReadRequest = IncomingMessage & { rawBody?: Buffer };

const DEFAULT_SESSION_IDLE_MS = 30 * 60_000;

export function createGateway(options: GatewayOptions): Gateway {
  const sessions = new Map<string, Session>();
  const connectionIds = new WeakMap<Socket, string>();
  const idleMs = options.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS;
  const maxPerToken = options.maxSessionsPerToken ?? DEFAULT_MAX_SESSIONS_PER_TOKEN;
  const report = (error: unknown): void =>
    options.onError?.(error instanceof Error ? error : new Error(String(error)));
  const forwarding = createForwarding(options.upstreams, report);
  const deliveringLogs = withLogDelivery(
    createToolCallHandler(options),
    options.upstreams,
    forwarding.logs,
  );
  const handleToolCall = options.wrapToolCallHandler?.(deliveringLogs) ?? deliveringLogs;

  const sweep = setInterval(
    () => closeIdleSessions(),
    Math.max(1_000, Math.min(idleMs / 2, 60_000)),
  );
  sweep.unref();

  const unsubscribe = options.upstreams.onDidChangeCatalog((kinds) => notifyListChanged(kinds));

  function notifyListChanged(kinds: ReadonlySet<CatalogKind>): void {
    for (const session of sessions.values()) {
      const server = session.server;
      if (kinds.has('tools')) server.sendToolListChanged().catch(report);
      if (kinds.has('prompts')) server.sendPromptListChanged().catch(report);
      if (kinds.has('resources')) server.sendResourceListChanged().catch(report);
    }
  }

  function closeIdleSessions(): void {
    const cutoff = Date.now() - idleMs;
    for (const session of sessions.values()) {
      if (session.openRequests === 0 && session.lastActivity < cutoff)
        void closeSession(session, 'idle');
    }
  }

  async function closeSession(session: Session, why: SessionEndReason): Promise<void> {
    if (sessions.get(session.id) !== session) return;
    sessions.delete(session.id);
    // As the SDK's Protocol does for its own in-flight handlers when the connection closes.
    for (const controller of session.fastCalls.values()) controller.abort();
    forwarding.forget(session.id);
    options.onSessionClosed?.(session.id, why);
    await session.server.close().catch(report);
  }

  /** A new session for `auth`'s token, or null when the token's sessions are full (answered). */
  async function openSession(auth: AuthInfo, res: ServerResponse): Promise<Session | null> {
    const evict = sessionToEvict(sessions.values(), auth.clientId, maxPerToken);
    if (evict === 'full') {
      sendJsonRpcError(res, 429, -32000, sessionsFullMessage(maxPerToken));
      return null;
    }
    if (evict) await closeSession(evict, 'evicted');
    return createSession(auth.clientId);
  }

  async function createSession(tokenId: string): Promise<Session> {
    const id = randomUUID();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => id,
      onsessioninitialized: () => void sessions.set(id, session),
      onsessionclosed: () => void closeSession(session, 'deleted'),
    });
    const sdkCalls = new Set<RequestId>();
    const server = createSessionServer({
      upstreams: options.upstreams,
      handleToolCall: async (params, extra, who) => {
        const requestId = extra.requestId;
        if (requestId === undefined) return handleToolCall(params, extra, who);
        sdkCalls.add(requestId);
        try {
          return await handleToolCall(params, extra, who);
        } finally {
          sdkCalls.delete(requestId);
        }
      },
      sessionId: () => id,
      forwarding,
      requestHook: options.requestHook,
    });
    const session: Session = {
      id,
      tokenId,
      server,
      transport,
      lastActivity: Date.now(),
      openRequests: 0,
      fastCalls: new Map(),
      sdkCalls,
    };
    server.onclose = () => void closeSession(session, 'closed');
    server.onerror = report;
    await server.connect(transport);
    return session;
  }

  async function serve(
    session: Session,
    req: IncomingMessage,
    res: ServerResponse,
    body?: unknown,
  ): Promise<void> {
    session.openRequests++;
    session.lastActivity = Date.now();
    try {
      await session.transport.handleRequest(req, res, body);
    } finally {
      session.openRequests--;
      session.lastActivity = Date.now();
    }
  }

  /**
   * A POST of a session whose body we may read: cancellations are checked against fast-path calls,
   * a plain tools/call is served fast, anything else goes to the SDK with the body parsed once.
   */
  async function servePost(
    session: Session,
    req: IncomingMessage,
    res: ServerResponse,
    auth: AuthInfo,
  ): Promise<void> {
    session.lastActivity = Date.now();
    const raw = await readRawBody(req);
    const body = parseJsonOrUndefined(raw);
    if (body === undefined) {
      // Not JSON: the SDK reads the same bytes and gives its own parse error.
      (req as PreReadRequest).rawBody = raw;
      await serve(session, req, res);
      return;
    }
    for (const { requestId, reason } of cancelledRequests(body))
      session.fastCalls.get(requestId)?.abort(reason);
    // A request id still in use by an open call would make the SDK transport route one answer to
    // the wrong stream and leave the other request (and its payload) waiting forever. The same
    // holds for an id used twice in one batch: the whole batch is refused before anything runs.
    const ids = requestIdsOf(body);
    if (refusedDuplicatedIds(ids, res)) return;
    const reused = ids.find((id) => session.fastCalls.has(id) || session.sdkCalls.has(id));
    if (reused !== undefined) {
      sendJsonRpcError(
        res,
        409,
        -32600,
        `Request id ${JSON.stringify(reused)} is already in use by an open call of this session; JSON-RPC ids must be unique among a session's open requests.`,
      );
      return;
    }
    // A session that set a log level gets its calls' logs on the call's own stream, before the
    // result; an agent that answers elicitations gets them there too.
    const fast =
      raw.length <= FAST_CALL_MAX_BYTES &&
      forwarding.logs.level(session.id) === undefined &&
      !answersElicitations(session);
    const call = fast ? fastToolCallOf(body) : null;
    if (call) await serveFastToolCall(handleToolCall, session, call, res, auth);
    else await serve(session, req, res, body);
  }

  /**
   * A POST of a session whose body is chunked or declared over the limit: one that turns out to be
   * within the limit goes to the SDK as before; one over it is refused without being held.
   */
  async function serveUnboundedPost(
    session: Session,
    req: IncomingMessage,
    res: ServerResponse,
    auth: AuthInfo,
  ): Promise<void> {
    session.lastActivity = Date.now();
    const read = await readMcpBody(req);
    if ('raw' in read) {
      (req as PreReadRequest).rawBody = read.raw;
      await serve(session, req, res);
      return;
    }
    const who = callIdentity(session.server, session.id, auth);
    answerOverLimit(res, read.overLimit, options.recorder, who, session.id);
  }

  /** A client that keeps no session (no Mcp-Session-Id): a one-shot server for this request. */
  async function serveSessionless(
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
  ): Promise<void> {
    const connectionId = connectionIdOf(req.socket);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    const server = createSessionServer({
      upstreams: options.upstreams,
      handleToolCall,
      sessionId: () => connectionId,
      forwarding,
      requestHook: options.requestHook,
    });
    server.onerror = report;
    await server.connect(transport);
    res.once('close', () => {
      forwarding.forget(connectionId);
      void server.close().catch(report);
    });
    await transport.handleRequest(req, res, body);
  }

  function answersElicitations(session: Session): boolean {
    if (options.elicitationMode?.() !== 'agent') return false;
    return session.server.getClientCapabilities()?.elicitation !== undefined;
  }

  function connectionIdOf(socket: Socket): string {
    let id = connectionIds.get(socket);
    if (!id) {
      id = `conn-${randomUUID()}`;
      connectionIds.set(socket, id);
    }
    return id;
  }

  return {
    async handleRequest(req, res) {
      const check = checkBearerToken(req, options.tokens);
      if (!check.ok) {
        sendUnauthorized(res, check.message);
        return;
      }
      const auth = authInfo(check.token);
      (req as IncomingMessage & { auth?: AuthInfo }).auth = auth;
      try {
        const sessionId = req.headers['mcp-session-id'];
        if (typeof sessionId === 'string') {
          const session = sessions.get(sessionId);
          if (!session) {
            sendJsonRpcError(
              res,
              404,
              -32001,
              `MCP session "${sessionId}" not found: it ended or Switchboard restarted. Reconnect to start a new session.`,
            );
            return;
          }
          if (req.method !== 'POST' || !acceptsFastAnswer(req)) await serve(session, req, res);
          else if (hasBoundedBody(req)) await servePost(session, req, res, auth);
          else await serveUnboundedPost(session, req, res, auth);
          return;
        }
        if (req.method !== 'POST') {
          sendJsonRpcError(
            res,
            400,
            -32000,
            `${req.method ?? 'This'} requests to /mcp need the Mcp-Session-Id header of a session; start one with an initialize POST.`,
          );
          return;
        }
        const read = await readMcpBody(req);
        if ('overLimit' in read) {
          const who = { ...NO_CLIENT, sessionId: connectionIdOf(req.socket), ...tokenOf(auth) };
          answerOverLimit(res, read.overLimit, options.recorder, who, undefined);
          return;
        }
        const body = parseJsonBody(read.raw);
        if (refusedDuplicatedIds(requestIdsOf(body), res)) return;
        const initializes = Array.isArray(body)
          ? body.some(isInitializeRequest)
          : isInitializeRequest(body);
        if (!initializes) {
          await serveSessionless(req, res, body);
          return;
        }
        const session = await openSession(auth, res);
        if (session) await serve(session, req, res, body);
      } catch (error) {
        if (error instanceof RequestBodyError) {
          sendJsonRpcError(res, error.status, error.code, error.message);
          return;
        }
        throw error;
      }
    },

    async closeSessions() {
      await Promise.all([...sessions.values()].map((session) => closeSession(session, 'shutdown')));
    },

    sessionCount: () => sessions.size,

    async close() {
      clearInterval(sweep);
      unsubscribe();
      forwarding.close();
      await this.closeSessions();
    },
  };
}

/** Answers 400 when one batch uses a request id twice (see servePost); true when it did. */
function refusedDuplicatedIds(ids: readonly RequestId[], res: ServerResponse): boolean {
  const doubled = duplicatedRequestId(ids);
  if (doubled === undefined) return false;
  sendJsonRpcError(
    res,
    400,
    -32600,
    `Request id ${JSON.stringify(doubled)} appears more than once in this batch: JSON-RPC ids must be unique among a session's open requests. Nothing in the batch was run.`,
  );
  return true;
}

const NO_CLIENT = { clientName: null, clientVersion: null } as const;

function tokenOf(auth: AuthInfo): { tokenId: string; tokenName: string | null } {
  const name = auth.extra?.tokenName;
  return { tokenId: auth.clientId, tokenName: typeof name === 'string' ? name : null };
}

function authInfo(token: McpTokenInfo): AuthInfo {
  return { token: token.id, clientId: token.id, scopes: [], extra: { tokenName: token.name } };
}
