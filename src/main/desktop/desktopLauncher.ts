import { join } from 'node:path';
import type { Launcher } from '../../shared/servers';

/**
 * The `switchboard` command as the desktop app can run it with absolute paths: its own binary
 * acting as Node (`ELECTRON_RUN_AS_NODE=1`) on the repository's `bin/switchboard.js`. GUI agents
 * (Claude Desktop) start without the shell's PATH, and the demo server is run the same way.
 */
export function desktopLauncher(app: { execPath: string; appPath: string }): Launcher {
  return {
    command: app.execPath,
    args: [join(app.appPath, 'bin', 'switchboard.js')],
    env: { ELECTRON_RUN_AS_NODE: '1' },
  };
}
