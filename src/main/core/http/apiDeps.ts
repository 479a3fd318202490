import type { Switchboard } from '../switchboard';
import type { Route, RouteContext } from './routeTable';

/** Where the HTTP layer reports what it cannot show the client (unexpected errors, dropped streams). */
export type HttpLog = (message: string, error?: unknown) => void;

export interface ApiDeps {
  switchboard: Switchboard;
  log: HttpLog;
  bodyLimitBytes: number;
}

export type ApiRoute = Route<ApiDeps>;
export type ApiContext = RouteContext<ApiDeps>;
