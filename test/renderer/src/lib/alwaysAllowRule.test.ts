import { describe, expect, it } from 'vitest';
import { withAlwaysAllowRule } from '../../../../src/renderer/src/lib/alwaysAllowRule';
import type { PolicyRule } from '../../../../src/shared/servers';

const approval = { server_name: 'everything', tool_name: 'echo', policy_id: 'ask-echo' };

describe('always allow this tool', () => {
  it('puts an allow rule for the server and tool directly above the ask rule', () => {
    const rules: PolicyRule[] = [
      { id: 'no-env', effect: 'block', tool: 'get-env' },
      { id: 'ask-echo', effect: 'ask', tool: 'echo' },
      { id: 'ask-all', effect: 'ask' },
    ];
    const placed = withAlwaysAllowRule(rules, approval);
    expect(placed.index).toBe(1);
    expect(placed.rules.map((rule) => rule.id)).toEqual([
      'no-env',
      'allow-everything-echo',
      'ask-echo',
      'ask-all',
    ]);
    expect(placed.rule).toMatchObject({ effect: 'allow', server: 'everything', tool: 'echo' });
  });

  it('takes a free id, and goes first when the ask rule is gone', () => {
    const rules: PolicyRule[] = [{ id: 'allow-everything-echo', effect: 'block' }];
    const placed = withAlwaysAllowRule(rules, approval);
    expect(placed.index).toBe(0);
    expect(placed.rule.id).toBe('allow-everything-echo-2');
  });
});
