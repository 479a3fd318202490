import { describe, expect, it } from 'vitest';
import { demoPlan } from '../../../../src/main/core/demo/demoPlan';

describe('demoPlan', () => {
  it('40 calls: mostly successes across several tools, some tool errors, some blocked deletes', () => {
    const plan = demoPlan(40);
    const count = (expect_: string): number => plan.filter((c) => c.expect === expect_).length;
    expect(plan).toHaveLength(40);
    expect(count('success')).toBeGreaterThan(20);
    expect(count('tool_error')).toBeGreaterThanOrEqual(4);
    expect(count('blocked')).toBeGreaterThanOrEqual(4);
    expect(new Set(plan.map((c) => c.tool)).size).toBeGreaterThanOrEqual(6);
    expect(
      plan.filter((c) => c.expect === 'blocked').every((c) => c.tool.startsWith('delete_')),
    ).toBe(true);
  });

  it.each([1, 2, 3, 5])('%i calls still include a blocked call (and an error from 3 up)', (n) => {
    const plan = demoPlan(n);
    expect(plan).toHaveLength(n);
    expect(plan.some((c) => c.expect === 'blocked')).toBe(true);
    if (n >= 3) expect(plan.some((c) => c.expect === 'tool_error')).toBe(true);
  });
});
