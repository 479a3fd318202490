import { describe, expect, it } from 'vitest';
import {
  ExposedNameIndex,
  MAX_EXPOSED_NAME_LENGTH,
  exposeName,
  splitExposedName,
} from '../../../../src/main/core/upstreams/toolNames';

describe('exposeName', () => {
  it('joins server and tool with a double underscore', () => {
    expect(exposeName('everything', 'echo')).toBe('everything__echo');
  });

  it('keeps a name of exactly 64 characters as it is', () => {
    const tool = 'a'.repeat(MAX_EXPOSED_NAME_LENGTH - 'srv__'.length);
    expect(exposeName('srv', tool)).toBe(`srv__${tool}`);
  });

  it('shortens a longer name to 64 characters, deterministically, with a hash suffix', () => {
    const tool = 'x'.repeat(80);
    const first = exposeName('github', tool);
    expect(first).toHaveLength(MAX_EXPOSED_NAME_LENGTH);
    expect(first).toMatch(/^github__x+_[0-9a-f]{8}$/);
    expect(exposeName('github', tool)).toBe(first);
  });

  it('gives different short names to long names that share a prefix', () => {
    const a = exposeName('github', `${'x'.repeat(70)}_alpha`);
    const b = exposeName('github', `${'x'.repeat(70)}_beta`);
    expect(a).not.toBe(b);
  });
});

describe('splitExposedName', () => {
  it('splits at the first separator, keeping underscores in the tool name', () => {
    expect(splitExposedName('fs__read__file')).toEqual({ server: 'fs', name: 'read__file' });
  });

  it('returns null for names without a server or tool part', () => {
    expect(splitExposedName('echo')).toBeNull();
    expect(splitExposedName('__echo')).toBeNull();
    expect(splitExposedName('srv__')).toBeNull();
  });
});

describe('ExposedNameIndex', () => {
  it('maps shortened names back to the original server and tool', () => {
    const index = new ExposedNameIndex();
    const tool = `create_${'very_long_'.repeat(8)}thing`;
    const exposed = index.add('everything', tool);
    expect(exposed.length).toBeLessThanOrEqual(MAX_EXPOSED_NAME_LENGTH);
    expect(index.resolve(exposed)).toEqual({ server: 'everything', name: tool });
  });

  it('resolves an unshortened name it has not seen (server down) by splitting it', () => {
    expect(new ExposedNameIndex().resolve('memory__read_graph')).toEqual({
      server: 'memory',
      name: 'read_graph',
    });
  });

  it('rejects a name over 64 characters and a name without a server part', () => {
    const index = new ExposedNameIndex();
    expect(index.resolve(`github__${'y'.repeat(90)}`)).toBeNull();
    expect(index.resolve('echo')).toBeNull();
  });
});
