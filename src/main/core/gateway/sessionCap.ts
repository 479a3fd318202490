/**
 * How many sessions one MCP token may keep open. Each session holds an SDK Server and transport
 * (about 30 KB of heap, measured), and an initialize is all it takes to open one, so without a
 * cap a token could fill memory within the idle timeout. A client that reconnects without
 * ending its old sessions loses only its stalest idle one.
 */
export const DEFAULT_MAX_SESSIONS_PER_TOKEN = 100;

export interface CappedSession {
  tokenId: string;
  lastActivity: number;
  openRequests: number;
}

/**
 * What a new session of `tokenId` needs: nothing (`null`), the token's least recently active
 * session without an open request closed first, or a refusal (`'full'`) when all are busy.
 */
export function sessionToEvict<S extends CappedSession>(
  sessions: Iterable<S>,
  tokenId: string,
  max: number,
): S | 'full' | null {
  let count = 0;
  let stalest: S | null = null;
  for (const session of sessions) {
    if (session.tokenId !== tokenId) continue;
    count++;
    if (session.openRequests === 0 && (!stalest || session.lastActivity < stalest.lastActivity))
      stalest = session;
  }
  if (count < max) return null;
  return stalest ?? 'full';
}

export function sessionsFullMessage(max: number): string {
  return `This MCP token already has ${max} open sessions, all busy: end one (DELETE /mcp with its Mcp-Session-Id) before starting another.`;
}
