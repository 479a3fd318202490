import type { ServerInfo, ServerStatus } from '../../../shared/servers';
import type { ServerConfig } from '../config/contracts';
import { maskSecrets } from '../config/maskSecret';

/**
 * The REST/IPC view of a configured server: secrets masked, and the live state from the
 * upstream manager when it has one (it may not yet, right after a config change).
 */
export function toServerInfo(server: ServerConfig, live?: ServerInfo): ServerInfo {
  const info: ServerInfo = {
    name: server.name,
    transport: server.transport,
    enabled: server.enabled,
    quarantined: server.quarantined,
    status: statusOf(server, live),
    error: server.enabled ? (live?.error ?? null) : null,
    tools_count: live?.tools_count ?? 0,
    timeout_ms: server.timeout_ms,
  };
  if (server.transport === 'stdio') {
    if (server.command !== undefined) info.command = server.command;
    info.args = [...server.args];
    info.env = maskSecrets(server.env);
    if (server.cwd !== undefined) info.cwd = server.cwd;
  } else {
    if (server.url !== undefined) info.url = server.url;
    info.headers = maskSecrets(server.headers);
  }
  return info;
}

function statusOf(server: ServerConfig, live: ServerInfo | undefined): ServerStatus {
  if (!server.enabled) return 'disabled';
  if (server.quarantined) return 'quarantined';
  if (live === undefined || live.status === 'disabled' || live.status === 'quarantined')
    return 'connecting';
  return live.status;
}
