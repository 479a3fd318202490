import { ConfigError, formatKeyPath, type KeyPathSegment } from './configError';

const ENV_REFERENCE = /\$\{env:([^}]*)\}/g;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Expands `${env:NAME}` in every string value (not in keys) of a parsed config. The raw file
 * keeps the reference; only the resolved config carries the value. An unset variable is an
 * error naming the key path and the variable.
 */
export function expandEnvReferences(
  value: unknown,
  env: Environment,
  path: KeyPathSegment[] = [],
): unknown {
  if (typeof value === 'string') return expandString(value, env, path);
  if (Array.isArray(value))
    return value.map((item, index) => expandEnvReferences(item, env, [...path, index]));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      out[key] = expandEnvReferences(item, env, [...path, key]);
    return out;
  }
  return value;
}

function expandString(text: string, env: Environment, path: KeyPathSegment[]): string {
  if (!text.includes('${env:')) return text;
  return text.replace(ENV_REFERENCE, (_match, name: string) => {
    if (!ENV_NAME.test(name)) {
      throw new ConfigError(
        `"\${env:${name}}" is not a valid environment variable reference; expected \${env:NAME} with NAME made of letters, digits and _`,
        formatKeyPath(path),
      );
    }
    const resolved = env[name];
    if (resolved === undefined) {
      throw new ConfigError(
        `environment variable ${name} is not set (referenced as \${env:${name}}); set it before starting Switchboard or replace the reference`,
        formatKeyPath(path),
      );
    }
    return resolved;
  });
}
