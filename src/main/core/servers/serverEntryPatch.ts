import type { ServerEntryInput } from '../../../shared/servers';

type RawEntry = Record<string, unknown>;

const STDIO_KEYS = ['command', 'args', 'env', 'cwd'];
const REMOTE_KEYS = ['url', 'headers'];

/**
 * Merges a PATCH into a raw server entry (JSON merge patch: `null` deletes a key). Setting one
 * key of an alias pair drops the other (`enabled`/`disabled`, `transport`/`type`), and switching
 * between stdio and remote drops the keys of the old kind, so the result stays one or the other.
 */
export function mergeServerEntry(
  current: RawEntry,
  patch: Partial<ServerEntryInput> | RawEntry,
): RawEntry {
  const next: RawEntry = { ...current };
  const given = (key: string): boolean =>
    Object.hasOwn(patch, key) && (patch as RawEntry)[key] !== undefined;
  if (given('enabled')) delete next.disabled;
  if (given('disabled')) delete next.enabled;
  if (given('transport')) delete next.type;
  if (given('type')) delete next.transport;
  const becomesRemote = given('url') && !given('command');
  const becomesStdio = given('command') && !given('url');
  if (becomesRemote) dropKeys(next, STDIO_KEYS, patch);
  if (becomesStdio) dropKeys(next, REMOTE_KEYS, patch);
  if ((becomesRemote || becomesStdio) && !given('transport') && !given('type')) {
    delete next.transport;
    delete next.type;
  }
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}

function dropKeys(entry: RawEntry, keys: string[], patch: object): void {
  for (const key of keys) if (!Object.hasOwn(patch, key)) delete entry[key];
}
