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

/** Maps exposed names back to server and original name, for the names it was built from. */
export class ExposedNameIndex {
  private readonly byExposed = new Map<string, UpstreamName>();

  add(server: string, name: string): string {
    const exposed = exposeName(server, name);
    this.byExposed.set(exposed, { server, name });
    return exposed;
  }

  /**
   * Only names it was built from, byte for byte (SPEC 3: routing is exact). Splitting any
   * `<server>__<x>` would forward spellings the upstream never listed (`s__TOUCH`), which a
   * server that matches names loosely runs past a rule written for `touch`.
   */
  resolve(exposed: string): UpstreamName | null {
    return this.byExposed.get(exposed) ?? null;
  }

  get size(): number {
    return this.byExposed.size;
  }
}
