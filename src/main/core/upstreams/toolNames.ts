/**
 * Exposed names of upstream tools and prompts (SPEC 3): `<server>__<tool>`, shortened
 * deterministically past 64 characters (cut + short hash of the full name). Pure.
 */
import { createHash } from 'node:crypto';

/** Most MCP clients reject tool names longer than this. */
export const MAX_EXPOSED_NAME_LENGTH = 64;
export const NAME_SEPARATOR = '__';
const HASH_LENGTH = 8;

export interface UpstreamName {
  server: string;
  /** The original (upstream) tool or prompt name. */
  name: string;
}

export function exposeName(server: string, name: string): string {
  const full = `${server}${NAME_SEPARATOR}${name}`;
  if (full.length <= MAX_EXPOSED_NAME_LENGTH) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, HASH_LENGTH);
  return `${full.slice(0, MAX_EXPOSED_NAME_LENGTH - HASH_LENGTH - 1)}_${hash}`;
}

/**
 * Splits an unshortened exposed name at its first `__` (server names may not contain `__`).
 * Shortened names cannot be split: look them up in an ExposedNameIndex.
 */
export function splitExposedName(exposed: string): UpstreamName | null {
  const at = exposed.indexOf(NAME_SEPARATOR);
  if (at <= 0 || at + NAME_SEPARATOR.length >= exposed.length) return null;
  return { server: exposed.slice(0, at), name: exposed.slice(at + NAME_SEPARATOR.length) };
}

/** Maps exposed names back to server and original name, for the names it was built from. */
export class ExposedNameIndex {
  private readonly byExposed = new Map<string, UpstreamName>();

  add(server: string, name: string): string {
    const exposed = exposeName(server, name);
    this.byExposed.set(exposed, { server, name });
    return exposed;
  }

  /** Known names first; otherwise an unshortened name is split (e.g. a server that is down). */
  resolve(exposed: string): UpstreamName | null {
    const known = this.byExposed.get(exposed);
    if (known) return known;
    if (exposed.length > MAX_EXPOSED_NAME_LENGTH) return null;
    return splitExposedName(exposed);
  }

  get size(): number {
    return this.byExposed.size;
  }
}
