/**
 * The desktop app's own `switchboard` command (issue 17: connect snippets and Run demo for GUI
 * apps without the shell's PATH). Electron's binary does not exist here: Node stands in for it,
 * which ignores ELECTRON_RUN_AS_NODE, so the command line itself is what runs for real.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { desktopLauncher } from '../../../src/main/desktop/desktopLauncher';
import { startCore, type RunningCore } from '../../integration/apiSupport';

const repo = resolve(import.meta.dirname, '../../..');

function requireBuiltCli(): void {
  if (!existsSync(resolve(repo, 'out/main/cli.js')))
    throw new Error('out/main/cli.js is missing: run `npm run build` before these tests');
}

describe('desktop launcher (Electron binary faked by Node)', () => {
  let core: RunningCore | undefined;
  afterEach(async () => {
    await core?.stop();
    core = undefined;
  });

  it("runs the app's binary as Node on bin/switchboard.js by absolute path", () => {
    expect(desktopLauncher({ execPath: '/Applications/S.app/S', appPath: '/opt/swb' })).toEqual({
      command: '/Applications/S.app/S',
      args: ['/opt/swb/bin/switchboard.js'],
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
  });

  it('the command line it gives starts the switchboard command', () => {
    requireBuiltCli();
    const launcher = desktopLauncher({ execPath: process.execPath, appPath: repo });
    const run = spawnSync(launcher.command, [...launcher.args, '--help'], {
      env: { ...process.env, ...launcher.env },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/connect/);
    expect(run.status).toBe(0);
  });

  it('Run demo starts the demo server with the launcher and its environment', async () => {
    requireBuiltCli();
    core = await startCore(
      { mcpServers: {} },
      { launcher: desktopLauncher({ execPath: process.execPath, appPath: repo }) },
    );
    const summary = await core.switchboard.service.startDemo();
    expect(summary.calls).toBeGreaterThan(0);
    const servers = await core.data<{ name: string; command: string; env?: object }[]>(
      'GET',
      '/api/v1/servers',
    );
    expect(servers).toEqual([
      expect.objectContaining({
        name: 'demo',
        command: process.execPath,
        env: { ELECTRON_RUN_AS_NODE: expect.any(String) },
      }),
    ]);
  });
});
