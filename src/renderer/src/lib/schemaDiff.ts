/**
 * A structural diff of two JSON values (a tool's schemas, annotations and title): objects are
 * compared key by key at any depth, so a new property or a changed `required` list is one row
 * with its path rather than a wall of changed text. Arrays and scalars compare as whole values.
 */

export type SchemaChange = 'added' | 'removed' | 'changed' | 'same';

export interface SchemaDiffRow {
  /** `inputSchema.properties.context`; `$` for the root. */
  path: string;
  change: SchemaChange;
  /** JSON text of each side; absent where the key is absent. */
  pinned?: string;
  current?: string;
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string): string {
  const part = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
  return path === '' ? part : /^[A-Za-z_$]/.test(part) ? `${path}.${part}` : `${path}[${part}]`;
}

function text(value: Json): string {
  return JSON.stringify(value, null, 2) ?? 'undefined';
}

export function schemaDiff(pinned: Json, current: Json, path = ''): SchemaDiffRow[] {
  if (isObject(pinned) && isObject(current)) {
    const keys = [...Object.keys(pinned)];
    for (const key of Object.keys(current)) if (!Object.hasOwn(pinned, key)) keys.push(key);
    return keys.flatMap((key) => {
      const at = join(path, key);
      if (!Object.hasOwn(current, key))
        return [{ path: at, change: 'removed' as const, pinned: text(pinned[key]) }];
      if (!Object.hasOwn(pinned, key))
        return [{ path: at, change: 'added' as const, current: text(current[key]) }];
      return schemaDiff(pinned[key], current[key], at);
    });
  }
  const before = text(pinned);
  const after = text(current);
  return [
    {
      path: path || '$',
      change: before === after ? 'same' : 'changed',
      pinned: before,
      current: after,
    },
  ];
}
