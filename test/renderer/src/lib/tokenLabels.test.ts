import { describe, expect, it } from 'vitest';
import { tokenLabels } from '../../../../src/renderer/src/lib/tokenLabels';

const token = (id: string, name: string, created_at: string, revoked = false) => ({
  id,
  name,
  created_at,
  last_used_at: null,
  revoked,
});

describe('tokenLabels', () => {
  it('tells apart tokens that share a name, and marks revoked ones', () => {
    const labels = tokenLabels([
      token('tok_aaaa1111', 'Agent', '2026-12-01T10:00:00.000Z', true),
      token('tok_bbbb2222', 'Agent', '2026-12-01T10:00:00.000Z', true),
      token('tok_cccc3333', 'Agent', '2026-12-02T09:30:00.000Z'),
      token('tok_dddd4444', 'Cursor', '2026-12-02T09:30:00.000Z'),
      token('tok_eeee5555', 'Old', '2026-12-02T09:30:00.000Z', true),
    ]);
    expect([...labels.values()]).toEqual([
      'Agent (revoked, created 2026-12-01 10:00, …1111)',
      'Agent (revoked, created 2026-12-01 10:00, …2222)',
      'Agent (created 2026-12-02 09:30, …3333)',
      'Cursor',
      'Old (revoked)',
    ]);
    expect(new Set(labels.values()).size).toBe(labels.size);
  });
});
