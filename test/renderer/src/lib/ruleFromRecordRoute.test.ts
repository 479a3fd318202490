import { describe, expect, it } from 'vitest';
import { parseHash } from '../../../../src/renderer/src/lib/hashRoute';
import {
  parseRuleFromRecordParams,
  ruleFromRecordHash,
} from '../../../../src/renderer/src/lib/ruleFromRecordRoute';

describe('the address of a rule from a record', () => {
  it('round-trips the effect, the tool and the record through the Policies view', () => {
    const hash = ruleFromRecordHash({
      effect: 'ask',
      server: 'git hub',
      tool: 'delete/repo',
      recordId: '01JREC',
    });
    const route = parseHash(hash);
    expect(route.view).toBe('policies');
    expect(parseRuleFromRecordParams(route.params)).toEqual({
      effect: 'ask',
      server: 'git hub',
      tool: 'delete/repo',
      recordId: '01JREC',
    });
  });

  it('needs an effect, a server and a tool; the record is optional', () => {
    const parse = (query: string) => parseRuleFromRecordParams(new URLSearchParams(query));
    expect(parse('add=block&server=s&tool=t')).toEqual({
      effect: 'block',
      server: 's',
      tool: 't',
      recordId: null,
    });
    expect(parse('add=drop&server=s&tool=t')).toBeNull();
    expect(parse('add=allow&server=s')).toBeNull();
  });
});
