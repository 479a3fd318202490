import type { ServerInfo, ServerStatus } from '../../../shared/servers';
import type { ServerConfig, SwitchboardConfig } from '../config/contracts';
import type { UpstreamManager, UpstreamState } from '../upstreams/contracts';
import { maskSecrets } from '../config/maskSecret';

/**
 * The one view of a configured server every door shows: secrets masked, and the live state from
 * the upstream manager when it has one (it may not yet, right after a config change).
 */
export function toServerInfo(server: ServerConfig, live?: UpstreamState): ServerInfo {
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
  if (info.status === 'error' && live?.next_retry_at !== undefined)
    info.next_retry_at = live.next_retry_at;
  if (
    (info.status === 'error' || info.status === 'connecting') &&
    live?.failing_since !== undefined
  )
    info.failing_since = live.failing_since;
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

/**
 * The one status rule: what the config says (disabled, quarantined) wins over the connection's
 * state, so a quarantined server whose connection failed shows `quarantined` with its error.
 */
function statusOf(server: ServerConfig, live: UpstreamState | undefined): ServerStatus {
  if (!server.enabled) return 'disabled';
  if (server.quarantined) return 'quarantined';
  if (live === undefined || live.status === 'disabled' || live.status === 'quarantined')
    return 'connecting';
  return live.status;
}

/** Every configured server, in config order, as toServerInfo shows it. */
export function serverInfos(
  config: Pick<SwitchboardConfig, 'servers'>,
  upstreams: Pick<UpstreamManager, 'state'>,
): ServerInfo[] {
  return config.servers.map((server) => toServerInfo(server, upstreams.state(server.name)));
}
