import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../../../src/main/core/config';

describe('resolveDataDir', () => {
  it('prefers --data-dir, then $SWITCHBOARD_HOME, then ~/.switchboard', () => {
    expect(resolveDataDir('rel/dir', { SWITCHBOARD_HOME: '/env/home' })).toBe(resolve('rel/dir'));
    expect(resolveDataDir(undefined, { SWITCHBOARD_HOME: '/env/home' })).toBe('/env/home');
    expect(resolveDataDir(undefined, {})).toBe(join(homedir(), '.switchboard'));
    expect(resolveDataDir('', { SWITCHBOARD_HOME: '  ' })).toBe(join(homedir(), '.switchboard'));
    expect(resolveDataDir('~/sb', {})).toBe(join(homedir(), 'sb'));
  });
});
