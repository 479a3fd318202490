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
/** verify() is on the call path: last_used_at is written at most this often per token. */
const LAST_USED_RESOLUTION_MS = 1000;

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
  const lastWrite = new Map<string, number>();

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
    list: () => all.all().map(toInfo),
    revoke: (id) => revoke.run(id).changes > 0,
    verify(secret) {
      if (typeof secret !== 'string' || !secret.startsWith(TOKEN_PREFIX)) return null;
      const row = byHash.get(hashTokenSecret(secret));
      if (!row || row.revoked === 1) return null;
      const at = now();
      const previous = lastWrite.get(row.id) ?? 0;
      if (at.getTime() - previous >= LAST_USED_RESOLUTION_MS) {
        lastWrite.set(row.id, at.getTime());
        row.last_used_at = at.toISOString();
        touch.run(row.last_used_at, row.id);
      }
      return toInfo(row);
    },
  };
}
