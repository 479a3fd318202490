/**
 * Suggestions for the Activity tool filter: every tool the servers list, and a `prefix*` glob
 * for each name prefix (up to `_`, `.`, `-` or `/`) that two or more tools share.
 */
export function toolSuggestions(names: Iterable<string>): string[] {
  const tools = [...new Set(names)].sort();
  const prefixes = new Map<string, number>();
  for (const name of tools) {
    const match = /^(.+?[_.\-/])./.exec(name);
    if (match?.[1]) prefixes.set(match[1], (prefixes.get(match[1]) ?? 0) + 1);
  }
  const globs = [...prefixes]
    .filter(([, count]) => count > 1)
    .map(([prefix]) => `${prefix}*`)
    .sort();
  return [...globs, ...tools];
}
