/**
 * The running set of upstream connections, kept in line with the config by `apply`, and the
 * aggregated catalog the gateway serves (exposed tool and prompt names, resource routing).
 */
import { UriTemplate } from '@modelcontextprotocol/sdk/shared/uriTemplate.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type {
  LoggingLevel,
  Prompt,
  Resource,
  ResourceTemplate,
  Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { ToolInfo } from '../../../shared/servers';
import type { RecordQueue } from '../activity/contracts';
import type { ServerConfig, SwitchboardConfig } from '../config/contracts';
import type {
  CatalogKind,
  ResolvedTool,
  UpstreamElicitHandler,
  UpstreamManager,
  UpstreamRouter,
  UpstreamState,
} from './contracts';
import { UpstreamUnavailableError } from './contracts';
import type { ToolPins } from '../pins/toolPins';
import { ExposedNameIndex, exposeName } from './toolNames';
import { createUpstreamNotices } from './upstreamNotices';
import type { BackoffOptions } from './upstreamConnection';
import { UpstreamConnection } from './upstreamConnection';

export interface UpstreamManagerOptions {
  recorder: RecordQueue;
  /** Transport errors and other trouble that is not a call's result (for logs). */
  onError?: (error: Error, server: string) => void;
  backoff?: BackoffOptions;
  /** Tool pinning (SPEC 11); without it every listing is trusted as it is. */
  pins?: ToolPins;
  /** Answers upstreams' `elicitation/create` (SPEC 3, 10); without it none is advertised. */
  onElicit?: UpstreamElicitHandler;
}

interface Catalog {
  tools: Tool[];
  toolIndex: ExposedNameIndex;
  prompts: Prompt[];
  promptIndex: ExposedNameIndex;
  resources: Resource[];
  templates: ResourceTemplate[];
}

export type UpstreamManagerWithRouter = UpstreamManager & UpstreamRouter;

