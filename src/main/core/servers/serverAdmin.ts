import type { ActivityRecord } from '../../../shared/activity';
import type { ServerAction, ServerEntryInput, ServerInfo } from '../../../shared/servers';
import type { RecordQueue } from '../activity/contracts';
import type { ConfigStore, RawConfig, ServerConfig } from '../config/contracts';
import { ConfigError } from '../config/configError';
import { UpstreamUnavailableError, type UpstreamManager } from '../upstreams/contracts';
import type { ServerAdmin } from './contracts';
import { importedEntries } from './importServers';
import { newActivityRecord } from '../activity/newActivityRecord';
import { ConflictError, NotFoundError, unknownServerMessage } from './serverErrors';
import { mergeServerEntry } from './serverEntryPatch';
import { toServerInfo } from './serverInfo';

export interface ServerAdminDeps {
  config: ConfigStore;
  /** Only `state` (live state) and `restart` are used. */
  upstreams: Pick<UpstreamManager, 'state' | 'restart'>;
  recorder: Pick<RecordQueue, 'enqueue'>;
}

type RawEntry = Record<string, unknown>;

/**
 * Server changes from REST, IPC and the CLI. Each goes through `config.update` (validated,
 * atomic rewrite; the composition root applies the new config to the upstreams) and writes a
 * `server_change` or `quarantine_change` record. A change that changes nothing writes nothing.
 */
