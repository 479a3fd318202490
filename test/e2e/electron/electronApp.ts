import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from '@playwright/test';
import { electronUnavailableReason, findElectronBinary } from '../../../scripts/electronBinary.mjs';
import { everythingStdioEntry } from '../../support/mcpServers';
import type { SwitchboardApi } from '../../../src/shared/api';

export const ROOT = resolve(import.meta.dirname, '../../..');
const NATIVE_BINDING = join(ROOT, 'build', 'electron', 'better_sqlite3.node');
const BUILT = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

/** Why the suite cannot run here, or null. */
export function electronSkipReason(): string | null {
  const reason = electronUnavailableReason();
  if (reason) return `Electron cannot start here: ${reason}`;
  if (!existsSync(NATIVE_BINDING))
    return 'no Electron build of better-sqlite3: run npm run rebuild:electron';
  const missing = BUILT.find((file) => !existsSync(join(ROOT, file)));
  return missing ? `${missing} is missing: run npm run build` : null;
}

export interface LaunchedApp {
  app: ElectronApplication;
  window: Page;
  dataDir: string;
  close(): Promise<void>;
}

/** Launches the desktop app with its own data directory and a config with server-everything. */
export async function launchApp(config: Record<string, unknown> = {}): Promise<LaunchedApp> {
  const binary = findElectronBinary();
  if (!binary.ok) throw new Error(binary.reason);
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-electron-'));
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(
    join(dataDir, 'mcp_config.json'),
    JSON.stringify({
      listen: '127.0.0.1:0',
      api_key: 'e2e-electron-key',
      mcpServers: { everything: everythingStdioEntry() },
      ...config,
    }),
  );
  const app = await _electron.launch({
    executablePath: binary.path,
    args: [ROOT, '--data-dir', dataDir, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
    cwd: ROOT,
  });
  const window = await app.firstWindow();
  // The preload has run once the bridge exists.
  await window.waitForFunction(() => 'switchboard' in globalThis);
  return {
    app,
    window,
    dataDir,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `globalThis` in the page, as the preload leaves it. */
export type PageGlobals = { switchboard: SwitchboardApi };
