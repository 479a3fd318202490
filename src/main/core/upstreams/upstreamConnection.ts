/**
 * One upstream MCP server: connects with an SDK client, caches its tools, prompts and
 * resources (refreshed on list_changed), forwards calls, and on a crash or drop fails every
 * pending and later call at once, records it, and reconnects with exponential backoff.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  CallToolResultSchema,
  CompleteResultSchema,
  ElicitRequestSchema,
  EmptyResultSchema,
  ErrorCode,
  GetPromptResultSchema,
  LoggingMessageNotificationSchema,
  McpError,
  PromptListChangedNotificationSchema,
  ReadResourceResultSchema,
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type {
  CallToolResult,
  CompleteRequest,
  CompleteResult,
  GetPromptResult,
  LoggingLevel,
  LoggingMessageNotification,
  Prompt,
  ReadResourceResult,
  Resource,
  ResourceTemplate,
  ServerCapabilities,
  Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { ActivityRecord } from '../../../shared/activity';
import type { ServerStatus } from '../../../shared/servers';
import type { ServerConfig } from '../config/contracts';
import { SWITCHBOARD_IMPLEMENTATION } from './clientIdentity';
import type { CatalogKind, UpstreamCallOptions, UpstreamElicitHandler } from './contracts';
import { UpstreamTimeoutError, UpstreamUnavailableError } from './contracts';
import { deliverNotificationsFirst } from './notificationsFirst';
import {
  createRequestRelations,
  observeSentMessages,
  type RequestRelations,
} from './requestRelations';
import { serverChangeRecord } from './serverChangeRecord';
import { StderrRing } from './stderrRing';
import type { UpstreamTransport } from './upstreamTransport';
import { createUpstreamTransport } from './upstreamTransport';

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** Connected this long, the next failure starts the backoff from initialMs again. */
  stableMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 30_000, stableMs: 60_000 };
/** initialize + first lists; a server that takes longer is reported and retried. */
const CONNECT_TIMEOUT_MS = 30_000;
const ALL_KINDS: ReadonlySet<CatalogKind> = new Set(['tools', 'prompts', 'resources']);

export interface UpstreamConnectionOptions {
  enqueue: (record: ActivityRecord) => void;
  /** `kinds` is empty when only the state changed. */
  onChange: (kinds: ReadonlySet<CatalogKind>) => void;
  onError?: (error: Error, server: string) => void;
  /** The server's notifications/message, as it sent it (docs/FORWARDING.md says who gets it). */
  onLog?: (server: string, params: LoggingMessageNotification['params']) => void;
  /** notifications/resources/updated for a URI Switchboard subscribed to. */
  onResourceUpdated?: (server: string, uri: string) => void;
  backoff?: BackoffOptions;
  /** Every tools listing, before the catalog sees it: tool pinning compares it (SPEC 11). */
  onToolsListed?: (tools: readonly Tool[]) => void;
  /** Answers the server's `elicitation/create`; without it elicitation is not advertised. */
  onElicit?: UpstreamElicitHandler;
}

/** SPEC 3: elicitation is advertised upstream, form (defaults filled in) and URL mode. */
const ELICITATION_CAPABILITY = { elicitation: { form: { applyDefaults: true }, url: {} } };

type ConnectionState = 'connecting' | 'ready' | 'error' | 'stopped';

export class UpstreamConnection {
  tools: Tool[] = [];
  prompts: Prompt[] = [];
  resources: Resource[] = [];
  templates: ResourceTemplate[] = [];
  error: string | null = null;

  private state: ConnectionState = 'stopped';
  private client: Client | null = null;
  private upstream: UpstreamTransport | null = null;
  /** Bumped on every connect and close: callbacks of an older client are ignored. */
  private generation = 0;
  private attempts = 0;
  private readyAt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  /** When the scheduled reconnect fires (epoch ms), while one is scheduled. */
  private retryAtMs: number | null = null;
  /** Set from the first failure until the next successful connect: one record per outage. */
  private inOutage = false;
  /** When the current outage began (epoch ms), while inOutage. */
  private outageSince = 0;
  private readonly stderr = new StderrRing();
  private readonly backoff: BackoffOptions;
  /** URIs subscribed upstream: subscribed again after a reconnect. */
  private readonly subscriptions = new Set<string>();
  /** The level agents asked for, sent to the server when it connects. */
  private logLevel: LoggingLevel | null = null;
  /** Ties the server's requests to the calls they were sent for; new with each client. */
  private relations: RequestRelations = createRequestRelations();

