import { InvalidArgumentError } from 'commander';
import { UsageError } from './cliErrors';

const RELATIVE_AGE = /^(\d+)\s*(s|m|h|d|w)$/i;
const RFC3339 = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2}))?$/;
const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * `--since/--until`: RFC 3339 (`2026-01-31T12:00:00Z`, or a bare date meaning its UTC midnight)
 * or a relative age (`15m`, `24h`, `7d`) counted back from `now`. Returns RFC 3339 UTC.
 */
export function parseTimeArg(value: string, now: Date = new Date()): string {
  const trimmed = value.trim();
  const age = RELATIVE_AGE.exec(trimmed);
  if (age) {
    const ms = Number(age[1]) * (UNIT_MS[(age[2] ?? 's').toLowerCase()] ?? 1000);
    return new Date(now.getTime() - ms).toISOString();
  }
  if (RFC3339.test(trimmed)) {
    const time = Date.parse(trimmed.length === 10 ? `${trimmed}T00:00:00Z` : trimmed);
    if (!Number.isNaN(time)) return new Date(time).toISOString();
  }
  throw new UsageError(
    `expected an RFC 3339 time (2026-01-31T12:00:00Z) or a relative age (15m, 24h, 7d), got "${value}"`,
  );
}

export function parseIntInRange(value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(value.trim()))
    throw new UsageError(`expected an integer from ${min} to ${max}, got "${value}"`);
  const number = Number(value);
  if (number < min || number > max)
    throw new UsageError(`expected an integer from ${min} to ${max}, got ${number}`);
  return number;
}

/** `--env KEY=VALUE`, `--header "Authorization=Bearer x"` (also `Name: value` for headers). */
export function parseKeyValue(value: string): [string, string] {
  const match = /^([^=:\s]+)\s*[=:]\s?(.*)$/s.exec(value);
  if (!match) throw new UsageError(`expected KEY=VALUE, got "${value}"`);
  return [match[1] ?? '', match[2] ?? ''];
}

/** Comma-separated values of a fixed set: `--type tool_call,policy_decision`. */
export function parseChoiceList<T extends string>(value: string, allowed: readonly T[]): T[] {
  const values = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (values.length === 0) throw new UsageError(`expected one or more of ${allowed.join(', ')}`);
  for (const item of values) {
    if (!(allowed as readonly string[]).includes(item)) {
      throw new UsageError(`expected one of ${allowed.join(', ')}, got "${item}"`);
    }
  }
  return values as T[];
}

/** The export format a file name implies, or null when the extension says nothing. */
export function exportFormatFromPath(path: string): 'csv' | 'jsonl' | null {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson') || lower.endsWith('.json'))
    return 'jsonl';
  return null;
}

/** Adapts a parser that throws UsageError to commander, which then names the option in its message. */
export function optionParser<T>(parse: (value: string) => T): (value: string) => T {
  return (value) => {
    try {
      return parse(value);
    } catch (error) {
      if (error instanceof UsageError) throw new InvalidArgumentError(error.message);
      throw error;
    }
  };
}

/** For repeatable options: `--env A=1 --env B=2`. */
export function collectKeyValue(
  value: string,
  previous: Record<string, string> = {},
): Record<string, string> {
  const [key, item] = parseKeyValue(value);
  return { ...previous, [key]: item };
}
