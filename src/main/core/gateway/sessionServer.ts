/**
 * The low-level SDK `Server` behind one downstream session: serves the aggregated catalog and
 * routes tools/call, prompts/get and resources/read to the upstreams.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { SWITCHBOARD_IMPLEMENTATION } from '../upstreams/clientIdentity';
import type { UpstreamManager, UpstreamRouter } from '../upstreams/contracts';
import { UpstreamTimeoutError, UpstreamUnavailableError } from '../upstreams/contracts';
import { relayedError } from './relayedError';
import type { CallIdentity } from './toolCallRecord';
import type { createToolCallHandler } from './toolCallHandler';

export interface SessionServerOptions {
  upstreams: UpstreamManager & UpstreamRouter;
  handleToolCall: ReturnType<typeof createToolCallHandler>;
  /** The record's session_id: the Mcp-Session-Id, or a connection id for sessionless requests. */
  sessionId: (authInfo: AuthInfo | undefined) => string | null;
}

const INSTRUCTIONS =
  'Switchboard proxies several MCP servers. Tools and prompts are named <server>__<name>; resources keep their URIs.';

export function createSessionServer(options: SessionServerOptions): Server {
  const { upstreams } = options;
  const server = new Server(
    { ...SWITCHBOARD_IMPLEMENTATION },
    {
      capabilities: {
        tools: { listChanged: true },
        prompts: { listChanged: true },
        resources: { listChanged: true },
      },
      instructions: INSTRUCTIONS,
    },
  );

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: upstreams.exposedTools() }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const answer = await options.handleToolCall(
      request.params,
      extra,
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

/** Prompts and resources have no isError result: an unavailable upstream is a JSON-RPC error. */
async function asRpcError<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof UpstreamUnavailableError || error instanceof UpstreamTimeoutError) {
      throw new McpError(ErrorCode.InternalError, error.message);
    }
    if (error instanceof McpError) throw relayedError(error);
    throw error;
  }
}
