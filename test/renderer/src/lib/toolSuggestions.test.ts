import { describe, expect, it } from 'vitest';
import { toolSuggestions } from '../../../../src/renderer/src/lib/toolSuggestions';
import { toolFilterTest } from '../../../../src/shared/nameGlob';

describe('tool filter suggestions', () => {
  it('offers shared prefixes as globs before the names, each once', () => {
    expect(
      toolSuggestions(['read_file', 'read_dir', 'echo', 'get-sum', 'echo', 'fs.read']),
    ).toEqual(['read_*', 'echo', 'fs.read', 'get-sum', 'read_dir', 'read_file']);
  });

  it('matches like a policy rule: exact names stay exact, globs match names only', () => {
    expect(toolFilterTest('read')('read_file')).toBe(false);
    expect(toolFilterTest('read_*')('read_file')).toBe(true);
    expect(toolFilterTest('{echo,add}')('add')).toBe(true);
    expect(toolFilterTest('*')(null)).toBe(false);
  });
});
