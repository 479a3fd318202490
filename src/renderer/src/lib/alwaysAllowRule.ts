/**
 * "Always allow this tool" (SPEC 10): an `allow` rule for the approval's server and tool, placed
 * directly above the `ask` rule that held the call, so that rule no longer matches it. Pure.
 */
import type { PendingApproval } from '../../../shared/approvals';
import type { PolicyRule } from '../../../shared/servers';

export interface PlacedRule {
  rules: PolicyRule[];
  rule: PolicyRule;
  /** Where the rule landed in the order (0-based). */
  index: number;
}

export function uniqueRuleId(rules: readonly PolicyRule[], base: string): string {
  const taken = new Set(rules.map((rule) => rule.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export function withAlwaysAllowRule(
  rules: readonly PolicyRule[],
  approval: Pick<PendingApproval, 'server_name' | 'tool_name' | 'policy_id'>,
): PlacedRule {
  const rule: PolicyRule = {
    id: uniqueRuleId(rules, `allow-${approval.server_name}-${approval.tool_name}`),
    effect: 'allow',
    server: approval.server_name,
    tool: approval.tool_name,
    reason: 'Always allowed from an approval',
  };
  const askAt = rules.findIndex((candidate) => candidate.id === approval.policy_id);
  const index = askAt < 0 ? 0 : askAt;
  return { rules: [...rules.slice(0, index), rule, ...rules.slice(index)], rule, index };
}
