import { describe, expect, it } from 'vitest';
import { maskSecret, maskSecrets } from '../../../../src/main/core/config';

describe('maskSecret', () => {
  it('shows only the last two characters', () => {
    expect(maskSecret('ghp_1234567859')).toBe('••••59');
  });
  it('fully masks short values', () => {
    expect(maskSecret('abc')).toBe('••••');
    expect(maskSecret('')).toBe('••••');
  });
  it('masks every value of a map', () => {
    expect(maskSecrets({ A: 'secret-value-42', B: 'x' })).toEqual({ A: '••••42', B: '••••' });
  });
});
