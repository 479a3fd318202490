import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src/main/core/config';
import { createPolicyEngine, validatePolicyRules } from '../../../../src/main/core/policy';
import type { PolicyCall } from '../../../../src/main/core/policy';

function call(
  server: string,
  tool: string,
  args?: Record<string, unknown>,
  quarantined = false,
): PolicyCall {
  return { server, tool, arguments: args, quarantined };
}

describe('createPolicyEngine', () => {
  it('an ask rule decides ask with its reason; an allow rule above it wins', () => {
    const ask = { id: 'ask-writes', effect: 'ask' as const, tool: 'write_*', reason: 'Writes' };
    expect(createPolicyEngine([ask]).evaluate(call('fs', 'write_file'))).toEqual({
      effect: 'ask',
      policy_id: 'ask-writes',
      reason: 'Writes',
    });
    const allowed = createPolicyEngine([{ id: 'ok', effect: 'allow', tool: 'write_file' }, ask]);
    expect(allowed.evaluate(call('fs', 'write_file'))).toMatchObject({ effect: 'allow' });
    expect(() => validatePolicyRules([{ id: 'x', effect: 'prompt' }])).toThrow(/effect/);
  });

  it('allows when no rule matches', () => {
    const engine = createPolicyEngine([{ id: 'no-deletes', effect: 'block', tool: 'delete_*' }]);
    expect(engine.evaluate(call('fs', 'read_file'))).toEqual({
      effect: 'allow',
      policy_id: null,
      reason: null,
    });
  });

  it('the first matching rule decides, in order', () => {
    const engine = createPolicyEngine([
      {
        id: 'allow-tmp',
        effect: 'allow',
        server: 'fs',
        tool: 'delete_*',
        arguments: { path: '/tmp/**' },
      },
      {
        id: 'no-deletes',
        effect: 'block',
        server: '*',
        tool: 'delete_*',
        reason: 'Deletions need a human',
      },
    ]);
    expect(engine.evaluate(call('fs', 'delete_file', { path: '/tmp/x' }))).toEqual({
      effect: 'allow',
      policy_id: 'allow-tmp',
      reason: null,
    });
    expect(engine.evaluate(call('fs', 'delete_file', { path: '/home/x' }))).toEqual({
      effect: 'block',
      policy_id: 'no-deletes',
      reason: 'Deletions need a human',
    });
    expect(engine.evaluate(call('git', 'delete_branch'))).toMatchObject({
      effect: 'block',
      policy_id: 'no-deletes',
    });
  });

  it('matches server and tool globs, defaulting to *', () => {
    const engine = createPolicyEngine([
      {
        id: 'gh-writes',
        effect: 'block',
        server: 'git{hub,lab}',
        tool: '{create,update}_*',
        reason: 'read-only',
      },
      { id: 'any-exec', effect: 'block', tool: 'exec' },
    ]);
    expect(engine.evaluate(call('github', 'create_issue')).effect).toBe('block');
    expect(engine.evaluate(call('gitlab', 'update_mr')).effect).toBe('block');
    expect(engine.evaluate(call('gitea', 'create_issue')).effect).toBe('allow');
    expect(engine.evaluate(call('github', 'get_issue')).effect).toBe('allow');
    expect(engine.evaluate(call('anything', 'exec'))).toEqual({
      effect: 'block',
      policy_id: 'any-exec',
      reason: 'No reason given',
    });
  });

  it('matches arguments by JSON path with globs, regexes and JSON text for non-strings', () => {
    const engine = createPolicyEngine([
      { id: 'env-files', effect: 'block', arguments: { path: '*.env' } },
      { id: 'write-mode', effect: 'block', arguments: { 'options.mode': 'w*' } },
      { id: 'drop', effect: 'block', arguments: { '$.items[0].name': '/^drop\\s/i' } },
      { id: 'big', effect: 'block', arguments: { count: '/^\\d{4,}$/' } },
      { id: 'forced', effect: 'block', arguments: { force: 'true' } },
      { id: 'any-file', effect: 'block', arguments: { 'files[*].path': '/etc/**' } },
    ]);
    expect(engine.evaluate(call('fs', 'read', { path: '/app/.env' })).policy_id).toBe('env-files');
    expect(engine.evaluate(call('fs', 'read', { path: '/app/env.txt' })).policy_id).toBeNull();
    expect(engine.evaluate(call('fs', 'open', { options: { mode: 'write' } })).policy_id).toBe(
      'write-mode',
    );
    expect(engine.evaluate(call('fs', 'open', { options: { mode: 'read' } })).policy_id).toBeNull();
    expect(engine.evaluate(call('db', 'run', { items: [{ name: 'DROP table' }] })).policy_id).toBe(
      'drop',
    );
    expect(
      engine.evaluate(call('db', 'run', { items: [{ name: 'select' }, { name: 'drop x' }] }))
        .policy_id,
    ).toBeNull();
    expect(engine.evaluate(call('db', 'run', { count: 12345 })).policy_id).toBe('big');
    expect(engine.evaluate(call('db', 'run', { count: 123 })).policy_id).toBeNull();
    expect(engine.evaluate(call('git', 'push', { force: true })).policy_id).toBe('forced');
    expect(
      engine.evaluate(call('fs', 'edit', { files: [{ path: '/a' }, { path: '/etc/passwd' }] }))
        .policy_id,
    ).toBe('any-file');
  });

  it('a missing argument does not match', () => {
    const engine = createPolicyEngine([{ id: 'p', effect: 'block', arguments: { path: '*' } }]);
    expect(engine.evaluate(call('fs', 'read', {})).effect).toBe('allow');
    expect(engine.evaluate(call('fs', 'read', undefined)).effect).toBe('allow');
  });

  it('a quarantined server blocks every call, before any rule', () => {
    const engine = createPolicyEngine([{ id: 'allow-all', effect: 'allow' }]);
    expect(engine.evaluate(call('shady', 'anything', {}, true))).toEqual({
      effect: 'block',
      policy_id: 'quarantine',
      reason: 'Server "shady" is quarantined',
    });
  });

  it('keeps the rules it was built from', () => {
    const rules = [{ id: 'a', effect: 'allow' as const }];
    expect(createPolicyEngine(rules).rules).toEqual(rules);
  });

  it('lets through a call that none of 100 rules names', () => {
    const rules = Array.from({ length: 100 }, (_, i) => ({
      id: `r${i}`,
      effect: 'block' as const,
      server: `srv${i}`,
      tool: 'delete_*',
      arguments: { path: '/secret/**' },
    }));
    const engine = createPolicyEngine(rules);
    expect(engine.evaluate(call('other', 'read_file', { path: '/tmp/x' })).effect).toBe('allow');
    expect(engine.evaluate(call('srv42', 'delete_file', { path: '/secret/a' })).policy_id).toBe(
      'r42',
    );
  });
});

