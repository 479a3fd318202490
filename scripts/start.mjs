#!/usr/bin/env node
// `npm start`: builds when out/ is missing or older than the sources, then opens the desktop app.
// Where Electron cannot start (no binary, no display, no Electron build of better-sqlite3) it says
// why in one line and serves the same UI in the browser instead (`switchboard serve`).
// Arguments after `npm start --` go to the app (--data-dir, --config, --listen, --hidden).
// SWITCHBOARD_START_SKIP_BUILD=1 skips the staleness check (a caller that has just built).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronUnavailableReason, findElectronBinary } from './electronBinary.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUTS = [
  'out/main/index.js',
  'out/main/cli.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];
const INPUTS = [
  'src',
  'electron.vite.config.ts',
  'package.json',
  'tsconfig.node.json',
  'tsconfig.web.json',
];
const NATIVE_BINDING = join(ROOT, 'build', 'electron', 'better_sqlite3.node');
const args = process.argv.slice(2);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function buildIfStale() {
  if (process.env.SWITCHBOARD_START_SKIP_BUILD === '1') return;
  const outputs = OUTPUTS.map((file) => join(ROOT, file));
  const missing = outputs.some((file) => !existsSync(file));
  const oldestOutput = missing ? 0 : Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const newestInput = Math.max(...INPUTS.map((path) => newestMtime(join(ROOT, path))));
  if (!missing && oldestOutput >= newestInput) return;
  console.log(
    missing ? 'start: building (out/ is missing)…' : 'start: rebuilding (sources changed)…',
  );
  const build = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) {
    console.error('start: the build failed (see above); fix it and run npm start again.');
    process.exit(build.status ?? 1);
  }
}

/** The Electron build of better-sqlite3 is made once, on demand (it needs Electron's headers). */
function nativeBindingProblem() {
  if (existsSync(NATIVE_BINDING)) return null;
  console.log('start: building better-sqlite3 for Electron (once)…');
  const rebuild = spawnSync(process.execPath, [join(ROOT, 'scripts', 'rebuild-electron.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  return rebuild.status === 0
    ? null
    : 'no Electron build of better-sqlite3 (npm run rebuild:electron failed)';
}

function forwardSignals(child) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function launchElectron(binary) {
  const child = spawn(binary, [ROOT, ...args], { cwd: ROOT, stdio: 'inherit' });
  forwardSignals(child);
}

function hasDesktop() {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function openInBrowser(url) {
  if (!hasDesktop()) return;
  const [command, commandArgs] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  const opener = spawn(command, commandArgs, { stdio: 'ignore', detached: true });
  opener.on('error', () => console.log(`start: open ${url} in your browser.`));
  opener.unref();
}

const READY_LINE = /^Switchboard ready\s+MCP \S+\s+UI (\S+)/;

function serveInBrowser(reason) {
  console.log(`Electron cannot start here (${reason}); serving the UI in your browser instead.`);
  const serveArgs = args.filter((arg) => arg !== '--hidden');
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'switchboard.js'), 'serve', ...serveArgs],
    {
      cwd: ROOT,
      stdio: ['inherit', 'pipe', 'inherit'],
    },
  );
  let pending = '';
  let opened = false;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text) => {
    process.stdout.write(text);
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const ready = READY_LINE.exec(line);
      if (ready && !opened) {
        opened = true;
        openInBrowser(ready[1]);
      }
    }
  });
  forwardSignals(child);
}

buildIfStale();
const reason = electronUnavailableReason() ?? nativeBindingProblem();
const binary = findElectronBinary();
if (reason === null && binary.ok) launchElectron(binary.path);
else serveInBrowser(reason ?? 'no Electron binary');