  constructor(
    public config: ServerConfig,
    private readonly options: UpstreamConnectionOptions,
  ) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  get name(): string {
    return this.config.name;
  }

  status(): ServerStatus {
    if (!this.config.enabled || this.state === 'stopped') return 'disabled';
    if (this.state === 'ready') return this.config.quarantined ? 'quarantined' : 'ready';
    return this.state;
  }

  /** When the outage began, from the first failure until a connection succeeds (retries included). */
  failingSince(): number | null {
    return this.inOutage && this.state !== 'stopped' ? this.outageSince : null;
  }

  /** When the next reconnect attempt is due, while the connection waits for one. */
  nextRetryAt(): number | null {
    return this.retryAtMs;
  }

  isReady(): boolean {
    return this.state === 'ready';
  }

  pid(): number | undefined {
    return this.state === 'stopped' ? undefined : this.upstream?.pid();
  }

  /** Connects (if enabled); returns once the first attempt has succeeded or failed. */
  async start(): Promise<void> {
    if (!this.config.enabled) return;
    this.attempts = 0;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.generation++;
    this.clearRetry();
    const wasReady = this.state === 'ready';
    this.state = 'stopped';
    this.error = null;
    const closing = this.closeClient();
    this.options.onChange(wasReady ? ALL_KINDS : new Set());
    await closing;
  }

  async restart(): Promise<void> {
    await this.stop();
    this.inOutage = false;
    await this.start();
  }

  async callTool(
    tool: string,
    args: Record<string, unknown> | undefined,
    options: UpstreamCallOptions,
  ): Promise<CallToolResult> {
    const client = this.readyClient();
    const relations = this.relations;
    return this.forward(options, () =>
      relations.sending(options.callId, () =>
        client.request(
          {
            method: 'tools/call',
            params: {
              name: tool,
              arguments: args,
              ...metaOf(options),
            },
          },
          CallToolResultSchema,
          this.requestOptions(options),
        ),
      ),
    );
  }

  async getPrompt(
    prompt: string,
    args: Record<string, string> | undefined,
    options: UpstreamCallOptions,
  ): Promise<GetPromptResult> {
    const client = this.readyClient();
    return this.forward(options, () =>
      client.request(
        { method: 'prompts/get', params: { name: prompt, arguments: args, ...metaOf(options) } },
        GetPromptResultSchema,
        this.requestOptions(options),
      ),
    );
  }

  /** What the server said it can do at initialize; undefined while it is not ready. */
  capabilities(): ServerCapabilities | undefined {
    return this.state === 'ready' ? (this.client?.getServerCapabilities() ?? undefined) : undefined;
  }

  async complete(
    params: CompleteRequest['params'],
    options: UpstreamCallOptions,
  ): Promise<CompleteResult> {
    const client = this.readyClient();
    return this.forward(options, () =>
      client.request(
        {
          method: 'completion/complete',
          params:
            options.meta === undefined
              ? params
              : { ...params, _meta: { ...params._meta, ...options.meta } },
        },
        CompleteResultSchema,
        this.requestOptions(options),
      ),
    );
  }

  async subscribeResource(uri: string, options: UpstreamCallOptions): Promise<void> {
    const client = this.readyClient();
    await this.forward(options, () =>
      client.request(
        { method: 'resources/subscribe', params: { uri, ...metaOf(options) } },
        EmptyResultSchema,
        this.requestOptions(options),
      ),
    );
    this.subscriptions.add(uri);
  }

  async unsubscribeResource(uri: string, options: UpstreamCallOptions): Promise<void> {
    // Forgotten first: a server that is down has no subscription to end, and must not get it back.
    this.subscriptions.delete(uri);
    const client = this.readyClient();
    await this.forward(options, () =>
      client.request(
        { method: 'resources/unsubscribe', params: { uri, ...metaOf(options) } },
        EmptyResultSchema,
        this.requestOptions(options),
      ),
    );
  }

