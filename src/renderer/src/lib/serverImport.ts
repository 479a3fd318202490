/**
 * Reading a Claude Desktop / Cursor / VS Code config that a user pastes or picks, before it is
 * sent server by server. Errors say what was wrong with the text, so the user can fix it.
 */
import type { ServerEntryInput } from '../../../shared/servers';

export const SERVER_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function serverNameProblem(name: string): string | null {
  if (!SERVER_NAME_PATTERN.test(name)) {
    return `"${name}" is not a valid server name: use 1-64 letters, digits, "_" or "-".`;
  }
  if (name.includes('__'))
    return `"${name}" contains "__", which Switchboard uses to join server and tool names.`;
  return null;
}

/**
 * A name Switchboard accepts for one that another client allowed (Claude Desktop takes spaces):
 * every other character becomes "-", "__" becomes "_", cut to 64; `taken` names are avoided.
 */
export function fixServerName(name: string, taken: ReadonlySet<string> = new Set()): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/_{2,}/g, '_')
      .replace(/^[-_]+|[-_]+$/g, '')
      .slice(0, 64) || 'server';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, 64 - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export interface ImportedServer {
  /** The name in the pasted file. */
  name: string;
  entry: ServerEntryInput;
  /** Why `name` cannot be used here, or null. */
  problem: string | null;
  /** `name` when it is valid, else a fixed one the user can change. */
  suggested: string;
}

export type ParsedImport = { ok: true; servers: ImportedServer[] } | { ok: false; error: string };

export function parseServerImport(text: string): ParsedImport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `The config is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, error: 'The config must be a JSON object with an "mcpServers" map.' };
  }
  const root = parsed as Record<string, unknown>;
  const map = root.mcpServers ?? root.servers;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    return {
      ok: false,
      error: 'No "mcpServers" map found: paste the whole claude_desktop_config.json or mcp.json.',
    };
  }
  const servers: ImportedServer[] = [];
  const names = Object.keys(map as Record<string, unknown>);
  const taken = new Set(names.filter((name) => serverNameProblem(name) === null));
  for (const [name, entry] of Object.entries(map as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      return {
        ok: false,
        error: `mcpServers.${name}: expected an object with "command" or "url".`,
      };
    }
    const record = entry as Record<string, unknown>;
    if (typeof record.command !== 'string' && typeof record.url !== 'string') {
      return { ok: false, error: `mcpServers.${name}: needs "command" (stdio) or "url" (remote).` };
    }
    const problem = serverNameProblem(name);
    const suggested = problem === null ? name : fixServerName(name, taken);
    taken.add(suggested);
    servers.push({ name, entry: record as ServerEntryInput, problem, suggested });
  }
  if (servers.length === 0) return { ok: false, error: 'The "mcpServers" map is empty.' };
  return { ok: true, servers };
}

/**
 * The config to send: entries under the names the user chose, skipped ones left out. An error
 * names the first chosen name that is still invalid or used twice.
 */
export function importPayload(
  servers: readonly ImportedServer[],
  chosen: ReadonlyMap<string, string | null>,
): { ok: true; json: string; count: number } | { ok: false; error: string } {
  const out: Record<string, ServerEntryInput> = {};
  for (const server of servers) {
    const target = chosen.has(server.name) ? chosen.get(server.name) : server.suggested;
    if (target === null || target === undefined) continue;
    const problem = serverNameProblem(target);
    if (problem) return { ok: false, error: `${JSON.stringify(server.name)}: ${problem}` };
    if (Object.hasOwn(out, target)) {
      return { ok: false, error: `"${target}" is chosen for two servers: rename one of them.` };
    }
    out[target] = server.entry;
  }
  const count = Object.keys(out).length;
  if (count === 0) return { ok: false, error: 'Every server is skipped: nothing to import.' };
  return { ok: true, json: JSON.stringify({ mcpServers: out }), count };
}

/** Splits a command line the way a shell would for simple quoting: `node "my dir/x.js" --flag`. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  let started = false;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = null;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (/\s/.test(char)) {
      if (started) words.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) words.push(current);
  return words;
}

/** `KEY=value` lines (env, headers as `Name: value`) into a map; blank lines are skipped. */
export function parseKeyValueLines(
  text: string,
  separator: '=' | ':',
): { ok: true; values: Record<string, string> } | { ok: false; error: string } {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf(separator);
    if (at <= 0) {
      return { ok: false, error: `Line ${index + 1} ("${line}"): expected NAME${separator}value.` };
    }
    values[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return { ok: true, values };
}
