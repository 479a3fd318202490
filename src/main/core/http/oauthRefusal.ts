/**
 * Switchboard does not use OAuth (SPEC 3). A client that meets the 401 of `/mcp` with an OAuth
 * provider (mcp-remote, the SDK with an auth provider) looks for metadata under `/.well-known/`,
 * finds none, and falls back to the default endpoints of the server's origin, `POST /register`
 * first. Every such request gets this one answer, which the client shows the user (mcp-remote
 * prints "Dynamic Client Registration rejected (HTTP 403): <body>"): what to do instead.
 */

export const OAUTH_REFUSAL =
  'Switchboard does not use OAuth: your MCP token is missing, unknown or revoked. Create one with "switchboard tokens create NAME" (or in the Tokens view of the Switchboard window) and send it as "Authorization: Bearer <token>" (mcp-remote: --header "Authorization: Bearer <token>").';

/** The default OAuth endpoints a client falls back to without metadata (MCP authorization spec). */
const DEFAULT_OAUTH_ENDPOINTS = new Set(['/register', '/authorize', '/token']);

/** `/.well-known/*` answers 404 (no metadata to discover); the default endpoints answer 403. */
export function oauthRefusalStatus(pathname: string): 404 | 403 | null {
  if (pathname.startsWith('/.well-known/')) return 404;
  if (DEFAULT_OAUTH_ENDPOINTS.has(pathname)) return 403;
  return null;
}
