/** MCP tokens and PodWarden's audit endpoints (SPEC 6, 7). The audit endpoints answer a bare array. */
import { parseAuditLimit } from './activityQuery';
import { apiRoute, serviceOf, type ApiRoute } from './apiDeps';
import { HttpError, sendJson, sendSuccess } from './httpResponses';
import { describeJsonType, readJsonObject } from './jsonBody';

function tokenName(name: unknown): string {
  if (typeof name === 'string' && name.trim() !== '') return name.trim();
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

export const tokenRoutes: ApiRoute[] = [
  apiRoute('listTokens', async (context) => {
    sendSuccess(context.res, await serviceOf(context).listTokens());
  }),
  apiRoute('createToken', async (context) => {
    const body = await readJsonObject(context.req, context.deps.bodyLimitBytes);
    sendSuccess(context.res, await serviceOf(context).createToken(tokenName(body.name)), 201);
  }),
  apiRoute('revokeToken', async (context) => {
    const id = context.params.token_id ?? '';
    await serviceOf(context).revokeToken(id);
    sendSuccess(context.res, { id, revoked: true });
  }),
  apiRoute('tokenAudit', async (context) => {
    const limit = parseAuditLimit(context.url.searchParams);
    const tokenId = context.params.token_id ?? '';
    sendJson(context.res, 200, await serviceOf(context).tokenAudit(tokenId, limit));
  }),
  apiRoute('allAudit', async (context) => {
    const limit = parseAuditLimit(context.url.searchParams);
    sendJson(context.res, 200, await serviceOf(context).allAudit(limit));
  }),
];