describe('invalid rules', () => {
  const cases: [string, unknown, RegExp][] = [
    [
      'duplicate id',
      [
        { id: 'a', effect: 'block' },
        { id: 'a', effect: 'allow' },
      ],
      /^policies\[1\]\.id: duplicate id "a" \(already used by policies\[0\]\)/,
    ],
    [
      'bad regex',
      [{ id: 'a', effect: 'block', arguments: { path: '/(/' } }],
      /^policies\[0\]\.arguments\.path: invalid regex \/\(\//,
    ],
    [
      'unknown effect',
      [{ id: 'a', effect: 'deny' }],
      /^policies\[0\]\.effect: expected one of "allow", "block", "ask", got "deny"/,
    ],
    ['missing id', [{ effect: 'block' }], /^policies\[0\]\.id: missing; expected a string/],
    [
      'unknown key',
      [{ id: 'a', effect: 'block', tools: 'x' }],
      /^policies\[0\]\.tools: unknown key/,
    ],
    [
      'bad JSON path',
      [{ id: 'a', effect: 'block', arguments: { 'a[x': 'v' } }],
      /^policies\[0\]\.arguments\["a\[x"\]: invalid JSON path/,
    ],
    [
      'reserved id',
      [{ id: 'quarantine', effect: 'block' }],
      /^policies\[0\]\.id: "quarantine" is reserved/,
    ],
    ['not a list', { id: 'a' }, /^policies: expected an array, got an object/],
  ];
  it.each(cases)('%s is refused naming the rule index and key path', (_name, rules, message) => {
    const error = (() => {
      try {
        validatePolicyRules(rules);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(message);
  });

  it('createPolicyEngine refuses them too', () => {
    expect(() =>
      createPolicyEngine([{ id: 'a', effect: 'block', arguments: { q: '/[/' } }]),
    ).toThrow(ConfigError);
  });
});
