import type { z } from 'zod';

export type KeyPathSegment = string | number | symbol;

/**
 * Every invalid config, policy list or server entry surfaces as a ConfigError whose message
 * names the file (when there is one), the key path and what was expected:
 * `/home/me/.switchboard/mcp_config.json: mcpServers.github.command: expected a string, got a number`.
 */
export class ConfigError extends Error {
  constructor(
    message: string,
    /** e.g. `mcpServers.github.command`; empty for the file as a whole. */
    readonly keyPath: string = '',
    readonly file: string | null = null,
  ) {
    super(ConfigError.compose(file, keyPath, message));
    this.name = 'ConfigError';
  }

  /** The same problem, now attributed to a file (the store knows the path, validators do not). */
  inFile(file: string): ConfigError {
    if (this.file !== null) return this;
    return new ConfigError(this.detail, this.keyPath, file);
  }

  /** The message without the file and key path. */
  get detail(): string {
    const prefix = ConfigError.compose(this.file, this.keyPath, '');
    return this.message.slice(prefix.length);
  }

  private static compose(file: string | null, keyPath: string, message: string): string {
    return (
      [file, keyPath].filter((part) => part !== null && part !== '').join(': ') +
      (file || keyPath ? ': ' : '') +
      message
    );
  }
}

const IDENTIFIER = /^[A-Za-z0-9_-]+$/;

/** `mcpServers.github.env.TOKEN`, `policies[2].arguments["options.mode"]`. */
export function formatKeyPath(segments: readonly KeyPathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'symbol') out += `[${String(segment)}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** "a string", "a number", "null", "an array" — how a received value is described. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'string') return value.length > 40 ? 'a string' : `"${value}"`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'undefined') return 'nothing';
  return `a ${typeof value}`;
}

const EXPECTED_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
};

/** Turns a zod issue into our wording: what was expected, what was found. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const input = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
      if (input === undefined) return `missing; expected ${expected}`;
      if (issue.expected === 'int' && typeof input === 'number')
        return `expected an integer, got ${input}`;
      return `expected ${expected}, got ${describeType(input)}`;
    }
    case 'too_small':
      if (issue.origin === 'string') {
        return issue.minimum === 1
          ? 'expected a non-empty string'
          : `expected at least ${issue.minimum} characters`;
      }
      return `expected ${issue.origin === 'array' ? 'at least ' + String(issue.minimum) + ' items' : 'a value >= ' + String(issue.minimum)}, got ${describeValue(input)}`;
    case 'too_big':
      if (issue.origin === 'string') return `expected at most ${issue.maximum} characters`;
      return `expected a value <= ${String(issue.maximum)}, got ${describeValue(input)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(input)}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return issue.message;
  }
}

/** The first issue of a failed parse as a ConfigError (the others usually follow from it). */
export function configErrorFromZod(
  error: z.ZodError,
  basePath: readonly KeyPathSegment[] = [],
): ConfigError {
  const issue = error.issues[0];
  if (issue === undefined) return new ConfigError('invalid', formatKeyPath(basePath));
  if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) {
    const key = issue.keys[0] ?? '';
    return new ConfigError('unknown key', formatKeyPath([...basePath, ...issue.path, key]));
  }
  return new ConfigError(describeIssue(issue), formatKeyPath([...basePath, ...issue.path]));
}
