import picomatch from 'picomatch';
import type { PolicyRule } from '../../../shared/servers';
import { compileNameGlob } from '../../../shared/nameGlob';
import type { PolicyCall, PolicyDecision, PolicyEngine } from './contracts';
import { selectJsonPath, parseJsonPath, type JsonPathSegment } from './jsonPath';
import { toolPinBlockReason } from '../../../shared/toolPins';
import {
  QUARANTINE_POLICY_ID,
  TOOL_PIN_POLICY_ID,
  parseRegexMatcher,
  validatePolicyRules,
} from './policySchema';

type Test = (text: string) => boolean;

interface ArgumentMatcher {
  path: JsonPathSegment[];
  test: Test;
}

interface CompiledRule {
  rule: PolicyRule;
  server: Test | null;
  tool: Test | null;
  arguments: ArgumentMatcher[];
  blockReason: string;
}

const ALLOW_BY_DEFAULT: PolicyDecision = Object.freeze({
  effect: 'allow',
  policy_id: null,
  reason: null,
});

/**
 * Compiles the rules once (globs, regexes, JSON paths) so `evaluate` on the call path only runs
 * matchers. The first rule whose server, tool and argument matchers all match decides; no match
 * allows (SPEC 4). Throws ConfigError for an invalid list, naming the rule and key.
 */
export function createPolicyEngine(rules: readonly PolicyRule[]): PolicyEngine {
  const valid = validatePolicyRules(rules);
  const compiled = valid.map(compileRule);
  return {
    rules: Object.freeze(valid),
    evaluate(call: PolicyCall): PolicyDecision {
      if (call.quarantined) {
        return {
          effect: 'block',
          policy_id: QUARANTINE_POLICY_ID,
          reason: `Server "${call.server}" is quarantined`,
        };
      }
      // SPEC 4: quarantine, then tool_pin, then the user's rules.
      if (call.toolPinChanged === true) {
        return {
          effect: 'block',
          policy_id: TOOL_PIN_POLICY_ID,
          reason: toolPinBlockReason(call.server, call.tool),
        };
      }
      for (const candidate of compiled) {
        if (!matches(candidate, call)) continue;
        if (candidate.rule.effect === 'block') {
          return { effect: 'block', policy_id: candidate.rule.id, reason: candidate.blockReason };
        }
        if (candidate.rule.effect === 'ask') {
          return {
            effect: 'ask',
            policy_id: candidate.rule.id,
            reason: candidate.rule.reason ?? null,
          };
        }
        return {
          effect: 'allow',
          policy_id: candidate.rule.id,
          reason: candidate.rule.reason ?? null,
        };
      }
      return ALLOW_BY_DEFAULT;
    },
  };
}

function compileRule(rule: PolicyRule): CompiledRule {
  return {
    rule,
    server: compileNameGlob(rule.server),
    tool: compileNameGlob(rule.tool),
    arguments: Object.entries(rule.arguments ?? {}).map(([path, matcher]) => ({
      path: parseJsonPath(path),
      test: compileValueMatcher(matcher),
    })),
    blockReason: rule.reason ?? 'No reason given',
  };
}

/**
 * Argument values are not file names: `*` matches any characters, `/` included (picomatch's
 * bash mode), so `*.env` matches `/app/.env` and `*DROP TABLE*` matches any SQL containing it.
 */
function compileValueMatcher(matcher: string): Test {
  const regex = parseRegexMatcher(matcher);
  if (regex !== null) {
    return (text) => {
      regex.lastIndex = 0;
      return regex.test(text);
    };
  }
  return picomatch(matcher, { dot: true, bash: true });
}

function matches(candidate: CompiledRule, call: PolicyCall): boolean {
  if (candidate.server !== null && !candidate.server(call.server)) return false;
  if (candidate.tool !== null && !candidate.tool(call.tool)) return false;
  for (const matcher of candidate.arguments) {
    const values = selectJsonPath(call.arguments ?? {}, matcher.path);
    if (!values.some((value) => matcher.test(valueText(value)))) return false;
  }
  return true;
}

/** Strings match as they are; anything else on its JSON text (`42`, `true`, `{"a":1}`). */
function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? 'null';
}
