/**
 * A session's SDK Server whose every request handler goes through a caller's wrapper, e.g. to
 * trace each agent request to `/mcp` (SPEC 13). A subclass is the one place that also sees the
 * handlers the SDK registers itself (`initialize`, `ping`): it does so in its constructors.
 */
import { Server, type ServerOptions } from '@modelcontextprotocol/sdk/server/index.js';
import type { AnyObjectSchema, SchemaOutput } from '@modelcontextprotocol/sdk/server/zod-compat.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type {
  Implementation,
  Notification,
  Request,
  Result,
  ServerNotification,
  ServerRequest,
  ServerResult,
} from '@modelcontextprotocol/sdk/types.js';

/** One JSON-RPC request as a handler receives it (after the SDK validated it). */
export interface McpRequest {
  method: string;
  params?: { [key: string]: unknown; _meta?: Record<string, unknown> };
}

export type McpRequestExtra = RequestHandlerExtra<
  ServerRequest | Request,
  ServerNotification | Notification
>;

export type McpRequestHandler = (
  request: McpRequest,
  extra: McpRequestExtra,
) => ServerResult | Result | Promise<ServerResult | Result>;

/** Wraps each request handler once, as it is registered. */
export type McpRequestHook = (handler: McpRequestHandler) => McpRequestHandler;

type ServerClass = new (info: Implementation, options?: ServerOptions) => Server;

const hookedClasses = new WeakMap<McpRequestHook, ServerClass>();

export function createHookedServer(
  info: Implementation,
  options: ServerOptions,
  hook: McpRequestHook | undefined,
): Server {
  if (hook === undefined) return new Server(info, options);
  let HookedServer = hookedClasses.get(hook);
  if (HookedServer === undefined) {
    HookedServer = hookedServerClass(hook);
    hookedClasses.set(hook, HookedServer);
  }
  return new HookedServer(info, options);
}

/** The hook comes from the closure: the base constructors register handlers before any field is set. */
function hookedServerClass(hook: McpRequestHook): ServerClass {
  return class HookedServer extends Server {
    override setRequestHandler<T extends AnyObjectSchema>(
      schema: T,
      handler: (
        request: SchemaOutput<T>,
        extra: McpRequestExtra,
      ) => ServerResult | Result | Promise<ServerResult | Result>,
    ): void {
      const hooked = hook(handler as unknown as McpRequestHandler);
      super.setRequestHandler(schema, hooked as unknown as typeof handler);
    }
  };
}
