/**
 * "Block this tool", "Ask before this tool", "Allow this tool" (SPEC 10, rules from a record): the
 * record detail panel and the desktop's blocked-call and approval notifications open the rule
 * editor with one of these prefilled. Pure.
 */
import type { PolicyEffect } from './servers';

export const RULE_FROM_RECORD_CHOICES: readonly { effect: PolicyEffect; label: string }[] = [
  { effect: 'block', label: 'Block this tool' },
  { effect: 'ask', label: 'Ask before this tool' },
  { effect: 'allow', label: 'Allow this tool' },
];

/** What the rule editor opens with. */
export interface RuleFromRecordRequest {
  effect: PolicyEffect;
  server: string;
  tool: string;
  /**
   * The record whose arguments the editor offers as a condition. A held call's approval id is the
   * id its record will have, so an approval's request names it too.
   */
  recordId: string;
}
