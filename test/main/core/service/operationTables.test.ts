/**
 * One operation = one service method + one route entry + one REST client method (+ one IPC
 * channel where the window offers it). These tables are written by hand; this test walks them
 * against each other so a new operation cannot be added at one door only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../../src/main/core/http/apiRoutes';
import { RouteTable } from '../../../../src/main/core/http/routeTable';
import { INVOKE_METHODS } from '../../../../src/shared/ipc';
import { createRestClient } from '../../../../src/shared/restClient';
import { REST_ROUTES } from '../../../../src/shared/restRoutes';
import { createCoreParts, type CoreParts } from '../http/support/coreParts';

/** Methods of the client that are not operations of the route table. */
const CLIENT_EXTRAS = ['baseUrl', 'events'];
/** IPC methods that need the window (native dialogs, the file manager), not the service. */
const DESKTOP_ONLY = ['showInFolder'];

let core: CoreParts;
beforeAll(async () => {
  core = await createCoreParts();
});
afterAll(async () => {
  await core?.dispose();
});

const sorted = (names: Iterable<string>): string[] => [...names].sort();

describe('operation tables', () => {
  it('every route of the server table is an operation of the shared table, once, with its method and path', () => {
    const operations = apiRoutes.map((route) => route.operation);
    expect(sorted(operations)).toEqual(sorted(new Set(operations)));
    expect(sorted(operations)).toEqual(sorted(Object.keys(REST_ROUTES)));
    for (const route of apiRoutes) {
      expect({ method: route.method, path: route.path }).toEqual(REST_ROUTES[route.operation]);
    }
  });

  it('the REST client has a method for every route and no method without one', () => {
    const client = createRestClient({ baseUrl: 'http://127.0.0.1:1' });
    const methods = Object.keys(client).filter((name) => !CLIENT_EXTRAS.includes(name));
    expect(sorted(methods)).toEqual(sorted(apiRoutes.map((route) => route.operation)));
  });

  it('every route is a service method and every service method has a route', () => {
    const service = Object.keys(core.switchboard.service);
    expect(sorted(service)).toEqual(sorted(apiRoutes.map((route) => route.operation)));
  });

  it('every IPC channel is answered by the service method of the same name', () => {
    const service = new Set(Object.keys(core.switchboard.service));
    const unanswered = INVOKE_METHODS.filter(
      (method) => !service.has(method) && !DESKTOP_ONLY.includes(method),
    );
    expect(unanswered).toEqual([]);
  });

  it('each route reaches its own handler: literal paths are not shadowed by :param ones', () => {
    const table = new RouteTable(apiRoutes);
    for (const route of apiRoutes) {
      const path = route.path.replace(/:([a-z_]+)/g, 'x');
      const match = table.match(route.method, path);
      expect(match.kind, `${route.method} ${route.path}`).toBe('found');
      if (match.kind === 'found') expect(match.handler).toBe(route.handler);
    }
  });
});
