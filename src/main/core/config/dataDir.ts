import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Environment } from './envExpansion';

/** The data directory: `--data-dir`, else `$SWITCHBOARD_HOME`, else `~/.switchboard` (SPEC 2). */
export function resolveDataDir(flag?: string, env: Environment = process.env): string {
  const chosen = nonEmpty(flag) ?? nonEmpty(env.SWITCHBOARD_HOME);
  if (chosen === undefined) return join(homedir(), '.switchboard');
  return resolve(expandHome(chosen));
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function expandHome(path: string): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/')) return join(homedir(), path.slice(2));
  return path;
}
