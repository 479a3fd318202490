/**
 * Starts core for the desktop app. When the `listen` address is taken, it asks (a dialog in the
 * app) whether to use the next free port for this run instead of failing silently (SPEC 2).
 */
import type { Switchboard } from '../core/switchboard';
import { formatHostPort, parseListenAddress, type ListenAddress } from '../core/http/listenAddress';
import {
  configuredListen,
  findNextFreePort,
  isAddressInUse,
  portInUsePrompt,
  type PortInUsePrompt,
} from './listenPort';

/** What the desktop app passes to core's `createSwitchboard`. */
export interface DesktopSwitchboardOptions {
  dataDir: string;
  configPath?: string;
  listen?: string;
  uiDir?: string;
  /** better-sqlite3 built for Electron (build/electron/better_sqlite3.node). */
  nativeBinding?: string;
}

export interface StartSwitchboardOptions extends DesktopSwitchboardOptions {
  /** The config file the core reads (to know which `listen` was taken). */
  configPath: string;
  /** Only a `--config` given on the command line is passed on; otherwise core picks its default. */
  explicitConfigPath?: string;
  askToUsePort(prompt: PortInUsePrompt): Promise<boolean>;
  create(options: DesktopSwitchboardOptions): Promise<Switchboard>;
}

/** The address core failed to bind, when its error names it (core's ListenError does). */
function failedAddress(error: unknown): ListenAddress | null {
  const address = (error as { address?: unknown } | null)?.address;
  if (typeof address !== 'string') return null;
  try {
    return parseListenAddress(address);
  } catch {
    return null;
  }
}

/** Resolves to null when the user declines the free port (the app then quits). */
export async function startSwitchboard(
  options: StartSwitchboardOptions,
): Promise<Switchboard | null> {
  const base: DesktopSwitchboardOptions = { dataDir: options.dataDir };
  if (options.explicitConfigPath) base.configPath = options.explicitConfigPath;
  if (options.listen) base.listen = options.listen;
  if (options.uiDir) base.uiDir = options.uiDir;
  if (options.nativeBinding) base.nativeBinding = options.nativeBinding;
  try {
    return await options.create(base);
  } catch (error) {
    if (!isAddressInUse(error)) throw error;
    const address = failedAddress(error) ?? configuredListen(options.configPath, options.listen);
    const freePort = await findNextFreePort(address);
    if (freePort === null) throw error;
    if (!(await options.askToUsePort(portInUsePrompt(address, freePort)))) return null;
    return options.create({ ...base, listen: formatHostPort(address.host, freePort) });
  }
}
