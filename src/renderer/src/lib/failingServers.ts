/** Upstreams that are failing now: what the sidebar badge and the live indicator warn about. */
import type { ServerInfo } from '../../../shared/servers';

export function failingServers(servers: readonly ServerInfo[]): string[] {
  return servers.filter(isFailing).map((server) => server.name);
}

/** Failed, or trying again after failing: a reconnect attempt in progress is still an outage. */
export function isFailing(server: ServerInfo): boolean {
  return server.status === 'error' || server.failing_since !== undefined;
}

/** "1 server failing: fs", "2 servers failing: fs, web". */
export function failingLabel(names: readonly string[]): string {
  const count = `${names.length} server${names.length === 1 ? '' : 's'} failing`;
  return names.length > 0 ? `${count}: ${names.join(', ')}` : count;
}

/** "in 12 s", "in 2 min 5 s", "now" once the time has come. */
export function retryCountdown(retryAtMs: number, nowMs: number): string {
  const seconds = Math.ceil((retryAtMs - nowMs) / 1000);
  if (seconds <= 0) return 'now';
  if (seconds < 60) return `in ${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `in ${minutes} min` : `in ${minutes} min ${rest} s`;
}
