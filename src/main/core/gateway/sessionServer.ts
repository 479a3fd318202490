/**
 * The low-level SDK `Server` behind one downstream session: serves the aggregated catalog and
 * routes tools/call, prompts/get and resources/read to the upstreams.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { agentElicitorOf } from '../elicitation/agentElicitor';
import { SWITCHBOARD_IMPLEMENTATION } from '../upstreams/clientIdentity';
import type { UpstreamManager, UpstreamRouter } from '../upstreams/contracts';
import { forwardedCapabilities, registerForwardingHandlers, type Forwarding } from './forwarding';
import { createHookedServer, type McpRequestHook } from './handlerHooks';
import { asRpcError } from './upstreamRpcError';
import type { CallIdentity } from './toolCallRecord';
import type { createToolCallHandler } from './toolCallHandler';

export interface SessionServerOptions {
  upstreams: UpstreamManager & UpstreamRouter;
  handleToolCall: ReturnType<typeof createToolCallHandler>;
  /** The record's session_id: the Mcp-Session-Id, or a connection id for sessionless requests. */
  sessionId: (authInfo: AuthInfo | undefined) => string | null;
  forwarding: Forwarding;
  /** Wraps every request handler, the SDK's own included (e.g. to trace it, SPEC 13). */
  requestHook?: McpRequestHook;
}

const INSTRUCTIONS =
  'Switchboard proxies several MCP servers. Tools and prompts are named <server>__<name>; resources keep their URIs.';

export function createSessionServer(options: SessionServerOptions): Server {
  const { upstreams } = options;
  const forwarded = forwardedCapabilities(upstreams);
  const server = createHookedServer(
    { ...SWITCHBOARD_IMPLEMENTATION },
    {
      capabilities: {
        tools: { listChanged: true },
        prompts: { listChanged: true },
        ...forwarded,
      },
      instructions: INSTRUCTIONS,
    },
    options.requestHook,
  );

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: upstreams.exposedTools() }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const answer = await options.handleToolCall(
      request.params,
      { ...extra, agentElicitor: agentElicitorOf(server, extra) },
      callIdentity(server, options.sessionId(extra.authInfo), extra.authInfo),
    );
    return answer.result;
  });
  server.setRequestHandler(ListPromptsRequestSchema, () => ({
    prompts: upstreams.exposedPrompts(),
  }));
  server.setRequestHandler(GetPromptRequestSchema, (request, extra) =>
    asRpcError(
      upstreams.getPrompt(request.params.name, request.params.arguments, { signal: extra.signal }),
    ),
  );
  server.setRequestHandler(ListResourcesRequestSchema, () => ({
    resources: upstreams.resources(),
  }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({
    resourceTemplates: upstreams.resourceTemplates(),
  }));
  server.setRequestHandler(ReadResourceRequestSchema, (request, extra) =>
    asRpcError(upstreams.readResource(request.params.uri, { signal: extra.signal })),
  );
  registerForwardingHandlers(server, forwarded, {
    upstreams,
    forwarding: options.forwarding,
    sessionIdOf: options.sessionId,
  });
  return server;
}

/** Who made a call, for its record: the session, the client's initialize info and the token. */
export function callIdentity(
  server: Server,
  sessionId: string | null,
  authInfo: AuthInfo | undefined,
): CallIdentity {
  const client = server.getClientVersion();
  return {
    sessionId,
    clientName: client?.name ?? null,
    clientVersion: client?.version ?? null,
    tokenId: authInfo?.clientId ?? null,
    tokenName: typeof authInfo?.extra?.tokenName === 'string' ? authInfo.extra.tokenName : null,
  };
}
