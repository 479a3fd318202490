/** `[*]` or `.*`: any element of an array or any value of an object. */
export const ANY = Symbol('any');
export type JsonPathSegment = string | number | typeof ANY;

/**
 * Parses the argument paths policy rules use: `path`, `options.mode`, `$.items[0].name`,
 * `$['key.with.dots']`, `files[*].path`. Throws an Error saying what is wrong and where.
 */
export function parseJsonPath(text: string): JsonPathSegment[] {
  const segments: JsonPathSegment[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`invalid JSON path "${text}" at character ${i + 1}: ${why}`);
  };
  if (text.startsWith('$')) {
    i = 1;
  } else {
    i = readName(text, 0);
    if (i === 0) fail('expected a key name');
    segments.push(text.slice(0, i));
  }
  while (i < text.length) {
    const char = text[i];
    if (char === '.') {
      if (text[i + 1] === '*') {
        segments.push(ANY);
        i += 2;
        continue;
      }
      const end = readName(text, i + 1);
      if (end === i + 1) fail('expected a key name after "."');
      segments.push(text.slice(i + 1, end));
      i = end;
    } else if (char === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) fail('missing "]"');
      const inner = text.slice(i + 1, close).trim();
      if (inner === '*') segments.push(ANY);
      else if (/^\d+$/.test(inner)) segments.push(Number(inner));
      else if (/^'[^']*'$/.test(inner) || /^"[^"]*"$/.test(inner))
        segments.push(inner.slice(1, -1));
      else fail("expected [number], [*] or ['key']");
      i = close + 1;
    } else {
      fail('expected "." or "["');
    }
  }
  if (segments.length === 0) fail('the path names no key');
  return segments;
}

function readName(text: string, start: number): number {
  let end = start;
  while (end < text.length && text[end] !== '.' && text[end] !== '[') end++;
  return end;
}

/** Every value the path reaches (several with a wildcard); none when it leads nowhere. */
export function selectJsonPath(root: unknown, segments: readonly JsonPathSegment[]): unknown[] {
  let current: unknown[] = [root];
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || typeof value !== 'object') continue;
      if (segment === ANY) {
        next.push(...(Array.isArray(value) ? value : Object.values(value)));
      } else if (Array.isArray(value)) {
        if (typeof segment === 'number' && segment < value.length) next.push(value[segment]);
      } else {
        const key = String(segment);
        if (Object.hasOwn(value, key)) next.push((value as Record<string, unknown>)[key]);
      }
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}
