/**
 * DNS-rebinding protection for every route, `/mcp` included (SPEC 3): a request whose `Origin`
 * is present and not a loopback origin, or whose `Host` is not the listen address or a loopback
 * name, is refused. A rebinding page reaches us under its own domain name, so checking the
 * hostname (not the port) is what matters; ignoring the port keeps SSH port forwards working.
 */
import { isIP } from 'node:net';

export interface AllowedHosts {
  /** Lower-case hostnames accepted besides loopback names: the listen host and, for a wildcard bind, the machine's addresses. */
  names: ReadonlySet<string>;
}

export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(name);
  return mapped?.[1] !== undefined && mapped[1].startsWith('127.');
}

/** `example.com:8080` -> `example.com`, `[::1]:8080` -> `::1`; null when it is not a host. */
export function hostnameOfHostHeader(value: string): string | null {
  const text = value.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) return bracketed[1] ?? null;
  const plain = /^([a-z0-9.-]+)(?::\d{1,5})?$/.exec(text);
  return plain ? (plain[1] ?? null) : null;
}

function isAllowedHostname(hostname: string, allowed: AllowedHosts): boolean {
  const name = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return isLoopbackHostname(name) || allowed.names.has(name);
}

/** Returns why the request must be refused, or null when its Host is acceptable. */
export function checkHostHeader(host: string | undefined, allowed: AllowedHosts): string | null {
  if (host === undefined || host === '') {
    return 'Missing Host header: Switchboard answers only to its listen address or a loopback name (DNS-rebinding protection)';
  }
  const hostname = hostnameOfHostHeader(host);
  if (hostname !== null && isAllowedHostname(hostname, allowed)) return null;
  return `Host ${JSON.stringify(host)} is not allowed: Switchboard answers only to its listen address or a loopback name (DNS-rebinding protection)`;
}

/** Returns why the request must be refused, or null when it has no Origin or a loopback (or same-host) one. */
export function checkOriginHeader(
  origin: string | undefined,
  allowed: AllowedHosts,
): string | null {
  if (origin === undefined) return null;
  let hostname: string | null = null;
  try {
    const url = new URL(origin);
    if (url.protocol === 'http:' || url.protocol === 'https:') hostname = url.hostname;
  } catch {
    hostname = null;
  }
  if (hostname !== null && isAllowedHostname(hostname, allowed)) return null;
  return `Origin ${JSON.stringify(origin)} is not allowed: Switchboard accepts browser requests only from loopback origins (DNS-rebinding protection)`;
}
