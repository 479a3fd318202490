/**
 * "Optionally this argument" (SPEC 10, rules from a record): the arguments of a recorded call a
 * person can pick as a rule's condition, each as a policy argument matcher (SPEC 4: JSON path ->
 * glob or /regex/) that matches exactly that value.
 */

/** What the log writes for a secret (core's redaction): such a value cannot be matched. */
const REDACTED = '[REDACTED]';
const MAX_DEPTH = 3;
const MAX_CONDITIONS = 20;

export interface ArgumentCondition {
  /** The JSON path policy rules use: `path`, `options.mode`, `$['odd.key']`. */
  path: string;
  /** The value as the policy engine compares it: strings as they are, others as JSON. */
  value: string;
  /** Glob or /regex/ matching exactly `value`. */
  matcher: string;
}

/** Plain text a glob matches only as itself (picomatch's bash mode: no wildcard, no class). */
const LITERAL_GLOB = /^[A-Za-z0-9 _.,:;=#%&'"<>~`-][A-Za-z0-9 _.,:;=#%&'"<>~`/-]*$/;

/** Path forms picomatch normalizes (`./a` matches `a`): such a value is matched as a regex. */
const PATH_SHORTHAND = /^\.|\/\.|\/\//;

const CONTROL_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A matcher for exactly `value`: the value itself when it is plain text, otherwise an anchored
 * regex (a leading `/` would read as a regex, `*` or `[` as a glob), kept on one line so the
 * editor's one-matcher-per-line field shows it whole.
 */
export function exactMatcher(value: string): string {
  if (LITERAL_GLOB.test(value) && value.trim() === value && !PATH_SHORTHAND.test(value))
    return value;
  const escaped = value
    .replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    .replace(/[\n\r\t]/g, (char) => CONTROL_ESCAPES[char] ?? char);
  return `/^${escaped}$/`;
}

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function childPath(parent: string | null, key: string): string | null {
  if (SIMPLE_KEY.test(key)) return parent === null ? key : `${parent}.${key}`;
  if (key.includes("'") || key.includes(']')) return null;
  return `${parent ?? '$'}['${key}']`;
}

/**
 * Every scalar argument (objects are walked; arrays, whose order rarely means anything to a rule,
 * are not), in the order the agent sent them. Redacted values are left out.
 */
export function argumentConditions(args: Record<string, unknown> | null): ArgumentCondition[] {
  const conditions: ArgumentCondition[] = [];
  const walk = (value: unknown, path: string, depth: number): void => {
    if (conditions.length >= MAX_CONDITIONS || Array.isArray(value)) return;
    if (value !== null && typeof value === 'object') {
      if (depth >= MAX_DEPTH) return;
      for (const [key, child] of Object.entries(value)) {
        const next = childPath(path, key);
        if (next !== null) walk(child, next, depth + 1);
      }
      return;
    }
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (text === undefined || text.includes(REDACTED)) return;
    conditions.push({ path, value: text, matcher: exactMatcher(text) });
  };
  for (const [key, value] of Object.entries(args ?? {})) {
    const path = childPath(null, key);
    if (path !== null) walk(value, path, 1);
  }
  return conditions;
}
