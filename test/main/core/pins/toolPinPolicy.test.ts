import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src/main/core/config';
import { createPolicyEngine, validatePolicyRules } from '../../../../src/main/core/policy';

const REASON =
  'The definition of docs__search changed since it was approved; review it in Switchboard';

describe('tool_pin in the policy engine (SPEC 4 order: quarantine, tool_pin, rules)', () => {
  const engine = createPolicyEngine([
    { id: 'allow-all', effect: 'allow' },
    { id: 'never', effect: 'block', tool: 'search' },
  ]);
  const base = { server: 'docs', tool: 'search', arguments: {} };

  it('blocks a changed tool with rule id tool_pin and the SPEC reason, before any user rule', () => {
    expect(engine.evaluate({ ...base, quarantined: false, toolPinChanged: true })).toEqual({
      effect: 'block',
      policy_id: 'tool_pin',
      reason: REASON,
    });
  });

  it('quarantine comes first', () => {
    expect(engine.evaluate({ ...base, quarantined: true, toolPinChanged: true })).toMatchObject({
      policy_id: 'quarantine',
    });
  });

  it('an unchanged tool goes to the user rules', () => {
    expect(engine.evaluate({ ...base, quarantined: false, toolPinChanged: false })).toMatchObject({
      effect: 'allow',
      policy_id: 'allow-all',
    });
  });

  it('reserves the id tool_pin', () => {
    expect(() => validatePolicyRules([{ id: 'tool_pin', effect: 'block' }])).toThrow(ConfigError);
    expect(() => validatePolicyRules([{ id: 'tool_pin', effect: 'block' }])).toThrow(
      'policies[0].id',
    );
  });
});
