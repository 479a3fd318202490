/**
 * When the configured `listen` address is taken, the desktop app offers the next free port
 * instead of failing silently (SPEC 2). Probing binds a real socket on the same host.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { DEFAULT_LISTEN } from '../core/config/defaults';
import { formatHostPort, parseListenAddress, type ListenAddress } from '../core/http/listenAddress';

export function isAddressInUse(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; depth += 1) {
    if ((cause as Error & { code?: unknown }).code === 'EADDRINUSE') return true;
    if (/EADDRINUSE|already in use/i.test(cause.message)) return true;
    cause = cause.cause;
  }
  return false;
}

export function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The first port after `address.port` that binds, trying at most `attempts`; null if none. */
export async function findNextFreePort(
  address: ListenAddress,
  attempts = 100,
): Promise<number | null> {
  for (let port = address.port + 1; port <= Math.min(65535, address.port + attempts); port += 1) {
    if (await canListen(address.host, port)) return port;
  }
  return null;
}

export interface PortInUsePrompt {
  message: string;
  detail: string;
  buttons: [accept: string, quit: string];
}

export function portInUsePrompt(address: ListenAddress, freePort: number): PortInUsePrompt {
  const taken = formatHostPort(address.host, address.port);
  return {
    message: `${taken} is already in use, so Switchboard cannot listen there (the "listen" key of mcp_config.json).`,
    detail:
      `Use port ${freePort} for this run? Agents configured for ${taken} will not reach Switchboard ` +
      'until that port is free again or their config points at the new one. To keep the new port, ' +
      'change "listen" in mcp_config.json.',
    buttons: [`Use port ${freePort}`, 'Quit'],
  };
}

/** The `listen` the core tried: an explicit override, else the config file's, else the default. */
export function configuredListen(configPath: string, override?: string): ListenAddress {
  if (override) return parseListenAddress(override);
  try {
    const raw: unknown = JSON.parse(readFileSync(configPath, 'utf8'));
    const listen =
      typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).listen : undefined;
    return parseListenAddress(typeof listen === 'string' ? listen : DEFAULT_LISTEN);
  } catch {
    return parseListenAddress(DEFAULT_LISTEN);
  }
}
