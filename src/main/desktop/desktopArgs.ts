/**
 * The desktop app's command line: `--hidden` (start in the tray), `--data-dir DIR`,
 * `--config FILE`, `--listen ADDR`, `--version`. Chromium's and Electron's own switches pass through.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface DesktopArgs {
  hidden: boolean;
  version: boolean;
  dataDir?: string;
  configPath?: string;
  listen?: string;
}

const VALUE_FLAGS = {
  '--data-dir': 'dataDir',
  '--config': 'configPath',
  '--listen': 'listen',
} as const;

function isValueFlag(flag: string): flag is keyof typeof VALUE_FLAGS {
  return flag in VALUE_FLAGS;
}

export function parseDesktopArgs(argv: readonly string[]): DesktopArgs {
  const args: DesktopArgs = { hidden: false, version: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--hidden') args.hidden = true;
    else if (arg === '--version' || arg === '-v') args.version = true;
    else {
      const [flag = '', inline] = arg.split(/=(.*)/s, 2);
      if (!isValueFlag(flag)) continue;
      const value = inline ?? argv[i + 1];
      if (inline === undefined) i += 1;
      if (value === undefined || value === '' || value.startsWith('--')) {
        throw new Error(
          `${flag}: expected a value, e.g. ${flag}=${flag === '--listen' ? '127.0.0.1:8080' : '/path'}`,
        );
      }
      args[VALUE_FLAGS[flag]] = value;
    }
  }
  return args;
}

/**
 * better-sqlite3 built for Electron's ABI, kept apart from the Node build that tests and the CLI
 * use (SPEC 9). A packaged app has it rebuilt in place by electron-builder, so none is needed.
 */
export function electronNativeBinding(options: {
  isPackaged: boolean;
  appPath: string;
  exists?: (path: string) => boolean;
}): string | undefined {
  if (options.isPackaged) return undefined;
  const path = join(options.appPath, 'build', 'electron', 'better_sqlite3.node');
  if ((options.exists ?? existsSync)(path)) return path;
  throw new Error(
    `No Electron build of better-sqlite3 at ${path}: run "npm run rebuild:electron" once, then start again.`,
  );
}
