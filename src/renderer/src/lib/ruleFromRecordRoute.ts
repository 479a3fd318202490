/**
 * The Policies view's address for a rule from a record:
 * `#/policies?add=block|ask|allow&server=S&tool=T&record=ID`. A reload keeps it until the rule is
 * added to the draft.
 */
import type { RuleFromRecordRequest } from '../../../shared/ruleFromRecord';
import type { PolicyEffect } from '../../../shared/servers';
import { formatHash } from './hashRoute';

export interface RuleFromRecordRoute {
  effect: PolicyEffect;
  server: string;
  tool: string;
  /** Absent in an address typed or kept from before records were named. */
  recordId: string | null;
}

export function ruleFromRecordParams(request: RuleFromRecordRequest): URLSearchParams {
  const { effect, server, tool, recordId } = request;
  return new URLSearchParams({ add: effect, server, tool, record: recordId });
}

export function ruleFromRecordHash(request: RuleFromRecordRequest): string {
  return formatHash('policies', ruleFromRecordParams(request));
}

export function parseRuleFromRecordParams(params: URLSearchParams): RuleFromRecordRoute | null {
  const effect = params.get('add');
  const server = params.get('server');
  const tool = params.get('tool');
  if (effect !== 'block' && effect !== 'ask' && effect !== 'allow') return null;
  if (server === null || tool === null) return null;
  return { effect, server, tool, recordId: params.get('record') };
}
