import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** SPEC 2: one serving process (the desktop app or `serve`) owns a data directory at a time. */
export const LOCK_FILE_NAME = 'switchboard.lock';

export interface InstanceInfo {
  pid: number;
  started_at: string;
  /** Base URL of the running instance (`http://127.0.0.1:PORT`), set once it listens. */
  url: string | null;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: InstanceInfo,
  ) {
    super(
      `${dataDir} is in use by another Switchboard (pid ${holder.pid}${holder.url ? `, ${holder.url}` : ''}); ` +
        'stop it first or pass another --data-dir.',
    );
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  /** Records the listening URL so the CLI finds an instance that bound port 0. */
  setUrl(url: string): void;
  release(): void;
}

export function readInstanceInfo(dataDir: string): InstanceInfo | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { pid, started_at, url } = parsed as Record<string, unknown>;
    if (typeof pid !== 'number' || typeof started_at !== 'string') return null;
    return { pid, started_at, url: typeof url === 'string' ? url : null };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The instance that holds `dataDir`, if its process is still alive. */
export function findRunningInstance(dataDir: string): InstanceInfo | null {
  const info = readInstanceInfo(dataDir);
  return info && info.pid !== process.pid && isAlive(info.pid) ? info : null;
}

/**
 * Takes the data directory's lock file (created exclusively). A lock left by a dead process is
 * taken over; a live holder is refused with its pid and URL.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE_NAME);
  const info: InstanceInfo = { pid: process.pid, started_at: new Date().toISOString(), url: null };

  const write = (): void => {
    const fd = openSync(path, 'w');
    try {
      writeSync(fd, JSON.stringify(info));
    } finally {
      closeSync(fd);
    }
  };

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      closeSync(openSync(path, 'wx'));
      write();
      let released = false;
      return {
        setUrl(url) {
          info.url = url;
          if (!released) write();
        },
        release() {
          if (released) return;
          released = true;
          const current = readInstanceInfo(dataDir);
          if (current?.pid === process.pid) rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readInstanceInfo(dataDir);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new DataDirInUseError(dataDir, holder);
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(
    `${path}: could not take the data directory lock; remove the file if no Switchboard is running.`,
  );
}
