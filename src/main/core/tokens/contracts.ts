import type { CreatedMcpToken, McpTokenInfo } from '../../../shared/servers';

/** MCP tokens (SPEC 6): `swb_` + 32 random bytes base64url, stored only as a SHA-256 hash. */
export interface TokenStore {
  create(name: string): CreatedMcpToken;
  list(): McpTokenInfo[];
  /** Returns false for an unknown id. */
  revoke(id: string): boolean;
  /** The token for a presented secret, or null when unknown or revoked. Keeps `last_used_at`. */
  verify(secret: string): McpTokenInfo | null;
  /** Writes `last_used_at` values still held in memory (a timer does it within a second). */
  flush(): void;
}
