// Where the Electron executable is, found without `require('electron')`: in plain Node that call
// downloads the binary when it is missing, which is slow or impossible offline. Honours
// ELECTRON_OVERRIDE_DIST_PATH as electron's own index.js does.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function platformPath(platform = process.platform) {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * @returns {{ ok: true, path: string } | { ok: false, reason: string }}
 */
export function findElectronBinary(env = process.env, root = ROOT) {
  const packageDir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(packageDir, 'package.json'))) {
    return { ok: false, reason: 'the electron package is not installed (run npm ci)' };
  }
  let relative = platformPath();
  try {
    relative = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim() || relative;
  } catch {
    // No path.txt: the binary was never downloaded; only an override can help.
  }
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative);
    return existsSync(path)
      ? { ok: true, path }
      : { ok: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron executable at ${path}` };
  }
  const path = join(packageDir, 'dist', relative);
  return existsSync(path)
    ? { ok: true, path }
    : { ok: false, reason: 'no Electron binary: set ELECTRON_OVERRIDE_DIST_PATH to a local build' };
}

/** On Linux a window needs an X or Wayland display. */
export function findDisplayProblem(env = process.env, platform = process.platform) {
  if (platform !== 'linux') return null;
  return env.DISPLAY || env.WAYLAND_DISPLAY
    ? null
    : 'no display: DISPLAY and WAYLAND_DISPLAY are not set';
}

/** Why Electron cannot start here, or null when it can. */
export function electronUnavailableReason(env = process.env) {
  const binary = findElectronBinary(env);
  if (!binary.ok) return binary.reason;
  return findDisplayProblem(env);
}
