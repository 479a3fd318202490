/**
 * The `listen` value of mcp_config.json (`host:port`, `[::1]:port`, or a bare `port`).
 * A bare port binds loopback: the listener leaves loopback only when the address names a host
 * explicitly (SPEC 3).
 */

export interface ListenAddress {
  host: string;
  port: number;
}

export const DEFAULT_LISTEN_HOST = '127.0.0.1';

export function parseListenAddress(value: string): ListenAddress {
  const text = value.trim();
  const bracketed = /^\[([0-9A-Fa-f:.]+)\]:(\d+)$/.exec(text);
  const plain = /^([^:\s[\]]*):(\d+)$/.exec(text);
  const bare = /^(\d+)$/.exec(text);
  let host: string;
  let portText: string;
  if (bracketed) {
    host = bracketed[1] ?? '';
    portText = bracketed[2] ?? '';
  } else if (plain) {
    host = plain[1] ?? '';
    portText = plain[2] ?? '';
  } else if (bare) {
    host = '';
    portText = bare[1] ?? '';
  } else {
    throw new Error(
      `listen: expected "host:port" (e.g. "127.0.0.1:8080" or "[::1]:8080"), got ${JSON.stringify(value)}`,
    );
  }
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`listen: expected a port from 0 to 65535, got ${JSON.stringify(value)}`);
  }
  return { host: host === '' ? DEFAULT_LISTEN_HOST : host, port };
}

/** `host:port` with IPv6 hosts in brackets, as URLs and Host headers write them. */
export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
