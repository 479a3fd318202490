import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ServerInfo, ToolInfo } from '../../../shared/servers';
import type { SwitchboardConfig } from '../config/contracts';

export interface UpstreamCallOptions {
  signal?: AbortSignal;
  onprogress?: (progress: { progress: number; total?: number; message?: string }) => void;
  /** Overrides the server's timeout_ms. */
  timeoutMs?: number;
}

/** Thrown by callTool when the server is down, disabled or unknown: the gateway maps it to error_kind upstream_unavailable. */
export class UpstreamUnavailableError extends Error {
  constructor(
    readonly serverName: string,
    message: string,
  ) {
    super(message);
    this.name = 'UpstreamUnavailableError';
  }
}

export interface UpstreamManager {
  /** Brings the running set of upstream connections in line with the config (add, remove, restart changed). */
  apply(config: SwitchboardConfig): Promise<void>;
  servers(): ServerInfo[];
  server(name: string): ServerInfo | undefined;
  tools(name: string): ToolInfo[];
  restart(name: string): Promise<void>;
  callTool(server: string, tool: string, args: Record<string, unknown> | undefined, options: UpstreamCallOptions): Promise<CallToolResult>;
  /** Any change of state, tools, prompts or resources of any server. */
  onDidChange(listener: () => void): () => void;
  close(): Promise<void>;
}
