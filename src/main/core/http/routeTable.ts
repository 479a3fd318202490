/**
 * A small route table: `METHOD /literal/:param` patterns matched segment by segment, first match
 * in table order wins (so literal routes listed before `:param` ones take precedence).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './httpResponses';

export interface RouteContext<Deps> {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  deps: Deps;
}

export type RouteHandler<Deps> = (context: RouteContext<Deps>) => Promise<void> | void;

export interface Route<Deps> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  handler: RouteHandler<Deps>;
}

interface CompiledRoute<Deps> extends Route<Deps> {
  segments: string[];
}

export type RouteMatch<Deps> =
  | { kind: 'found'; handler: RouteHandler<Deps>; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allow: string[] }
  | { kind: 'not_found' };

export class RouteTable<Deps> {
  private readonly routes: CompiledRoute<Deps>[];

  constructor(routes: Route<Deps>[]) {
    this.routes = routes.map((route) => ({ ...route, segments: splitPath(route.path) }));
  }

  match(method: string, pathname: string): RouteMatch<Deps> {
    const segments = splitPath(pathname).map((segment) => decodeSegment(segment));
    const allow = new Set<string>();
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (params === null) continue;
      const effective = method === 'HEAD' ? 'GET' : method;
      if (route.method === effective) return { kind: 'found', handler: route.handler, params };
      allow.add(route.method);
    }
    return allow.size > 0
      ? { kind: 'method_not_allowed', allow: [...allow] }
      : { kind: 'not_found' };
  }
}

/** Leading and trailing slashes do not count; an empty inner segment does (`/tokens//audit` has an empty id). */
function splitPath(path: string): string[] {
  const segments = path.split('/');
  if (segments[0] === '') segments.shift();
  if (segments.length > 0 && segments[segments.length - 1] === '') segments.pop();
  return segments;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, `path: invalid percent-encoding in ${JSON.stringify(segment)}`);
  }
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const expected = pattern[i] ?? '';
    const value = actual[i] ?? '';
    if (expected.startsWith(':')) params[expected.slice(1)] = value;
    else if (expected !== value) return null;
  }
  return params;
}
