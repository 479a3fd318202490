import { z } from 'zod';
import type { PolicyRule } from '../../../shared/servers';
import {
  ConfigError,
  configErrorFromZod,
  formatKeyPath,
  type KeyPathSegment,
} from '../config/configError';
import { parseJsonPath } from './jsonPath';

/** The rule id quarantine decisions carry; a rule may not take it. */
export const QUARANTINE_POLICY_ID = 'quarantine';
/** The rule id of a call blocked because its tool changed since it was approved (SPEC 11). */
export const TOOL_PIN_POLICY_ID = 'tool_pin';

export const policyRuleSchema = z.strictObject({
  id: z.string().trim().min(1),
  effect: z.enum(['allow', 'block', 'ask']),
  server: z.string().min(1).optional(),
  tool: z.string().min(1).optional(),
  arguments: z.record(z.string().min(1), z.string()).optional(),
  reason: z.string().optional(),
});

export const policyRulesSchema = z.array(policyRuleSchema);

/** `/regex/flags` as a matcher value; anything else is a glob. */
export function parseRegexMatcher(value: string): RegExp | null {
  const match = /^\/(.+)\/([a-z]*)$/s.exec(value);
  if (!match) return null;
  return new RegExp(match[1] ?? '', match[2]);
}

/**
 * Validates a rule list (from the config file or `PUT /api/v1/policies`). Refuses duplicate ids,
 * bad regexes and bad JSON paths with the rule index and key path named.
 */
export function validatePolicyRules(
  input: unknown,
  basePath: readonly KeyPathSegment[] = ['policies'],
): PolicyRule[] {
  const parsed = policyRulesSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw configErrorFromZod(parsed.error, basePath);
  const rules = parsed.data;
  const seen = new Map<string, number>();
  rules.forEach((rule, index) => {
    const at = (...rest: KeyPathSegment[]): string => formatKeyPath([...basePath, index, ...rest]);
    if (rule.id === QUARANTINE_POLICY_ID) {
      throw new ConfigError(
        `"${QUARANTINE_POLICY_ID}" is reserved for quarantined servers; choose another id`,
        at('id'),
      );
    }
    if (rule.id === TOOL_PIN_POLICY_ID) {
      throw new ConfigError(
        `"${TOOL_PIN_POLICY_ID}" is reserved for tools whose definition changed; choose another id`,
        at('id'),
      );
    }
    const first = seen.get(rule.id);
    if (first !== undefined) {
      throw new ConfigError(
        `duplicate id "${rule.id}" (already used by ${formatKeyPath([...basePath, first])}); ids must be unique`,
        at('id'),
      );
    }
    seen.set(rule.id, index);
    for (const [path, matcher] of Object.entries(rule.arguments ?? {})) {
      try {
        parseJsonPath(path);
      } catch (error) {
        throw new ConfigError(
          `${(error as Error).message}; expected a JSON path like "path", "options.mode" or "$.items[0].name"`,
          at('arguments', path),
        );
      }
      try {
        parseRegexMatcher(matcher);
      } catch (error) {
        throw new ConfigError(
          `invalid regex ${matcher}: ${(error as Error).message}`,
          at('arguments', path),
        );
      }
    }
  });
  return rules.map(stripUndefined);
}

function stripUndefined(rule: PolicyRule): PolicyRule {
  return Object.fromEntries(
    Object.entries(rule).filter(([, value]) => value !== undefined),
  ) as unknown as PolicyRule;
}
