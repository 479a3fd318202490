/**
 * Tool pinning (SPEC 11): compares every listing of a server's tools with what was pinned, keeps
 * the verdict in memory for the call path (one Map lookup) and in the activity database, records
 * each change once, and re-pins on approval.
 */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ActivityRecord } from '../../../shared/activity';
import type { ToolDefinition, ToolPinInfo, ToolPinningMode } from '../../../shared/toolPins';
import { NotFoundError } from '../servers/serverErrors';
import type { PinRepository, ToolPin } from './pinRepository';
import { definitionSha256, toolDefinition, withPinnedDefinition } from './toolDefinition';
import type { ToolChange } from './toolChangeRecord';
import { toolChangeRecord } from './toolChangeRecord';

export interface ToolPinsDeps {
  repository: PinRepository;
  mode: () => ToolPinningMode;
  enqueue: (record: ActivityRecord) => void;
  now?: () => Date;
}

export interface ToolPins {
  /** A server listed `tools` (connect, reconnect, restart, list_changed): pin, compare, record. */
  observe(server: string, tools: readonly Tool[]): void;
  /** Changed since approved and tool_pinning is "block": calls are blocked. */
  isBlocked(server: string, tool: string): boolean;
  /** What agents are shown: the pinned definition while a change is blocked, else the tool. */
  agentView(server: string, tool: Tool): Tool;
  /** The tool names pinned for a server: its last listing, kept while it is down (SPEC 3). */
  toolNames(server: string): string[];
  info(server: string, tool: string): ToolPinInfo;
  /** The approved definition, if the tool is pinned. */
  pinnedDefinition(server: string, tool: string): ToolDefinition | undefined;
  /** Re-pins the current definition; throws NotFoundError for a tool that is not pinned. */
  approve(server: string, tool: string): ToolPinInfo;
  removeServer(server: string): void;
  /** Pins of servers no longer configured go (SPEC 11: removed with their server). */
  retainServers(servers: ReadonlySet<string>): void;
  /** Tools whose calls are blocked now, as `{server, tool}`: the tray's attention state. */
  blocked(): { server: string; tool: string }[];
  /** A pin changed (a listing, an approval, a removal): the catalog is out of date. */
  onDidChange(listener: (server: string) => void): () => void;
}

const UNPINNED: ToolPinInfo = Object.freeze({ pin_status: null, sha256: null, pinned_at: null });

