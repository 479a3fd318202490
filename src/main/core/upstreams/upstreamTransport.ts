/** Builds the SDK client transport for one resolved server entry (stdio, Streamable HTTP or SSE). */
import type { ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { ServerConfig } from '../config/contracts';
import { createPerRequestAbortFetch } from './perRequestAbortFetch';
import { relatedRequestTap, type RequestRelations } from './requestRelations';
import type { StderrRing } from './stderrRing';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface UpstreamTransport {
  transport: Transport;
  pid(): number | undefined;
  /** stdio only: how the child ended, once it has. */
  exit(): ExitInfo | null;
}

export function createUpstreamTransport(
  config: ServerConfig,
  stderr: StderrRing,
  relations?: RequestRelations,
): UpstreamTransport {
  if (config.transport === 'stdio') return createStdioTransport(config, stderr);
  if (!config.url) {
    throw new Error(
      `Server "${config.name}" has no url: set "url" or "command" in its mcpServers entry.`,
    );
  }
  const url = new URL(config.url);
  const fetch = createPerRequestAbortFetch(
    undefined,
    relations === undefined ? undefined : relatedRequestTap(relations),
  );
  const options = { requestInit: { headers: config.headers }, fetch };
  const transport =
    config.transport === 'sse'
      ? new SSEClientTransport(url, options)
      : new StreamableHTTPClientTransport(url, options);
  return { transport, pid: () => undefined, exit: () => null };
}

function createStdioTransport(config: ServerConfig, stderr: StderrRing): UpstreamTransport {
  if (!config.command) {
    throw new Error(
      `Server "${config.name}" has no command: set "command" or "url" in its mcpServers entry.`,
    );
  }
  const transport = new StdioClientTransport({
    command: config.command,
    args: config.args,
    env: { ...inheritedEnv(), ...config.env },
    cwd: config.cwd,
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer | string) => stderr.push(String(chunk)));
  let exit: ExitInfo | null = null;
  let beforeSend = (): void => undefined;
  const start = transport.start.bind(transport);
  transport.start = async () => {
    await start();
    // The SDK drops the exit code when it reports close and keeps the child private: read it
    // here so the server_change record can say how the process ended. 'exit' precedes 'close'.
    const child = (transport as unknown as { _process?: ChildProcess })._process;
    child?.once('exit', (code, signal) => {
      exit = { code, signal };
    });
    if (child?.stdin) beforeSend = coalesceWrites(child.stdin);
  };
  const send = transport.send.bind(transport);
  transport.send = (message) => {
    beforeSend();
    return send(message);
  };
  return { transport, pid: () => transport.pid ?? undefined, exit: () => exit };
}

/**
 * Messages sent in one turn of the event loop reach the child in one write: with many agents,
 * calls that arrive together would otherwise cost a syscall and a wakeup of the server each.
 * The batch is released in the same loop iteration (setImmediate), so a lone call waits for
 * nothing but the callbacks already running.
 */
function coalesceWrites(stream: Writable): () => void {
  let corked = false;
  const release = (): void => {
    corked = false;
    stream.uncork();
  };
  return () => {
    if (corked || !stream.writable) return;
    corked = true;
    stream.cork();
    setImmediate(release);
  };
}

function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined) env[key] = value;
  }
  return env;
}