  /** Sent now if the server is ready and logs, and again each time it connects. */
  setLogLevel(level: LoggingLevel): void {
    this.logLevel = level;
    const client = this.state === 'ready' ? this.client : null;
    if (client) this.sendSessionState(client, { subscriptions: false });
  }

  async readResource(uri: string, options: UpstreamCallOptions): Promise<ReadResourceResult> {
    const client = this.readyClient();
    return this.forward(options, () =>
      client.request(
        { method: 'resources/read', params: { uri, ...metaOf(options) } },
        ReadResourceResultSchema,
        this.requestOptions(options),
      ),
    );
  }

  private requestOptions(options: UpstreamCallOptions) {
    return {
      signal: options.signal,
      onprogress: options.onprogress,
      // The SDK's own default is 60 s; ours is the server's timeout_ms (600 s unless set).
      timeout: options.timeoutMs ?? this.config.timeout_ms,
      resetTimeoutOnProgress: true,
    };
  }

  private readyClient(): Client {
    if (this.state === 'ready' && this.client) return this.client;
    throw new UpstreamUnavailableError(this.name, this.unavailableMessage());
  }

  private async forward<T>(options: UpstreamCallOptions, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (error instanceof McpError) {
        const data = error.data as { timeout?: unknown } | undefined;
        if (error.code === ErrorCode.RequestTimeout && data?.timeout !== undefined) {
          throw new UpstreamTimeoutError(this.name, Number(data.timeout));
        }
        if (error.code === ErrorCode.ConnectionClosed) {
          throw new UpstreamUnavailableError(this.name, this.unavailableMessage());
        }
        throw error;
      }
      // Not an answer from the server: the transport could not deliver the request.
      const reason = `request to server "${this.name}" failed: ${describe(error)}`;
      this.fail(this.generation, reason);
      throw new UpstreamUnavailableError(this.name, this.unavailableMessage());
    }
  }

  private unavailableMessage(): string {
    if (!this.config.enabled) return `Upstream server "${this.name}" is disabled.`;
    if (this.state === 'connecting' && !this.error) {
      return `Upstream server "${this.name}" is still connecting; try again in a moment.`;
    }
    const why = this.error ? `: ${this.error}` : '';
    return `Upstream server "${this.name}" is unavailable${why}. Switchboard is reconnecting to it.`;
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.clearRetry();
    this.state = 'connecting';
    this.stderr.clear();
    // Overlapping restarts (two quick config edits) must not leave an older child running.
    void this.closeClient();
    this.options.onChange(new Set());
    let client: Client | null = null;
    try {
      const relations = createRequestRelations();
      this.relations = relations;
      const upstream = createUpstreamTransport(this.config, this.stderr, relations);
      observeSentMessages(upstream.transport, relations);
      this.upstream = upstream;
      // No sampling or roots: one upstream connection serves many agents (SPEC 3). Elicitation
      // is answered by a person at Switchboard or the agent of the call (docs/FORWARDING.md).
      const onElicit = this.options.onElicit;
      client = new Client(
        { ...SWITCHBOARD_IMPLEMENTATION },
        { capabilities: onElicit === undefined ? {} : ELICITATION_CAPABILITY },
      );
      this.client = client;
      if (onElicit !== undefined) {
        client.setRequestHandler(ElicitRequestSchema, (request, extra) =>
          onElicit(this.name, request.params, {
            relatedCallId: relations.callOf(extra.requestId),
            signal: extra.signal,
          }),
        );
      }
      client.onclose = () => this.onClosed(generation);
      client.onerror = (error) => this.onTransportError(generation, error);
      this.watchListChanges(client, generation);
      this.watchForwardedNotifications(client, generation);
      await client.connect(upstream.transport, { timeout: CONNECT_TIMEOUT_MS });
      deliverNotificationsFirst(upstream.transport);
      await this.refresh(client, ALL_KINDS, generation);
      if (generation !== this.generation) {
        await client.close().catch(() => undefined);
        return;
      }
      this.state = 'ready';
      this.error = null;
      this.readyAt = Date.now();
      this.sendSessionState(client, { subscriptions: true });
      if (this.inOutage) {
        this.inOutage = false;
        this.record(
          serverChangeRecord(this.name, 'success', 'reconnected', `Reconnected to "${this.name}".`),
        );
      }
      this.options.onChange(ALL_KINDS);
    } catch (error) {
      if (generation !== this.generation) {
        await client?.close().catch(() => undefined);
        return;
      }
      this.fail(generation, this.describeFailure(`could not connect: ${describe(error)}`));
    }
  }

  private watchListChanges(client: Client, generation: number): void {
    const onListChanged = (kind: CatalogKind) => () => {
      if (generation !== this.generation || this.state !== 'ready') return;
      this.refresh(client, new Set([kind]), generation).then(
        () => generation === this.generation && this.options.onChange(new Set([kind])),
        (error: unknown) => this.options.onError?.(asError(error), this.name),
      );
    };
    client.setNotificationHandler(ToolListChangedNotificationSchema, onListChanged('tools'));
    client.setNotificationHandler(PromptListChangedNotificationSchema, onListChanged('prompts'));
    client.setNotificationHandler(
      ResourceListChangedNotificationSchema,
      onListChanged('resources'),
    );
  }

  private watchForwardedNotifications(client: Client, generation: number): void {
    client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
      if (generation === this.generation) this.options.onLog?.(this.name, notification.params);
    });
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => {
      const uri = notification.params.uri;
      if (generation === this.generation && this.subscriptions.has(uri))
        this.options.onResourceUpdated?.(this.name, uri);
    });
  }

  /** The log level and (after a reconnect) the subscriptions agents hold; failures are only reported. */
  private sendSessionState(client: Client, what: { subscriptions: boolean }): void {
    const capabilities = client.getServerCapabilities() ?? {};
    const report = (error: unknown): void => this.options.onError?.(asError(error), this.name);
    if (this.logLevel && capabilities.logging)
      client.setLoggingLevel(this.logLevel, { timeout: CONNECT_TIMEOUT_MS }).catch(report);
    if (!what.subscriptions || !capabilities.resources?.subscribe) return;
    for (const uri of this.subscriptions)
      client.subscribeResource({ uri }, { timeout: CONNECT_TIMEOUT_MS }).catch(report);
  }

  /** Lists what `kinds` name; a client that has been replaced meanwhile changes nothing. */
  private async refresh(
    client: Client,
    kinds: ReadonlySet<CatalogKind>,
    generation: number,
  ): Promise<void> {
    const capabilities = client.getServerCapabilities() ?? {};
    const options = { timeout: CONNECT_TIMEOUT_MS };
    const none = async (): Promise<[]> => [];
    const [tools, prompts, resources, templates] = await Promise.all([
      kinds.has('tools') && capabilities.tools
        ? listAll((cursor) =>
            client.listTools({ cursor }, options).then((r) => [r.tools, r.nextCursor]),
          )
        : none(),
      kinds.has('prompts') && capabilities.prompts
        ? listAll((cursor) =>
            client.listPrompts({ cursor }, options).then((r) => [r.prompts, r.nextCursor]),
          )
        : none(),
      kinds.has('resources') && capabilities.resources
        ? listAll((cursor) =>
            client.listResources({ cursor }, options).then((r) => [r.resources, r.nextCursor]),
          )
        : none(),
      kinds.has('resources') && capabilities.resources
        ? listAll((cursor) =>
            client
              .listResourceTemplates({ cursor }, options)
              .then((r) => [r.resourceTemplates, r.nextCursor]),
          )
        : none(),
    ]);
    if (generation !== this.generation) return;
    if (kinds.has('tools')) {
      this.tools = tools;
      this.options.onToolsListed?.(tools);
    }
    if (kinds.has('prompts')) this.prompts = prompts;
    if (kinds.has('resources')) {
      this.resources = resources;
      this.templates = templates;
    }
  }

  private onClosed(generation: number): void {
    if (generation !== this.generation) return;
    // While connecting, the failed connect() reports why (a refused connection closes the
    // transport first, and "connection closed" alone hid the reason).
    if (this.state === 'connecting') return;
    const transport = this.config.transport === 'stdio' ? 'process exited' : 'connection closed';
    this.fail(generation, this.describeFailure(transport));
  }

  private onTransportError(generation: number, error: Error): void {
    if (generation !== this.generation) return;
    this.options.onError?.(error, this.name);
    // A remote that drops shows up as an error on the stream, not as a close: treat it as one.
    if (this.config.transport !== 'stdio' && this.state === 'ready' && isConnectionLoss(error)) {
      this.fail(
        generation,
        `connection to ${this.config.url ?? 'the server'} lost: ${error.message}`,
      );
    }
  }

  /** Stops using the current client (pending calls reject at once), records, schedules a retry. */
  private fail(generation: number, reason: string): void {
    if (generation !== this.generation || this.state === 'stopped' || this.state === 'error')
      return;
    const wasReady = this.state === 'ready';
    this.generation++;
    this.state = 'error';
    this.error = reason;
    void this.closeClient();
    if (!this.inOutage) {
      this.inOutage = true;
      this.outageSince = Date.now();
      const action = wasReady ? 'crashed' : 'connect_failed';
      const ended = this.upstream?.exit();
      const exit = ended ? { exit_code: ended.code, signal: ended.signal } : {};
      this.record(serverChangeRecord(this.name, 'error', action, reason, exit));
    }
    // Scheduled first: the change listeners read the retry time (the Servers view's countdown).
    this.scheduleRetry();
    this.options.onChange(wasReady ? ALL_KINDS : new Set());
  }

  private scheduleRetry(): void {
    if (this.readyAt && Date.now() - this.readyAt >= this.backoff.stableMs) this.attempts = 0;
    const delay = Math.min(this.backoff.initialMs * 2 ** this.attempts, this.backoff.maxMs);
    this.attempts++;
    this.retryAtMs = Date.now() + delay;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.retryAtMs = null;
      void this.connect();
    }, delay);
    this.retryTimer.unref();
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retryAtMs = null;
  }

  private async closeClient(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (!client) return;
    try {
      await client.close();
    } catch (error) {
      this.options.onError?.(asError(error), this.name);
    }
  }

  private describeFailure(what: string): string {
    const parts = [what];
    const ended = this.upstream?.exit();
    if (ended)
      parts.push(ended.signal ? `killed by ${ended.signal}` : `exit code ${String(ended.code)}`);
    const tail = this.stderr.tail(300);
    if (tail) parts.push(`stderr: ${tail}`);
    return parts.join('; ');
  }

  private record(record: ActivityRecord): void {
    try {
      this.options.enqueue(record);
    } catch (error) {
      // The recorder is closed while shutting down; a lost status record must not crash the proxy.
      this.options.onError?.(asError(error), this.name);
    }
  }
}

