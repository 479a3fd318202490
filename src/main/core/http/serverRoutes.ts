/** `/api/v1/servers*` (SPEC 7): adapters over the service's server operations. */
import type { ServerAction, ServerEntryInput } from '../../../shared/servers';
import { apiRoute, serviceOf, type ApiRoute } from './apiDeps';
import { HttpError, sendSuccess } from './httpResponses';
import { describeJsonType, readJsonObject } from './jsonBody';

const SERVER_ACTIONS: readonly ServerAction[] = [
  'restart',
  'enable',
  'disable',
  'quarantine',
  'unquarantine',
];

function serverAction(action: string): ServerAction {
  if ((SERVER_ACTIONS as readonly string[]).includes(action)) return action as ServerAction;
  throw new HttpError(
    404,
    `no server action ${JSON.stringify(action)}: expected one of ${SERVER_ACTIONS.join(', ')}`,
  );
}

function serverName(name: unknown): string {
  if (typeof name === 'string' && name !== '') return name;
  const got =
    name === undefined ? 'nothing' : name === '' ? 'an empty string' : describeJsonType(name);
  throw new HttpError(
    400,
    `name: expected the server name next to the entry (e.g. {"name": "everything", "command": "npx", "args": [...]}), got ${got}`,
  );
}

export const serverRoutes: ApiRoute[] = [
  apiRoute('listServers', async (context) => {
    sendSuccess(context.res, await serviceOf(context).listServers());
  }),
  apiRoute('addServer', async (context) => {
    const { name, ...entry } = await readJsonObject(context.req, context.deps.bodyLimitBytes);
    const added = await serviceOf(context).addServer(serverName(name), entry as ServerEntryInput);
    sendSuccess(context.res, added, 201);
  }),
  /** Extension: the `mcpServers` of a Claude Desktop / Cursor file (or VS Code's `servers`) in one call. */
  apiRoute('importServers', async (context) => {
    const body = await readJsonObject(context.req, context.deps.bodyLimitBytes);
    sendSuccess(context.res, await serviceOf(context).importServers(JSON.stringify(body)));
  }),
  apiRoute('getServer', async (context) => {
    sendSuccess(context.res, await serviceOf(context).getServer(context.params.name ?? ''));
  }),
  apiRoute('updateServer', async (context) => {
    const name = context.params.name ?? '';
    await serviceOf(context).getServer(name);
    const patch = await readJsonObject(context.req, context.deps.bodyLimitBytes);
    sendSuccess(
      context.res,
      await serviceOf(context).updateServer(name, patch as Partial<ServerEntryInput>),
    );
  }),
  apiRoute('removeServer', async (context) => {
    const name = context.params.name ?? '';
    await serviceOf(context).removeServer(name);
    sendSuccess(context.res, { name, removed: true });
  }),
  apiRoute('getServerTools', async (context) => {
    sendSuccess(context.res, await serviceOf(context).getServerTools(context.params.name ?? ''));
  }),
  /** SPEC 11: re-pin a changed or new tool. */
  apiRoute('approveTool', async (context) => {
    const { name = '', tool = '' } = context.params;
    sendSuccess(context.res, await serviceOf(context).approveTool(name, tool));
  }),
  apiRoute('serverAction', async (context) => {
    const action = serverAction(context.params.action ?? '');
    sendSuccess(
      context.res,
      await serviceOf(context).serverAction(context.params.name ?? '', action),
    );
  }),
];
