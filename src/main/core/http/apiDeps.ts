import { REST_ROUTES, type RestOperation } from '../../../shared/restRoutes';
import type { SwitchboardService } from '../service';
import type { Switchboard } from '../switchboard';
import type { Route, RouteContext, RouteHandler } from './routeTable';

/** Where the HTTP layer reports what it cannot show the client (unexpected errors, dropped streams). */
export type HttpLog = (message: string, error?: unknown) => void;

export interface ApiDeps {
  switchboard: Switchboard;
  log: HttpLog;
  bodyLimitBytes: number;
}

export interface ApiRoute extends Route<ApiDeps> {
  operation: RestOperation;
}
export type ApiContext = RouteContext<ApiDeps>;

/** A route for one operation of the shared table: its method and path come from there. */
export function apiRoute(operation: RestOperation, handler: RouteHandler<ApiDeps>): ApiRoute {
  return { operation, ...REST_ROUTES[operation], handler };
}

export function serviceOf(context: ApiContext): SwitchboardService {
  return context.deps.switchboard.service;
}
