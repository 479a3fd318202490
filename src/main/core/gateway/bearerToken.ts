/**
 * The `/mcp` token check (SPEC 3, 6): every request carries `Authorization: Bearer <token>`
 * with a Switchboard MCP token; a missing, unknown or revoked one gets 401 and a JSON-RPC error
 * body that says how to get a token.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { McpTokenInfo } from '../../../shared/servers';
import type { TokenStore } from '../tokens/contracts';

const HOW_TO_GET_ONE =
  'Create a token with "switchboard tokens create NAME" (or in the Tokens view of the Switchboard window) and send it as "Authorization: Bearer <token>".';

export type TokenCheck = { ok: true; token: McpTokenInfo } | { ok: false; message: string };

export function checkBearerToken(req: IncomingMessage, tokens: TokenStore): TokenCheck {
  const header = req.headers.authorization;
  if (!header) return { ok: false, message: `Missing MCP token. ${HOW_TO_GET_ONE}` };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) {
    return {
      ok: false,
      message: `The Authorization header is not "Bearer <token>". ${HOW_TO_GET_ONE}`,
    };
  }
  const token = tokens.verify(match[1]);
  if (!token) return { ok: false, message: `Unknown or revoked MCP token. ${HOW_TO_GET_ONE}` };
  return { ok: true, token };
}

export function sendUnauthorized(res: ServerResponse, message: string): void {
  sendJsonRpcError(res, 401, -32001, message, { 'www-authenticate': 'Bearer realm="switchboard"' });
}

export function sendJsonRpcError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null });
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}