export function createUpstreamManager(options: UpstreamManagerOptions): UpstreamManagerWithRouter {
  const connections = new Map<string, UpstreamConnection>();
  /** Config order: resources tie-break on it (SPEC 3). */
  let order: string[] = [];
  let catalog: Catalog | null = null;
  const changeListeners = new Set<() => void>();
  const catalogListeners = new Set<(kinds: ReadonlySet<CatalogKind>) => void>();
  const notices = createUpstreamNotices(options.onError);
  let logLevel: LoggingLevel | null = null;
  let pendingKinds: Set<CatalogKind> | null = null;
  const pins = options.pins;
  let pinningMode: string | null = null;

  function onConnectionChange(kinds: ReadonlySet<CatalogKind>): void {
    catalog = null;
    if (pendingKinds) {
      for (const kind of kinds) pendingKinds.add(kind);
      return;
    }
    pendingKinds = new Set(kinds);
    // Coalesce the bursts a connect or apply produces into one notification.
    queueMicrotask(() => {
      const fired = pendingKinds ?? new Set<CatalogKind>();
      pendingKinds = null;
      for (const listener of changeListeners) safely(() => listener());
      if (fired.size === 0) return;
      for (const listener of catalogListeners) safely(() => listener(fired));
    });
  }

  function safely(run: () => void): void {
    try {
      run();
    } catch (error) {
      options.onError?.(error instanceof Error ? error : new Error(String(error)), 'listener');
    }
  }

  function createConnection(config: ServerConfig): UpstreamConnection {
    const connection = new UpstreamConnection(config, {
      enqueue: (record) => options.recorder.enqueue(record),
      onChange: onConnectionChange,
      onError: options.onError,
      onLog: notices.log,
      onResourceUpdated: notices.resourceUpdated,
      backoff: options.backoff,
      ...(pins ? { onToolsListed: (tools) => pins.observe(config.name, tools) } : {}),
      ...(options.onElicit ? { onElicit: options.onElicit } : {}),
    });
    if (logLevel) connection.setLogLevel(logLevel);
    return connection;
  }

  function ordered(): UpstreamConnection[] {
    const list: UpstreamConnection[] = [];
    for (const name of order) {
      const connection = connections.get(name);
      if (connection) list.push(connection);
    }
    return list;
  }

  /** Ready, enabled and not quarantined: what agents see. */
  function visible(): UpstreamConnection[] {
    return ordered().filter((c) => c.isReady() && c.config.enabled && !c.config.quarantined);
  }

  function currentCatalog(): Catalog {
    if (catalog) return catalog;
    const built: Catalog = {
      tools: [],
      toolIndex: new ExposedNameIndex(),
      prompts: [],
      promptIndex: new ExposedNameIndex(),
      resources: [],
      templates: [],
    };
    const shown = new Set(visible());
    for (const connection of ordered()) {
      for (const tool of connection.tools) {
        const name = built.toolIndex.add(connection.name, tool.name);
        if (!shown.has(connection)) continue;
        const seen = pins ? pins.agentView(connection.name, tool) : tool;
        built.tools.push({ ...seen, name });
      }
      if (!shown.has(connection)) {
        // Never listed in this run (down or disabled since start): its pinned names still route (SPEC 3).
        if (connection.tools.length === 0 && pins) {
          for (const tool of pins.toolNames(connection.name))
            built.toolIndex.add(connection.name, tool);
        }
        continue;
      }
      for (const prompt of connection.prompts) {
        built.prompts.push({
          ...prompt,
          name: built.promptIndex.add(connection.name, prompt.name),
        });
      }
      built.resources.push(...connection.resources);
      built.templates.push(...connection.templates);
    }
    catalog = built;
    return built;
  }

  function connectionFor(server: string): UpstreamConnection {
    const connection = connections.get(server);
    if (!connection) {
      throw new UpstreamUnavailableError(
        server,
        `No upstream server named "${server}" is configured.`,
      );
    }
    return connection;
  }

  /** The first visible server (config order) that lists the URI, else whose template matches it. */
  function resourceOwner(uri: string): UpstreamConnection {
    const servers = visible();
    const owner =
      servers.find((c) => c.resources.some((resource) => resource.uri === uri)) ??
      servers.find((c) => c.templates.some((template) => template.uriTemplate === uri)) ??
      servers.find((c) =>
        c.templates.some((template) => matchesTemplate(template.uriTemplate, uri)),
      );
    if (!owner) {
      throw new McpError(
        ErrorCode.InvalidParams,
        `No upstream server lists resource "${uri}" or a template that matches it.`,
      );
    }
    return owner;
  }

  function state(connection: UpstreamConnection): UpstreamState {
    const status = connection.status();
    const live: UpstreamState = {
      status,
      error: status === 'error' ? connection.error : null,
      tools_count: connection.isReady() ? connection.tools.length : 0,
    };
    const retryAt = status === 'error' ? connection.nextRetryAt() : null;
    if (retryAt !== null) live.next_retry_at = new Date(retryAt).toISOString();
    const since = status === 'error' || status === 'connecting' ? connection.failingSince() : null;
    if (since !== null) live.failing_since = new Date(since).toISOString();
    return live;
  }

  if (pins) pins.onDidChange(() => onConnectionChange(new Set(['tools'])));

  /** Pins leave with their server; a new tool_pinning mode compares what is listed now. */
  function applyPinning(config: SwitchboardConfig): void {
    if (!pins) return;
    pins.retainServers(new Set(order));
    const previous = pinningMode;
    pinningMode = config.tool_pinning;
    if (previous === null || previous === config.tool_pinning) return;
    for (const connection of ordered()) {
      if (connection.isReady()) pins.observe(connection.name, connection.tools);
    }
    onConnectionChange(new Set(['tools']));
  }

  return {
    async apply(config: SwitchboardConfig): Promise<void> {
      const wanted = new Map(config.servers.map((server) => [server.name, server]));
      const work: Promise<void>[] = [];
      for (const [name, connection] of connections) {
        if (wanted.has(name)) continue;
        connections.delete(name);
        work.push(connection.stop());
      }
      for (const server of config.servers) {
        const connection = connections.get(server.name);
        if (!connection) {
          const created = createConnection(server);
          connections.set(server.name, created);
          work.push(created.start());
        } else if (connectionKey(connection.config) !== connectionKey(server)) {
          connection.config = server;
          work.push(server.enabled ? connection.restart() : connection.stop());
        } else if (JSON.stringify(connection.config) !== JSON.stringify(server)) {
          // Quarantine and timeout apply without reconnecting: the tools only hide or show.
          connection.config = server;
          onConnectionChange(new Set(['tools', 'prompts', 'resources']));
        }
      }
      order = config.servers.map((server) => server.name);
      catalog = null;
      if (pins) applyPinning(config);
      await Promise.all(work);
    },

    states: () => ordered().map((connection) => ({ name: connection.name, ...state(connection) })),
    state(name) {
      const connection = connections.get(name);
      return connection ? state(connection) : undefined;
    },
    tools(name): ToolInfo[] {
      const connection = connections.get(name);
      if (!connection) return [];
      return connection.tools.map((tool) => ({
        name: tool.name,
        exposed_name: exposeName(name, tool.name),
        description: tool.description ?? null,
        input_schema: tool.inputSchema as Record<string, unknown>,
        ...(pins?.info(name, tool.name) ?? { pin_status: null, sha256: null, pinned_at: null }),
      }));
    },
    async restart(name) {
      const connection = connectionFor(name);
      await connection.restart();
    },
    async callTool(server, tool, args, callOptions) {
      return connectionFor(server).callTool(tool, args, callOptions);
    },
    onDidChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    async close() {
      const all = [...connections.values()];
      connections.clear();
      await Promise.all(all.map((connection) => connection.stop()));
    },

    exposedTools: () => currentCatalog().tools,
    resolveTool(exposedName): ResolvedTool | null {
      const resolved = currentCatalog().toolIndex.resolve(exposedName);
      const connection = resolved && connections.get(resolved.server);
      if (!resolved || !connection) return null;
      return {
        server: resolved.server,
        tool: resolved.name,
        quarantined: connection.config.quarantined,
        toolPinChanged: pins?.isBlocked(resolved.server, resolved.name) ?? false,
      };
    },
    exposedPrompts: () => currentCatalog().prompts,
    async getPrompt(exposedName, args, callOptions) {
      const resolved = currentCatalog().promptIndex.resolve(exposedName);
      if (!resolved || !connections.has(resolved.server)) {
        throw new McpError(
          ErrorCode.InvalidParams,
          `Unknown prompt "${exposedName}": list prompts to see the names Switchboard exposes.`,
        );
      }
      return connectionFor(resolved.server).getPrompt(resolved.name, args, callOptions);
    },
    resolvePrompt(exposedName) {
      const resolved = currentCatalog().promptIndex.resolve(exposedName);
      if (!resolved || !connections.has(resolved.server)) return null;
      return { server: resolved.server, prompt: resolved.name };
    },
    resourceServer(uri) {
      try {
        return resourceOwner(uri).name;
      } catch {
        return null;
      }
    },
    resources: () => currentCatalog().resources,
    resourceTemplates: () => currentCatalog().templates,
    async readResource(uri, callOptions) {
      return resourceOwner(uri).readResource(uri, callOptions);
    },
    forwardedCapabilities() {
      const all = visible().map((connection) => connection.capabilities() ?? {});
      return {
        completions: all.some((capabilities) => capabilities.completions !== undefined),
        subscribe: all.some((capabilities) => capabilities.resources?.subscribe === true),
      };
    },
    async complete(params, callOptions) {
      const ref = params.ref;
      if (ref.type === 'ref/prompt') {
        const resolved = currentCatalog().promptIndex.resolve(ref.name);
        if (!resolved || !connections.has(resolved.server)) {
          throw new McpError(
            ErrorCode.InvalidParams,
            `Unknown prompt "${ref.name}": list prompts to see the names Switchboard exposes.`,
          );
        }
        return connectionFor(resolved.server).complete(
          { ...params, ref: { ...ref, name: resolved.name } },
          callOptions,
        );
      }
      return resourceOwner(ref.uri).complete(params, callOptions);
    },
    async subscribeResource(uri, callOptions) {
      const owner = resourceOwner(uri);
      if (owner.capabilities()?.resources?.subscribe !== true) {
        throw new McpError(
          ErrorCode.InvalidParams,
          `Upstream server "${owner.name}" serves "${uri}" but does not support resource subscriptions.`,
        );
      }
      await owner.subscribeResource(uri, callOptions);
      return owner.name;
    },
    async unsubscribeResource(server, uri, callOptions) {
      await connectionFor(server).unsubscribeResource(uri, callOptions);
    },
    setLogLevel(level) {
      logLevel = level;
      for (const connection of connections.values()) connection.setLogLevel(level);
    },
    onDidLog: notices.onDidLog,
    onDidUpdateResource: notices.onDidUpdateResource,
    onDidChangeCatalog(listener) {
      catalogListeners.add(listener);
      return () => catalogListeners.delete(listener);
    },
    pid: (server) => connections.get(server)?.pid(),
  };
}

/** What requires a reconnect when it changes: everything but quarantine and the call timeout. */
function connectionKey(config: ServerConfig): string {
  const { quarantined: _quarantined, timeout_ms: _timeout, ...rest } = config;
  return JSON.stringify(rest);
}

const templateCache = new Map<string, UriTemplate | null>();

function matchesTemplate(template: string, uri: string): boolean {
  let compiled = templateCache.get(template);
  if (compiled === undefined) {
    try {
      compiled = new UriTemplate(template);
    } catch {
      compiled = null;
    }
    templateCache.set(template, compiled);
  }
  return compiled?.match(uri) != null;
}
