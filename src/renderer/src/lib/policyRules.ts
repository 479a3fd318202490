/** Editing the ordered policy list before it is saved; the API has the final word on validity. */
import type { PolicyRule } from '../../../shared/servers';

export function moveRule(rules: PolicyRule[], index: number, by: -1 | 1): PolicyRule[] {
  const target = index + by;
  if (index < 0 || index >= rules.length || target < 0 || target >= rules.length) return rules;
  const next = [...rules];
  const [rule] = next.splice(index, 1);
  if (rule) next.splice(target, 0, rule);
  return next;
}

/** Emptied in the editor; an absent glob (a saved rule) means `*` and was chosen on purpose. */
const isBlank = (glob: string | undefined): boolean => glob !== undefined && glob.trim() === '';

/**
 * Problems the editor can point at before a round trip: a missing or repeated id, and a block or
 * ask rule with neither server nor tool filled in, which would hold every call (typing `*` says
 * that is meant).
 */
export function localRuleProblems(rules: PolicyRule[]): Map<number, string> {
  const problems = new Map<number, string>();
  const seen = new Map<string, number>();
  rules.forEach((rule, index) => {
    const id = rule.id.trim();
    if (!id) problems.set(index, 'Give the rule an id (it appears in block messages).');
    else if (seen.has(id))
      problems.set(index, `The id "${id}" is already used by rule ${(seen.get(id) ?? 0) + 1}.`);
    else seen.set(id, index);
    if (
      !problems.has(index) &&
      rule.effect !== 'allow' &&
      isBlank(rule.server) &&
      isBlank(rule.tool)
    )
      problems.set(
        index,
        `Fill in a server or a tool: empty, this rule would ${rule.effect === 'ask' ? 'ask about' : 'block'} every call (type * if that is meant).`,
      );
  });
  return problems;
}

/** Drops empty optional fields so the saved config stays as short as a hand-written one. */
export function cleanRule(rule: PolicyRule): PolicyRule {
  const clean: PolicyRule = { id: rule.id.trim(), effect: rule.effect };
  if (rule.server && rule.server.trim() && rule.server.trim() !== '*')
    clean.server = rule.server.trim();
  if (rule.tool && rule.tool.trim() && rule.tool.trim() !== '*') clean.tool = rule.tool.trim();
  if (rule.arguments && Object.keys(rule.arguments).length > 0) clean.arguments = rule.arguments;
  if (rule.reason && rule.reason.trim()) clean.reason = rule.reason.trim();
  return clean;
}

/** What "Add rule" adds: nothing matched yet, so saving it at once cannot block every call. */
export function newRule(rules: PolicyRule[]): PolicyRule {
  return { id: newRuleId(rules), effect: 'block', server: '', tool: '', reason: '' };
}

/**
 * A rule for one server's tool, from a record: first in the order, since the first match decides
 * and a rule this narrow is meant to win over broader ones.
 */
export function ruleForTool(
  rules: PolicyRule[],
  effect: PolicyRule['effect'],
  server: string,
  tool: string,
): PolicyRule[] {
  const reason =
    effect === 'block' ? 'Blocked from a record' : effect === 'ask' ? 'Asks a person' : '';
  const id = newRuleId(rules).replace(/^rule/, `${effect}-${tool}`.replace(/[^A-Za-z0-9_-]/g, '-'));
  return [{ id, effect, server, tool, reason }, ...rules];
}

export function newRuleId(rules: PolicyRule[]): string {
  const ids = new Set(rules.map((rule) => rule.id));
  for (let n = rules.length + 1; ; n++) {
    const id = `rule-${n}`;
    if (!ids.has(id)) return id;
  }
}