export function createToolPins(deps: ToolPinsDeps): ToolPins {
  const now = deps.now ?? (() => new Date());
  const byServer = new Map<string, Map<string, ToolPin>>();
  for (const pin of deps.repository.all()) serverPins(pin.server).set(pin.tool, pin);
  const listeners = new Set<(server: string) => void>();

  function serverPins(server: string): Map<string, ToolPin> {
    let pins = byServer.get(server);
    if (!pins) {
      pins = new Map();
      byServer.set(server, pins);
    }
    return pins;
  }

  function emit(server: string): void {
    for (const listener of listeners) listener(server);
  }

  function record(changes: ToolChange[]): void {
    const mode = deps.mode();
    for (const change of changes) deps.enqueue(toolChangeRecord(change, mode));
  }

  function lookup(server: string, tool: string): ToolPin | undefined {
    return byServer.get(server)?.get(tool);
  }

  return {
    observe(server, tools) {
      if (deps.mode() === 'off') return;
      const pins = serverPins(server);
      // The first listing of a server with no pins pins everything as `pinned` (SPEC 11).
      const known = pins.size > 0;
      const at = now().toISOString();
      const put: ToolPin[] = [];
      const changes: ToolChange[] = [];
      const listed = new Set<string>();
      for (const tool of tools) {
        listed.add(tool.name);
        const definition = toolDefinition(tool);
        const sha256 = definitionSha256(definition);
        const pin = pins.get(tool.name);
        if (!pin) {
          const status = known ? 'new' : 'pinned';
          put.push({
            server,
            tool: tool.name,
            status,
            sha256,
            definition,
            pinned_at: at,
            current: null,
          });
          if (known)
            changes.push({ action: 'tool_added', server, tool: tool.name, new_sha256: sha256 });
        } else if (sha256 === pin.sha256) {
          // Back to the approved definition: nothing is waiting for review any more.
          if (pin.current) put.push({ ...pin, status: 'pinned', current: null });
        } else if (pin.current?.sha256 !== sha256) {
          put.push({ ...pin, status: 'changed', current: { sha256, definition, at } });
          changes.push({
            action: 'tool_changed',
            server,
            tool: tool.name,
            old_sha256: pin.sha256,
            new_sha256: sha256,
          });
        }
      }
      const remove = [...pins.keys()]
        .filter((tool) => !listed.has(tool))
        .map((tool) => ({ server, tool }));
      for (const { tool } of remove) {
        changes.push({ action: 'tool_removed', server, tool, old_sha256: pins.get(tool)?.sha256 });
      }
      if (put.length === 0 && remove.length === 0) return;
      deps.repository.write({ put, remove });
      for (const pin of put) pins.set(pin.tool, pin);
      for (const { tool } of remove) pins.delete(tool);
      record(changes);
      emit(server);
    },

    isBlocked(server, tool) {
      return lookup(server, tool)?.status === 'changed' && deps.mode() === 'block';
    },

    agentView(server, tool) {
      const pin = lookup(server, tool.name);
      if (pin?.status !== 'changed' || deps.mode() !== 'block') return tool;
      return withPinnedDefinition(tool, pin.definition);
    },

    toolNames: (server) => [...(byServer.get(server)?.keys() ?? [])],

    info(server, tool) {
      const pin = lookup(server, tool);
      if (!pin || deps.mode() === 'off') return UNPINNED;
      const info: ToolPinInfo = {
        pin_status: pin.status,
        sha256: pin.sha256,
        pinned_at: pin.pinned_at,
      };
      if (pin.status === 'changed' && pin.current) {
        info.pinned = { sha256: pin.sha256, definition: pin.definition, at: pin.pinned_at };
        info.current = { ...pin.current };
      }
      return info;
    },

    pinnedDefinition: (server, tool) => lookup(server, tool)?.definition,

    approve(server, tool) {
      const pin = lookup(server, tool);
      if (!pin) {
        throw new NotFoundError(
          `Server ${JSON.stringify(server)} has no pinned tool ${JSON.stringify(tool)}: only a tool the server has listed can be approved (its tools show each one's pin).`,
        );
      }
      if (pin.status === 'pinned') return this.info(server, tool);
      const approved: ToolPin = pin.current
        ? {
            ...pin,
            status: 'pinned',
            sha256: pin.current.sha256,
            definition: pin.current.definition,
            pinned_at: now().toISOString(),
            current: null,
          }
        : { ...pin, status: 'pinned', pinned_at: now().toISOString() };
      deps.repository.write({ put: [approved], remove: [] });
      serverPins(server).set(tool, approved);
      record([
        {
          action: 'tool_approved',
          server,
          tool,
          old_sha256: pin.sha256,
          new_sha256: approved.sha256,
        },
      ]);
      emit(server);
      return this.info(server, tool);
    },

    removeServer(server) {
      if (!byServer.delete(server)) return;
      deps.repository.removeServer(server);
      emit(server);
    },

    retainServers(servers) {
      for (const server of [...byServer.keys()])
        if (!servers.has(server)) this.removeServer(server);
    },

    blocked() {
      if (deps.mode() !== 'block') return [];
      const list: { server: string; tool: string }[] = [];
      for (const pins of byServer.values()) {
        for (const pin of pins.values())
          if (pin.status === 'changed') list.push({ server: pin.server, tool: pin.tool });
      }
      return list;
    },

    onDidChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
