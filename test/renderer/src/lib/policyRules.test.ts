import { describe, expect, it } from 'vitest';
import type { PolicyRule } from '../../../../src/shared/servers';
import {
  cleanRule,
  localRuleProblems,
  moveRule,
  newRule,
  newRuleId,
  ruleForTool,
} from '../../../../src/renderer/src/lib/policyRules';

const rules: PolicyRule[] = [
  { id: 'a', effect: 'block' },
  { id: 'b', effect: 'allow' },
  { id: 'c', effect: 'block' },
];

describe('policy rule editing', () => {
  it('moves rules up and down within bounds', () => {
    expect(moveRule(rules, 2, -1).map((rule) => rule.id)).toEqual(['a', 'c', 'b']);
    expect(moveRule(rules, 0, 1).map((rule) => rule.id)).toEqual(['b', 'a', 'c']);
    expect(moveRule(rules, 0, -1)).toBe(rules);
    expect(moveRule(rules, 2, 1)).toBe(rules);
  });

  it('points at missing and repeated ids', () => {
    const problems = localRuleProblems([
      ...rules,
      { id: 'a', effect: 'block' },
      { id: ' ', effect: 'allow' },
    ]);
    expect(problems.get(3)).toBe('The id "a" is already used by rule 1.');
    expect(problems.get(4)).toMatch(/Give the rule an id/);
    expect(problems.size).toBe(2);
  });

  it('drops empty optional fields and default globs', () => {
    expect(
      cleanRule({
        id: ' x ',
        effect: 'block',
        server: '*',
        tool: 'delete_*',
        reason: ' ',
        arguments: {},
      }),
    ).toEqual({
      id: 'x',
      effect: 'block',
      tool: 'delete_*',
    });
  });

  it('a new rule matches nothing until a server or tool is filled in, so Save cannot block every call', () => {
    const added = newRule([]);
    expect(localRuleProblems([added]).get(0)).toMatch(/would block every call/);
    expect(localRuleProblems([{ ...added, effect: 'ask' }]).get(0)).toMatch(/ask about every/);
    expect(localRuleProblems([{ ...added, tool: '*' }]).size).toBe(0);
    expect(localRuleProblems([{ ...added, effect: 'allow' }]).size).toBe(0);
  });

  it('puts a rule for one tool from a record first, with an id that names it', () => {
    const next = ruleForTool(rules, 'ask', 'github', 'delete_repo');
    expect(next[0]).toEqual({
      id: 'ask-delete_repo-4',
      effect: 'ask',
      server: 'github',
      tool: 'delete_repo',
      reason: 'Asks a person',
    });
    expect(next.slice(1)).toEqual(rules);
  });

  it('proposes an unused id', () => {
    expect(newRuleId([{ id: 'rule-4', effect: 'block' }, ...rules])).toBe('rule-5');
  });
});