/**
 * Every page of a list. A server that declares a capability but answers "method not found" to
 * one of its lists (often resources/templates/list) has nothing of that kind: the list is empty,
 * and its other lists and its tools still work.
 */
async function listAll<T>(
  page: (cursor: string | undefined) => Promise<[T[], string | undefined]>,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    let items: T[];
    let next: string | undefined;
    try {
      [items, next] = await page(cursor);
    } catch (error) {
      if (error instanceof McpError && error.code === ErrorCode.MethodNotFound) return all;
      throw error;
    }
    all.push(...items);
    cursor = next;
  } while (cursor);
  return all;
}

function isConnectionLoss(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  if (code === 404) return true; // the remote forgot our session (it restarted)
  return /SSE stream disconnected|Failed to reconnect|fetch failed|ECONNREFUSED|ECONNRESET|terminated|SSE error/i.test(
    error.message,
  );
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch() says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, a TLS error) is its cause.
  const cause: unknown = error.cause;
  if (cause instanceof Error && cause.message && !error.message.includes(cause.message)) {
    return `${error.message} (${cause.message})`;
  }
  return error.message;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** The request's `params._meta` when the caller gives one (SPEC 13's traceparent). */
function metaOf(options: UpstreamCallOptions): { _meta?: Record<string, string> } {
  return options.meta === undefined ? {} : { _meta: options.meta };
}
