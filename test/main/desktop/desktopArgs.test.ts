import { describe, expect, it } from 'vitest';
import { electronNativeBinding, parseDesktopArgs } from '../../../src/main/desktop/desktopArgs';

describe('parseDesktopArgs', () => {
  it('reads --hidden, --version and the value flags in both spellings, ignoring Chromium switches', () => {
    expect(
      parseDesktopArgs([
        '.',
        '--hidden',
        '--data-dir',
        '/d',
        '--listen=127.0.0.1:0',
        '--no-sandbox',
      ]),
    ).toEqual({ hidden: true, version: false, dataDir: '/d', listen: '127.0.0.1:0' });
    expect(parseDesktopArgs(['--version'])).toMatchObject({ version: true });
    expect(parseDesktopArgs(['--config=/c.json'])).toMatchObject({ configPath: '/c.json' });
  });

  it('names a flag given without its value', () => {
    expect(() => parseDesktopArgs(['--data-dir'])).toThrow(
      '--data-dir: expected a value, e.g. --data-dir=/path',
    );
    expect(() => parseDesktopArgs(['--listen', '--hidden'])).toThrow('--listen: expected a value');
  });
});

describe('electronNativeBinding', () => {
  it('points at the separate Electron build in development', () => {
    expect(electronNativeBinding({ isPackaged: false, appPath: '/repo', exists: () => true })).toBe(
      '/repo/build/electron/better_sqlite3.node',
    );
  });

  it('says how to build it when missing', () => {
    expect(() =>
      electronNativeBinding({ isPackaged: false, appPath: '/repo', exists: () => false }),
    ).toThrow('run "npm run rebuild:electron" once');
  });

  it('needs none when packaged (electron-builder rebuilt it in place)', () => {
    expect(electronNativeBinding({ isPackaged: true, appPath: '/x' })).toBeUndefined();
  });
});
