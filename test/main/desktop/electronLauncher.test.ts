/** `npm start` (scripts/start.mjs) and how it decides whether Electron can start. */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDisplayProblem, findElectronBinary } from '../../../scripts/electronBinary.mjs';

const ROOT = resolve(import.meta.dirname, '../../..');
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'switchboard-launcher-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('findElectronBinary', () => {
  it('honours ELECTRON_OVERRIDE_DIST_PATH when it holds an executable', () => {
    const dist = join(scratch, 'dist');
    mkdirSync(dist, { recursive: true });
    const executable = join(dist, process.platform === 'win32' ? 'electron.exe' : 'electron');
    writeFileSync(executable, '#!/bin/sh\n');
    chmodSync(executable, 0o755);
    expect(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dist })).toEqual({
      ok: true,
      path: executable,
    });
  });

  it('says what is missing, quickly and without downloading', () => {
    const started = Date.now();
    expect(
      findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: join(scratch, 'nothing') }),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining('ELECTRON_OVERRIDE_DIST_PATH has no Electron executable at'),
    });
    const bare = findElectronBinary({}, scratch);
    expect(bare).toEqual({
      ok: false,
      reason: 'the electron package is not installed (run npm ci)',
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('needs a display on Linux only', () => {
    expect(findDisplayProblem({}, 'linux')).toBe(
      'no display: DISPLAY and WAYLAND_DISPLAY are not set',
    );
    expect(findDisplayProblem({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBeNull();
    expect(findDisplayProblem({}, 'darwin')).toBeNull();
  });
});

const built = existsSync(join(ROOT, 'out', 'main', 'cli.js'));

describe.skipIf(!built)('npm start where Electron cannot run', () => {
  it('says why in one line, then serves the UI and forwards the ready line', async () => {
    const dataDir = join(scratch, 'data');
    const env: NodeJS.ProcessEnv = { ...process.env, SWITCHBOARD_START_SKIP_BUILD: '1' };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    delete env.ELECTRON_OVERRIDE_DIST_PATH;
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'scripts', 'start.mjs'),
        '--data-dir',
        dataDir,
        '--listen',
        '127.0.0.1:0',
        '--hidden',
      ],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const lines: string[] = [];
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    try {
      const ready = await new Promise<string>((done, fail) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          lines.push(line);
          if (line.startsWith('Switchboard ready')) done(line);
        });
        child.on('exit', (code) =>
          fail(new Error(`start.mjs exited (${code}) before ready: ${lines.join('\n')}`)),
        );
      });
      expect(lines[0]).toMatch(
        /^Electron cannot start here \((no Electron binary: set ELECTRON_OVERRIDE_DIST_PATH to a local build|no display: DISPLAY and WAYLAND_DISPLAY are not set)\); serving the UI in your browser instead\.$/,
      );
      expect(ready).toMatch(
        /^Switchboard ready {2}MCP http:\/\/127\.0\.0\.1:\d+\/mcp {2}UI http:\/\/127\.0\.0\.1:\d+\/\?apikey=\S+$/,
      );
      const ui = /UI (\S+)/.exec(ready)?.[1] ?? '';
      const page = await fetch(ui, { redirect: 'manual' });
      expect([200, 302, 303]).toContain(page.status);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
