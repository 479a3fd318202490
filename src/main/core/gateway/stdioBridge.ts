/**
 * `switchboard connect` (SPEC 3): a stdio <-> Streamable HTTP bridge, so clients that only spawn
 * stdio servers (Claude Desktop) can use Switchboard. JSON-RPC messages are forwarded both ways
 * unchanged; the Bearer token goes on every HTTP request.
 */
import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import {
  InitializeResultSchema,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
} from '@modelcontextprotocol/sdk/types.js';
import { createPerRequestAbortFetch } from '../upstreams/perRequestAbortFetch';

export interface StdioBridgeOptions {
  /** e.g. `http://127.0.0.1:8080/mcp` */
  url: string;
  /** A Switchboard MCP token (`swb_...`). */
  token: string;
  stdin?: Readable;
  stdout?: Writable;
  /** Problems worth a line on stderr (the stdout stream belongs to the protocol). */
  onError?: (message: string) => void;
  /** Ends the bridge (tests, signals). */
  signal?: AbortSignal;
}

/** Runs until stdin ends, the signal aborts or Switchboard ends the session. */
export async function runStdioBridge(options: StdioBridgeOptions): Promise<void> {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new Error(
      `--url ${JSON.stringify(options.url)} is not a URL: use e.g. http://127.0.0.1:8080/mcp`,
    );
  }
  const report =
    options.onError ??
    ((message: string) => process.stderr.write(`switchboard connect: ${message}\n`));
  const stdin = options.stdin ?? process.stdin;
  const stdio = new StdioServerTransport(stdin, options.stdout ?? process.stdout);
  const http = new StreamableHTTPClientTransport(url, {
    requestInit: { headers: { Authorization: `Bearer ${options.token}` } },
    fetch: createPerRequestAbortFetch(),
  });
  const initializeIds = new Set<string | number>();
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let closing = false;

  async function shutdown(): Promise<void> {
    if (closing) return;
    closing = true;
    stdin.off('end', onStdinEnd);
    await http.terminateSession().catch(() => undefined);
    await http.close().catch(() => undefined);
    await stdio.close().catch(() => undefined);
    finish();
  }
  const onStdinEnd = (): void => void shutdown();

  stdio.onmessage = (message: JSONRPCMessage) => {
    if (isJSONRPCRequest(message) && message.method === 'initialize') initializeIds.add(message.id);
    http.send(message).catch((error: unknown) => {
      const refused = tokenRefusal(error, url);
      const why = error instanceof Error ? error.message : String(error);
      report(refused ?? `could not reach Switchboard at ${url.href}: ${why}`);
      if (isJSONRPCRequest(message)) {
        void stdio.send({
          jsonrpc: '2.0',
          id: message.id,
          error: {
            code: -32000,
            message: refused ?? `Switchboard at ${url.href} did not accept the request: ${why}`,
          },
        });
      }
    });
  };
  http.onmessage = (message: JSONRPCMessage) => {
    if (isJSONRPCResultResponse(message) && initializeIds.delete(message.id)) {
      // Later requests carry the negotiated MCP-Protocol-Version header, as the SDK client does.
      const parsed = InitializeResultSchema.safeParse(message.result);
      if (parsed.success) http.setProtocolVersion(parsed.data.protocolVersion);
    }
    stdio.send(message).catch((error: unknown) => report(`stdout: ${String(error)}`));
  };
  http.onerror = (error) => {
    // A refused token is reported once, by the send that met it.
    if (!tokenRefusal(error, url)) report(error.message);
  };
  stdio.onerror = (error) => report(error.message);
  stdio.onclose = () => void shutdown();
  http.onclose = () => void shutdown();

  options.signal?.addEventListener('abort', () => void shutdown(), { once: true });
  stdin.once('end', onStdinEnd);
  await http.start();
  await stdio.start();
  await finished;
}

/**
 * A 401 means Switchboard was reached and refused the token (SPEC 3, 6): say so and how to make
 * one, rather than "could not reach", which sends the user looking at the network.
 */
function tokenRefusal(error: unknown, url: URL): string | null {
  if (!(error instanceof StreamableHTTPError) || error.code !== 401) return null;
  return `Switchboard at ${url.href} refused the MCP token: it is unknown or revoked. Create one with "switchboard tokens create NAME" (or in the Tokens view of the Switchboard window) and pass it with --token.`;
}
