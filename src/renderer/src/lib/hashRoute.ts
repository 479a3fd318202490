/** Hash routing (`#/summary?period=7d`): a reload keeps the view and its query. */

export const VIEWS = ['activity', 'summary', 'servers', 'policies', 'tokens', 'settings'] as const;
export type ViewName = (typeof VIEWS)[number];

export interface Route {
  view: ViewName;
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const [path = '', query = ''] = body.split('?', 2);
  const name = path.replace(/^\/+/, '').split('/')[0] ?? '';
  const view = (VIEWS as readonly string[]).includes(name) ? (name as ViewName) : 'activity';
  return { view, params: new URLSearchParams(query) };
}

export function formatHash(view: ViewName, params?: URLSearchParams): string {
  const query = params?.toString() ?? '';
  return `#/${view}${query ? `?${query}` : ''}`;
}
