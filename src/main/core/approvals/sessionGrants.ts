/**
 * `allow_session` grants (SPEC 10): keyed by (MCP session, token, server, upstream tool), kept
 * until the session ends. They answer only `ask` rules: the caller consults them after the policy
 * said ask, so a block rule still blocks.
 */
import type { DecidedBy } from '../../../shared/approvals';

export interface SessionGrantKey {
  sessionId: string | null;
  tokenId: string | null;
  server: string;
  tool: string;
}

export interface SessionGrant {
  approval_id: string;
  decided_by: DecidedBy;
}

export interface SessionGrants {
  get(key: SessionGrantKey): SessionGrant | undefined;
  add(key: SessionGrantKey, grant: SessionGrant): void;
  endSession(sessionId: string): void;
}

export function createSessionGrants(): SessionGrants {
  const bySession = new Map<string, Map<string, SessionGrant>>();
  // The key's parts cannot contain NUL (server names are [A-Za-z0-9_-]; ids are ours), so no tool
  // name can forge another key.
  const keyOf = (key: SessionGrantKey): string =>
    `${key.tokenId ?? ''}\0${key.server}\0${key.tool}`;
  return {
    get(key) {
      if (key.sessionId === null) return undefined;
      return bySession.get(key.sessionId)?.get(keyOf(key));
    },
    add(key, grant) {
      // A call without a session has nothing to end the grant, so it gets none.
      if (key.sessionId === null) return;
      let grants = bySession.get(key.sessionId);
      if (grants === undefined) {
        grants = new Map();
        bySession.set(key.sessionId, grants);
      }
      grants.set(keyOf(key), grant);
    },
    endSession(sessionId) {
      bySession.delete(sessionId);
    },
  };
}