export function createServerAdmin({ config, upstreams, recorder }: ServerAdminDeps): ServerAdmin {
  const configured = (name: string): ServerConfig | undefined =>
    config.get().servers.find((s) => s.name === name);
  const notFound = (name: string): NotFoundError =>
    new NotFoundError(
      unknownServerMessage(
        name,
        config.get().servers.map((server) => server.name),
      ),
    );

  const info = (name: string): ServerInfo => {
    const server = configured(name);
    if (server === undefined) throw notFound(name);
    return toServerInfo(server, upstreams.state(name));
  };

  const record = (partial: Partial<ActivityRecord> & Pick<ActivityRecord, 'type'>): void => {
    recorder.enqueue(newActivityRecord(partial));
  };

  const serverChange = (
    name: string,
    action: string,
    reason: string,
    extra: Record<string, unknown> = {},
  ): void =>
    record({ type: 'server_change', server_name: name, reason, metadata: { action, ...extra } });

  const quarantineChange = (name: string, quarantined: boolean): void =>
    record({
      type: 'quarantine_change',
      server_name: name,
      reason: quarantined
        ? `Server "${name}" quarantined`
        : `Server "${name}" released from quarantine`,
      metadata: { quarantined },
    });

  /** Patches one entry; returns the entry before and after, or null when nothing changed. */
  const patchEntry = async (
    name: string,
    patch: Partial<ServerEntryInput> | RawEntry,
  ): Promise<{ before: ServerConfig; after: ServerConfig } | null> => {
    const before = configured(name);
    let changed = false;
    await config.update((raw) => {
      const servers = serverMap(raw);
      const current = servers[name];
      if (!isObject(current)) throw notFound(name);
      const merged = mergeServerEntry(current, patch);
      changed = JSON.stringify(merged) !== JSON.stringify(current);
      return changed ? { ...raw, mcpServers: { ...servers, [name]: merged } } : raw;
    });
    const after = configured(name);
    if (!changed || before === undefined || after === undefined) return null;
    if (JSON.stringify(before) === JSON.stringify(after)) return null;
    return { before, after };
  };

  return {
    async add(name, entry) {
      if (!isObject(entry))
        throw new ConfigError(
          'expected an object with "command" (stdio) or "url" (remote)',
          `mcpServers.${name}`,
        );
      const { name: _ignored, ...clean } = entry as RawEntry;
      await config.update((raw) => {
        const servers = serverMap(raw);
        if (Object.hasOwn(servers, name))
          throw new ConflictError(
            `Server "${name}" already exists: choose another name, or edit the existing server.`,
          );
        return { ...raw, mcpServers: { ...servers, [name]: clean } };
      });
      serverChange(name, 'add', `Server "${name}" added`);
      return info(name);
    },

    async update(name, patch) {
      if (!isObject(patch))
        throw new ConfigError('expected an object of the keys to change', `mcpServers.${name}`);
      // A whole entry sent back as a patch may carry its name, which is the key, not a field.
      const { name: _name, ...fields } = patch as RawEntry;
      const change = await patchEntry(name, fields);
      if (change !== null) {
        const keys = Object.keys(fields).filter((key) => key !== 'quarantined');
        const onlyEnabled = keys.every((key) => key === 'enabled' || key === 'disabled');
        if (change.before.enabled !== change.after.enabled && onlyEnabled) {
          const action = change.after.enabled ? 'enable' : 'disable';
          serverChange(name, action, `Server "${name}" ${action}d`);
        } else if (keys.length > 0) {
          serverChange(name, 'update', `Server "${name}" updated`, { changed: keys });
        }
        if (change.before.quarantined !== change.after.quarantined)
          quarantineChange(name, change.after.quarantined);
      }
      return info(name);
    },

    async remove(name) {
      await config.update((raw) => {
        const servers = serverMap(raw);
        if (!Object.hasOwn(servers, name)) throw notFound(name);
        const { [name]: _removed, ...rest } = servers;
        return { ...raw, mcpServers: rest };
      });
      serverChange(name, 'remove', `Server "${name}" removed`);
    },

    async act(name, action: ServerAction) {
      if (configured(name) === undefined) throw notFound(name);
      switch (action) {
        case 'restart': {
          // restart() resolves once the first attempt has succeeded or failed; a failed connect
          // does not throw, so the outcome is read from the connection's state afterwards.
          let failure: string | null = null;
          try {
            await upstreams.restart(name);
          } catch (error) {
            failure = error instanceof Error ? error.message : String(error);
          }
          const after = upstreams.state(name);
          if (failure === null && after?.status === 'error') {
            failure = after.error ?? 'the server did not connect';
          }
          if (failure !== null) {
            record({
              type: 'server_change',
              server_name: name,
              status: 'error',
              error_message: failure,
              error_kind: 'upstream_unavailable',
              reason: `Restart of "${name}" failed`,
              metadata: { action: 'restart' },
            });
            throw new UpstreamUnavailableError(name, `Restart of "${name}" failed: ${failure}`);
          }
          serverChange(name, 'restart', `Server "${name}" restarted`);
          break;
        }
        case 'enable':
        case 'disable':
          if ((await patchEntry(name, { enabled: action === 'enable' })) !== null) {
            serverChange(name, action, `Server "${name}" ${action}d`);
          }
          break;
        case 'quarantine':
        case 'unquarantine': {
          const quarantined = action === 'quarantine';
          if ((await patchEntry(name, { quarantined })) !== null)
            quarantineChange(name, quarantined);
          break;
        }
        default:
          throw new ConfigError(
            `unknown action "${String(action)}"; expected restart, enable, disable, quarantine or unquarantine`,
            'action',
          );
      }
      return info(name);
    },

    async importConfig(json) {
      const entries = importedEntries(json);
      const added: string[] = [];
      const skipped: string[] = [];
      await config.update((raw) => {
        const servers = { ...serverMap(raw) };
        added.length = 0;
        skipped.length = 0;
        for (const [name, entry] of Object.entries(entries)) {
          if (Object.hasOwn(servers, name)) {
            skipped.push(name);
            continue;
          }
          servers[name] = entry;
          added.push(name);
        }
        return added.length > 0 ? { ...raw, mcpServers: servers } : raw;
      });
      for (const name of added)
        serverChange(name, 'add', `Server "${name}" imported`, { source: 'import' });
      return { added, skipped };
    },
  };
}

function serverMap(raw: RawConfig): Record<string, unknown> {
  return isObject(raw.mcpServers) ? raw.mcpServers : {};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
