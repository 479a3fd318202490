/**
 * Limits on untrusted JSON, checked before any recursive walk (redaction, policy matchers,
 * config validation, JSON.stringify of a record) can overflow the stack on it (SPEC 3: arguments
 * nested deeper than 64 levels are refused). The walk itself keeps an explicit stack.
 */

/** SPEC 3: the deepest nesting a tools/call's arguments (or a REST body) may have. */
export const MAX_JSON_DEPTH = 64;

/**
 * How deep `value` nests (a scalar is 0, `{}` and `[]` are 1), or `limit + 1` as soon as it is
 * known to be deeper than `limit`: the walk stops there, so a hostile value costs at most one
 * pass over what lies within the limit.
 */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  if (typeof value !== 'object' || value === null) return 0;
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return limit + 1;
    const children = Array.isArray(current) ? current : Object.values(current as object);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

export function exceedsJsonDepth(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  return jsonDepth(value, limit) > limit;
}

/** The sentence a 400 / -32602 carries, naming the limit. */
export function jsonDepthMessage(what: string, limit = MAX_JSON_DEPTH): string {
  return `${what}: JSON nested deeper than ${limit} levels; Switchboard accepts at most ${limit}.`;
}
