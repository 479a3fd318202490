/**
 * `/api/v1/servers*` (SPEC 7): the configured servers with their live state (so a server added a
 * moment ago shows as connecting, not missing); changes go through ServerAdmin (atomic rewrite).
 */
import type { ServerAction, ServerEntryInput, ServerInfo } from '../../../shared/servers';
import { toServerInfo } from '../servers/serverInfo';
import type { ApiContext, ApiRoute } from './apiDeps';
import { HttpError, sendSuccess } from './httpResponses';
import { describeJsonType, readJsonObject } from './jsonBody';

const SERVER_ACTIONS: readonly ServerAction[] = [
  'restart',
  'enable',
  'disable',
  'quarantine',
  'unquarantine',
];

function serverNotFound(name: string): HttpError {
  return new HttpError(
    404,
    `server ${JSON.stringify(name)} not found: see GET /api/v1/servers for the configured names`,
  );
}

function serverInfo({ switchboard }: ApiContext['deps'], name: string): ServerInfo | undefined {
  const server = switchboard.config.get().servers.find((candidate) => candidate.name === name);
  return server === undefined
    ? undefined
    : toServerInfo(server, switchboard.upstreams.server(name));
}

function requireServer({ params, deps }: ApiContext): string {
  const name = params.name ?? '';
  if (serverInfo(deps, name) === undefined) throw serverNotFound(name);
  return name;
}

function listServers({ res, deps }: ApiContext): void {
  const { config, upstreams } = deps.switchboard;
  sendSuccess(
    res,
    config.get().servers.map((server) => toServerInfo(server, upstreams.server(server.name))),
  );
}

function getServer(context: ApiContext): void {
  const name = requireServer(context);
  sendSuccess(context.res, serverInfo(context.deps, name));
}

function getServerTools(context: ApiContext): void {
  const name = requireServer(context);
  sendSuccess(context.res, context.deps.switchboard.upstreams.tools(name));
}

/** SPEC 11: re-pin a changed or new tool. */
function approveTool(context: ApiContext): void {
  const name = requireServer(context);
  const tool = context.params.tool ?? '';
  sendSuccess(context.res, context.deps.switchboard.approveTool(name, tool));
}

async function addServer({ req, res, deps }: ApiContext): Promise<void> {
  const { name, ...entry } = await readJsonObject(req, deps.bodyLimitBytes);
  if (typeof name !== 'string' || name === '') {
    const got =
      name === undefined ? 'nothing' : name === '' ? 'an empty string' : describeJsonType(name);
    throw new HttpError(
      400,
      `name: expected the server name next to the entry (e.g. {"name": "everything", "command": "npx", "args": [...]}), got ${got}`,
    );
  }
  sendSuccess(res, await deps.switchboard.servers.add(name, entry as ServerEntryInput), 201);
}

/** Extension: the `mcpServers` of a Claude Desktop / Cursor file (or VS Code's `servers`) in one call. */
async function importServers({ req, res, deps }: ApiContext): Promise<void> {
  const body = await readJsonObject(req, deps.bodyLimitBytes);
  sendSuccess(res, await deps.switchboard.servers.importConfig(JSON.stringify(body)));
}

async function updateServer(context: ApiContext): Promise<void> {
  const name = requireServer(context);
  const patch = await readJsonObject(context.req, context.deps.bodyLimitBytes);
  sendSuccess(
    context.res,
    await context.deps.switchboard.servers.update(name, patch as Partial<ServerEntryInput>),
  );
}

async function removeServer(context: ApiContext): Promise<void> {
  const name = requireServer(context);
  await context.deps.switchboard.servers.remove(name);
  sendSuccess(context.res, { name, removed: true });
}

async function serverAction(context: ApiContext): Promise<void> {
  const action = context.params.action ?? '';
  if (!(SERVER_ACTIONS as readonly string[]).includes(action)) {
    throw new HttpError(
      404,
      `no server action ${JSON.stringify(action)}: expected one of ${SERVER_ACTIONS.join(', ')}`,
    );
  }
  const name = requireServer(context);
  sendSuccess(
    context.res,
    await context.deps.switchboard.servers.act(name, action as ServerAction),
  );
}

export const serverRoutes: ApiRoute[] = [
  { method: 'GET', path: '/api/v1/servers', handler: listServers },
  { method: 'POST', path: '/api/v1/servers', handler: addServer },
  { method: 'POST', path: '/api/v1/servers/import', handler: importServers },
  { method: 'GET', path: '/api/v1/servers/:name', handler: getServer },
  { method: 'PATCH', path: '/api/v1/servers/:name', handler: updateServer },
  { method: 'DELETE', path: '/api/v1/servers/:name', handler: removeServer },
  { method: 'GET', path: '/api/v1/servers/:name/tools', handler: getServerTools },
  { method: 'POST', path: '/api/v1/servers/:name/tools/:tool/approve', handler: approveTool },
  { method: 'POST', path: '/api/v1/servers/:name/:action', handler: serverAction },
];
