const MASK = '••••';

/**
 * How `env` and `headers` values are shown outside the process (SPEC 2): `••••59`, the last two
 * characters as a hint. Values under 8 characters are fully masked, since two of them would give
 * away too much.
 */
export function maskSecret(value: string): string {
  if (value.length < 8) return MASK;
  return MASK + value.slice(-2);
}

export function maskSecrets(values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, maskSecret(value)]));
}
