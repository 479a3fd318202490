import { describe, expect, it } from 'vitest';
import {
  ExposedNameIndex,
  MAX_EXPOSED_NAME_LENGTH,
  exposeName,
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

describe('ExposedNameIndex', () => {
  it('maps shortened names back to the original server and tool', () => {
    const index = new ExposedNameIndex();
    const tool = `create_${'very_long_'.repeat(8)}thing`;
    const exposed = index.add('everything', tool);
    expect(exposed.length).toBeLessThanOrEqual(MAX_EXPOSED_NAME_LENGTH);
    expect(index.resolve(exposed)).toEqual({ server: 'everything', name: tool });
  });

  it('resolves only names it was built from, byte for byte', () => {
    const index = new ExposedNameIndex();
    index.add('s', 'touch');
    expect(index.resolve('s__touch')).toEqual({ server: 's', name: 'touch' });
    for (const spelling of ['s__TOUCH', 's__Touch', 's__touch ', 's__ touch', 'memory__read_graph'])
      expect(index.resolve(spelling)).toBeNull();
  });

  it('rejects a name over 64 characters and a name without a server part', () => {
    const index = new ExposedNameIndex();
    expect(index.resolve(`github__${'y'.repeat(90)}`)).toBeNull();
    expect(index.resolve('echo')).toBeNull();
  });
});
