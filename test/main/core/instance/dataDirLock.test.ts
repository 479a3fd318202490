import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  acquireDataDirLock,
  DataDirInUseError,
  findRunningInstance,
  LOCK_FILE_NAME,
  readInstanceInfo,
} from '../../../../src/main/core/instance';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'swb-lock-'));

describe('data directory lock', () => {
  it('records pid and url, and removes the file on release', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    lock.setUrl('http://127.0.0.1:4567');
    expect(readInstanceInfo(dir)).toMatchObject({ pid: process.pid, url: 'http://127.0.0.1:4567' });
    lock.release();
    expect(readInstanceInfo(dir)).toBeNull();
  });

  it('refuses a second holder while the first process lives, naming its pid', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: 'ignore',
    });
    try {
      const pid = child.pid ?? 0;
      writeFileSync(
        join(dir, LOCK_FILE_NAME),
        JSON.stringify({ pid, started_at: new Date().toISOString(), url: 'http://127.0.0.1:9' }),
      );
      expect(findRunningInstance(dir)?.pid).toBe(pid);
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirInUseError);
      expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`pid ${pid}, http://127.0.0.1:9`));
    } finally {
      child.kill();
    }
  });

  it('takes over a lock left by a dead process', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    const pid = child.pid ?? 0;
    await new Promise((resolve) => child.on('exit', resolve));
    writeFileSync(
      join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid, started_at: new Date().toISOString(), url: null }),
    );
    expect(findRunningInstance(dir)).toBeNull();
    const lock = acquireDataDirLock(dir);
    expect(readInstanceInfo(dir)?.pid).toBe(process.pid);
    lock.release();
  });

  it('treats a garbled lock file as stale', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE_NAME), 'not json');
    const lock = acquireDataDirLock(dir);
    expect(readInstanceInfo(dir)?.pid).toBe(process.pid);
    lock.release();
  });
});
