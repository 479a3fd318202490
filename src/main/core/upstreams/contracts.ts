import type {
  CallToolResult,
  CompleteRequest,
  CompleteResult,
  ElicitRequest,
  ElicitResult,
  GetPromptResult,
  LoggingLevel,
  LoggingMessageNotification,
  Prompt,
  ReadResourceResult,
  Resource,
  ResourceTemplate,
  Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { ServerStatus, ToolInfo } from '../../../shared/servers';
import type { SwitchboardConfig } from '../config/contracts';

export interface UpstreamCallOptions {
  signal?: AbortSignal;
  onprogress?: (progress: { progress: number; total?: number; message?: string }) => void;
  /** Overrides the server's timeout_ms. */
  timeoutMs?: number;
  /** Sent as the request's `params._meta` (e.g. the W3C `traceparent` of SPEC 13). */
  meta?: Record<string, string>;
  /** The call's record id: an upstream request sent for this call (elicitation) names it. */
  callId?: string;
}

/** What Switchboard knows about an upstream's `elicitation/create` when it arrives. */
export interface UpstreamElicitContext {
  /** The record id of the call the transport says the request belongs to (Streamable HTTP). */
  relatedCallId?: string;
  /** Aborted when the server cancels its request or the connection ends. */
  signal: AbortSignal;
}

/** Answers an upstream's `elicitation/create` (src/main/core/elicitation). */
export type UpstreamElicitHandler = (
  server: string,
  params: ElicitRequest['params'],
  context: UpstreamElicitContext,
) => Promise<ElicitResult>;

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

/** What a connection knows that the config does not; `status` is the connection's own view. */
export interface UpstreamState {
  status: ServerStatus;
  /** Set while the status is `error`. */
  error: string | null;
  tools_count: number;
  /** While failing: when the next reconnect attempt is due (RFC 3339). */
  next_retry_at?: string;
  /** From the first failure until a connection succeeds, reconnect attempts included (RFC 3339). */
  failing_since?: string;
}

export interface UpstreamManager {
  /** Brings the running set of upstream connections in line with the config (add, remove, restart changed). */
  apply(config: SwitchboardConfig): Promise<void>;
  /** Live state of every connection, in config order (toServerInfo joins it with the config). */
  states(): (UpstreamState & { name: string })[];
  state(name: string): UpstreamState | undefined;
  tools(name: string): ToolInfo[];
  restart(name: string): Promise<void>;
  callTool(
    server: string,
    tool: string,
    args: Record<string, unknown> | undefined,
    options: UpstreamCallOptions,
  ): Promise<CallToolResult>;
  /** Any change of state, tools, prompts or resources of any server. */
  onDidChange(listener: () => void): () => void;
  close(): Promise<void>;
}

/** Thrown by callTool when no answer came within the server's timeout_ms (progress resets it): error_kind timeout. */
export class UpstreamTimeoutError extends Error {
  constructor(
    readonly serverName: string,
    readonly timeoutMs: number,
  ) {
    super(`Upstream server "${serverName}" did not answer within ${timeoutMs} ms (timeout_ms).`);
    this.name = 'UpstreamTimeoutError';
  }
}

export type CatalogKind = 'tools' | 'prompts' | 'resources';

export interface ResolvedTool {
  server: string;
  /** The original (upstream) tool name. */
  tool: string;
  quarantined: boolean;
  /** Changed since approved with tool_pinning "block": the call is blocked (SPEC 11). */
  toolPinChanged: boolean;
}

/**
 * What the gateway needs beyond UpstreamManager: the aggregated catalog of ready upstreams
 * (exposed names, quarantined servers' tools hidden) and routing of prompts and resources.
 * `createUpstreamManager` returns both.
 */
export interface UpstreamRouter {
  /** Tools of every ready, enabled, non-quarantined server, named `<server>__<tool>`. */
  exposedTools(): Tool[];
  /**
   * Exactly an exposed name of a configured server's tool, including the tools a quarantined,
   * disabled or down server last listed (policy decides, callTool fails fast); else null.
   */
  resolveTool(exposedName: string): ResolvedTool | null;
  exposedPrompts(): Prompt[];
  /** The server and upstream name behind an exposed prompt name, as getPrompt routes it; else null. */
  resolvePrompt(exposedName: string): { server: string; prompt: string } | null;
  /** The server readResource would route `uri` to, else null. */
  resourceServer(uri: string): string | null;
  getPrompt(
    exposedName: string,
    args: Record<string, string> | undefined,
    options: UpstreamCallOptions,
  ): Promise<GetPromptResult>;
  resources(): Resource[];
  resourceTemplates(): ResourceTemplate[];
  /** Routed to the first server (config order) that lists the URI, else whose template matches it. */
  readResource(uri: string, options: UpstreamCallOptions): Promise<ReadResourceResult>;
  /** Fired (coalesced) when the exposed tools, prompts or resources change. */
  onDidChangeCatalog(listener: (kinds: ReadonlySet<CatalogKind>) => void): () => void;
  /** The stdio child's pid, for diagnostics and tests; undefined for remote or stopped servers. */
  pid(server: string): number | undefined;

  /** What agents may be offered, from the ready, visible upstreams (docs/FORWARDING.md). */
  forwardedCapabilities(): ForwardedCapabilities;
  /** Routed by its reference: a namespaced prompt name, or a resource (template) URI. */
  complete(
    params: CompleteRequest['params'],
    options: UpstreamCallOptions,
  ): Promise<CompleteResult>;
  /** Subscribes upstream at the server that owns the URI (routed as readResource); returns its name. */
  subscribeResource(uri: string, options: UpstreamCallOptions): Promise<string>;
  unsubscribeResource(server: string, uri: string, options: UpstreamCallOptions): Promise<void>;
  /** The most verbose level any agent asked for, sent to every upstream that logs. */
  setLogLevel(level: LoggingLevel): void;
  onDidLog(
    listener: (server: string, params: LoggingMessageNotification['params']) => void,
  ): () => void;
  onDidUpdateResource(listener: (server: string, uri: string) => void): () => void;
}

export interface ForwardedCapabilities {
  completions: boolean;
  subscribe: boolean;
}
