/**
 * MCP tokens (SPEC 6). The secret is `swb_` + 32 random bytes in base64url, shown once; only its
 * SHA-256 is stored, and a presented secret is found by hashing it and looking the hash up (no
 * secret comparison happens, so no constant-time compare is needed).
 */
import { createHash, randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import type { CreatedMcpToken, McpTokenInfo } from '../../../shared/servers';
import type { SwitchboardDatabase } from '../db';
import type { TokenStore } from './contracts';

export const TOKEN_PREFIX = 'swb_';
export const MAX_TOKEN_NAME_LENGTH = 100;
/**
 * verify() is on the call path, so it touches no SQLite once a token is known: active tokens are
 * cached by hash (this process is the only writer: the data-dir lock), and last_used_at is kept
 * in memory and written by a timer at most this often, never while a call waits.
 */
const LAST_USED_FLUSH_MS = 1000;

interface TokenRow {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked: number;
}

export class TokenNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenNameError';
  }
}

export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

const toInfo = (row: TokenRow): McpTokenInfo => ({
  id: row.id,
  name: row.name,
  created_at: row.created_at,
  last_used_at: row.last_used_at,
  revoked: row.revoked === 1,
});

export function createTokenStore(
  db: SwitchboardDatabase,
  now: () => Date = () => new Date(),
  /** A timed write of last_used_at failed (another try is scheduled): for the log. */
  onFlushError: (error: unknown) => void = () => {},
): TokenStore {
  const { sqlite } = db;
  const insert = sqlite.prepare<[string, string, string, string]>(
    'INSERT INTO mcp_tokens (id, name, secret_hash, created_at) VALUES (?, ?, ?, ?)',
  );
  const activeByName = sqlite
    .prepare<[string], string>('SELECT id FROM mcp_tokens WHERE name = ? AND revoked = 0')
    .pluck();
  const all = sqlite.prepare<[], TokenRow>(
    'SELECT id, name, created_at, last_used_at, revoked FROM mcp_tokens ORDER BY created_at, id',
  );
  const revoke = sqlite.prepare<[string]>('UPDATE mcp_tokens SET revoked = 1 WHERE id = ?');
  const byHash = sqlite.prepare<[string], TokenRow>(
    'SELECT id, name, created_at, last_used_at, revoked FROM mcp_tokens WHERE secret_hash = ?',
  );
  const touch = sqlite.prepare<[string, string]>(
    'UPDATE mcp_tokens SET last_used_at = ? WHERE id = ?',
  );
  const active = new Map<string, TokenRow>();
  const unwrittenUse = new Map<string, string>();
  let flushTimer: NodeJS.Timeout | null = null;

  const writeUse = sqlite.transaction((uses: [string, string][]) => {
    for (const [id, at] of uses) touch.run(at, id);
  });
  function flush(): void {
    if (flushTimer !== null) clearTimeout(flushTimer);
    flushTimer = null;
    // Closed with uses unwritten (a test's database, or a close that skipped flush): nothing to do.
    if (unwrittenUse.size === 0 || !sqlite.open) return;
    const uses = [...unwrittenUse];
    unwrittenUse.clear();
    try {
      writeUse(uses);
    } catch (error) {
      // Kept for the next try (a newer use of the same token wins), which the timer makes.
      for (const [id, at] of uses) if (!unwrittenUse.has(id)) unwrittenUse.set(id, at);
      scheduleFlush();
      throw error;
    }
  }
  function scheduleFlush(): void {
    if (flushTimer !== null) return;
    flushTimer = setTimeout(() => {
      flushTimer = null;
      try {
        flush();
      } catch (error) {
        // The write lock stayed busy or the disk refused: last_used_at is bookkeeping, and a
        // timer must not throw; flush() has scheduled the next try.
        onFlushError(error);
      }
    }, LAST_USED_FLUSH_MS);
    flushTimer.unref();
  }
  function noteUse(row: TokenRow): void {
    row.last_used_at = now().toISOString();
    unwrittenUse.set(row.id, row.last_used_at);
    scheduleFlush();
  }

  return {
    create(name) {
      const trimmed = typeof name === 'string' ? name.trim() : '';
      if (trimmed.length === 0 || trimmed.length > MAX_TOKEN_NAME_LENGTH) {
        throw new TokenNameError(
          `token name: expected 1 to ${MAX_TOKEN_NAME_LENGTH} characters naming the agent (e.g. "Claude Desktop"), got ${JSON.stringify(name)}`,
        );
      }
      if (activeByName.get(trimmed) !== undefined) {
        throw new TokenNameError(
          `token name: a token named "${trimmed}" already exists; revoke it first or choose another name`,
        );
      }
      const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
      const created: CreatedMcpToken = {
        id: ulid(),
        name: trimmed,
        created_at: now().toISOString(),
        token,
      };
      insert.run(created.id, created.name, hashTokenSecret(token), created.created_at);
      return created;
    },
    list: () =>
      all
        .all()
        .map((row) =>
          toInfo({ ...row, last_used_at: unwrittenUse.get(row.id) ?? row.last_used_at }),
        ),
    revoke(id) {
      for (const [hash, row] of active) if (row.id === id) active.delete(hash);
      return revoke.run(id).changes > 0;
    },
    verify(secret) {
      if (typeof secret !== 'string' || !secret.startsWith(TOKEN_PREFIX)) return null;
      const hash = hashTokenSecret(secret);
      let row = active.get(hash);
      if (row === undefined) {
        const stored = byHash.get(hash);
        if (!stored || stored.revoked === 1) return null;
        row = stored;
        active.set(hash, row);
      }
      noteUse(row);
      return toInfo(row);
    },
    flush,
  };
}
