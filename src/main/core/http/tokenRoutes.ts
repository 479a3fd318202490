/** MCP tokens and PodWarden's audit endpoints (SPEC 6, 7). The audit endpoints answer a bare array. */
import { parseAuditLimit } from './activityQuery';
import type { ApiContext, ApiRoute } from './apiDeps';
import { HttpError, sendJson, sendSuccess } from './httpResponses';
import { describeJsonType, readJsonObject } from './jsonBody';

function listTokens({ res, deps }: ApiContext): void {
  sendSuccess(res, deps.switchboard.tokens.list());
}

async function createToken({ req, res, deps }: ApiContext): Promise<void> {
  const body = await readJsonObject(req, deps.bodyLimitBytes);
  const name = body.name;
  if (typeof name !== 'string' || name.trim() === '') {
    const got =
      name === undefined
        ? 'nothing'
        : typeof name === 'string'
          ? 'an empty string'
          : describeJsonType(name);
    throw new HttpError(
      400,
      `name: expected a non-empty string naming the agent (e.g. {"name": "Claude Desktop"}), got ${got}`,
    );
  }
  sendSuccess(res, deps.switchboard.tokens.create(name.trim()), 201);
}

function tokenNotFound(id: string): HttpError {
  return new HttpError(
    404,
    `MCP token ${JSON.stringify(id)} not found: see GET /api/v1/settings/mcp-tokens for the token ids`,
  );
}

function revokeToken({ params, res, deps }: ApiContext): void {
  const id = params.token_id ?? '';
  if (!deps.switchboard.tokens.revoke(id)) throw tokenNotFound(id);
  sendSuccess(res, { id, revoked: true });
}

function tokenAudit({ params, url, res, deps }: ApiContext): void {
  const id = params.token_id ?? '';
  const limit = parseAuditLimit(url.searchParams);
  if (!deps.switchboard.tokens.list().some((token) => token.id === id)) throw tokenNotFound(id);
  sendJson(res, 200, deps.switchboard.activity.audit({ tokenId: id, limit }));
}

function allAudit({ url, res, deps }: ApiContext): void {
  const limit = parseAuditLimit(url.searchParams);
  sendJson(res, 200, deps.switchboard.activity.audit({ limit }));
}

export const tokenRoutes: ApiRoute[] = [
  { method: 'GET', path: '/api/v1/settings/mcp-tokens', handler: listTokens },
  { method: 'POST', path: '/api/v1/settings/mcp-tokens', handler: createToken },
  { method: 'DELETE', path: '/api/v1/settings/mcp-tokens/:token_id', handler: revokeToken },
  { method: 'GET', path: '/api/v1/settings/mcp-tokens/:token_id/audit', handler: tokenAudit },
  { method: 'GET', path: '/api/v1/settings/mcp-audit', handler: allAudit },
];
