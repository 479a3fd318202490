import { describe, expect, it } from 'vitest';
import { createPolicyEngine } from '../../src/main/core/policy';
import { argumentConditions, exactMatcher } from '../../src/shared/argumentCondition';

const TRICKY = [
  'notes.txt',
  'rm -rf /',
  './a',
  '../a',
  'a/./b',
  'a//b',
  '.env',
  'src/main.ts',
  '/etc/hosts',
  '/tmp/',
  '*.env',
  'a?b',
  '[abc]',
  '{a,b}',
  '!important',
  '@(x)',
  'back\\slash',
  'DROP TABLE users; --',
  'say "hi" it\'s',
  '^start$',
  'line one\nline two',
  '',
  '42',
  '-1.5',
  ' padded ',
  'tab\there',
  'ünïcödé',
];

/** The real policy engine decides whether the condition matches a call's argument. */
function matches(path: string, matcher: string, args: Record<string, unknown>): boolean {
  const engine = createPolicyEngine([{ id: 'r', effect: 'block', arguments: { [path]: matcher } }]);
  return (
    engine.evaluate({ server: 's', tool: 't', arguments: args, quarantined: false }).policy_id ===
    'r'
  );
}

describe('argument conditions from a record', () => {
  it.each(TRICKY)('matches exactly %j and no other value', (value) => {
    const matcher = exactMatcher(value);
    expect(matches('path', matcher, { path: value })).toBe(true);
    expect(matches('path', matcher, { path: `${value}x` })).toBe(false);
    expect(matches('path', matcher, { path: `x${value}` })).toBe(false);
    expect(matches('path', matcher, { other: value })).toBe(false);
  });

  it('does not match what a glob would normalize the value to', () => {
    for (const [value, other] of [
      ['./a', 'a'],
      ['a/./b', 'a/b'],
      ['a//b', 'a/b'],
      ['../a', 'a'],
    ] as const)
      expect(matches('path', exactMatcher(value), { path: other })).toBe(false);
  });

  it('keeps plain values readable, and every matcher on one line', () => {
    for (const value of TRICKY) expect(exactMatcher(value)).not.toMatch(/[\n\r\t]/);
    expect(exactMatcher('notes.txt')).toBe('notes.txt');
    expect(exactMatcher('/etc/hosts')).toBe('/^\\/etc\\/hosts$/');
  });

  it('offers every scalar argument with its JSON path, leaving out redacted values and arrays', () => {
    const args = {
      path: '/etc/hosts',
      mode: 'w',
      count: 3,
      force: true,
      options: { encoding: 'utf8', 'odd.key': 'v' },
      files: ['a', 'b'],
      password: '[REDACTED]',
      header: 'Bearer [REDACTED]',
    };
    const conditions = argumentConditions(args);
    expect(conditions.map(({ path, value }) => `${path}=${value}`)).toEqual([
      'path=/etc/hosts',
      'mode=w',
      'count=3',
      'force=true',
      'options.encoding=utf8',
      "options['odd.key']=v",
    ]);
    for (const { path, matcher } of conditions) expect(matches(path, matcher, args)).toBe(true);
  });

  it('offers nothing for a call without arguments', () => {
    expect(argumentConditions(null)).toEqual([]);
    expect(argumentConditions({})).toEqual([]);
  });
});
