/**
 * The REST API's operations (SPEC 7): one method and path per operation. The server's route
 * table (src/main/core/http/apiRoutes.ts) binds a handler to each and the REST client
 * (restClient.ts) builds its requests from the same entries, so neither side can name a path
 * the other does not know; a test walks both.
 */
export type RestMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RestRoute {
  method: RestMethod;
  /** `:name` segments are path parameters. */
  path: string;
}

export const REST_ROUTES = {
  getStatus: { method: 'GET', path: '/api/v1/status' },
  getPolicies: { method: 'GET', path: '/api/v1/policies' },
  setPolicies: { method: 'PUT', path: '/api/v1/policies' },
  getSettings: { method: 'GET', path: '/api/v1/settings' },
  updateSettings: { method: 'PATCH', path: '/api/v1/settings' },

  exportActivity: { method: 'GET', path: '/api/v1/activity/export' },
  listActivity: { method: 'GET', path: '/api/v1/activity' },
  clearActivity: { method: 'DELETE', path: '/api/v1/activity' },
  getSummary: { method: 'GET', path: '/api/v1/activity/summary' },
  verifyActivity: { method: 'GET', path: '/api/v1/activity/verify' },
  getActivity: { method: 'GET', path: '/api/v1/activity/:id' },

  listTokens: { method: 'GET', path: '/api/v1/settings/mcp-tokens' },
  createToken: { method: 'POST', path: '/api/v1/settings/mcp-tokens' },
  revokeToken: { method: 'DELETE', path: '/api/v1/settings/mcp-tokens/:token_id' },
  tokenAudit: { method: 'GET', path: '/api/v1/settings/mcp-tokens/:token_id/audit' },
  allAudit: { method: 'GET', path: '/api/v1/settings/mcp-audit' },

  listServers: { method: 'GET', path: '/api/v1/servers' },
  addServer: { method: 'POST', path: '/api/v1/servers' },
  importServers: { method: 'POST', path: '/api/v1/servers/import' },
  startDemo: { method: 'POST', path: '/api/v1/demo' },
  getServer: { method: 'GET', path: '/api/v1/servers/:name' },
  updateServer: { method: 'PATCH', path: '/api/v1/servers/:name' },
  removeServer: { method: 'DELETE', path: '/api/v1/servers/:name' },
  getServerTools: { method: 'GET', path: '/api/v1/servers/:name/tools' },
  approveTool: { method: 'POST', path: '/api/v1/servers/:name/tools/:tool/approve' },
  serverAction: { method: 'POST', path: '/api/v1/servers/:name/:action' },

  listApprovals: { method: 'GET', path: '/api/v1/approvals' },
  getApproval: { method: 'GET', path: '/api/v1/approvals/:id' },
  decideApproval: { method: 'POST', path: '/api/v1/approvals/:id' },
} as const satisfies Record<string, RestRoute>;

export type RestOperation = keyof typeof REST_ROUTES;

/** The path of an operation with its parameters filled in (each one percent-encoded). */
export function restPath(operation: RestOperation, params: Record<string, string> = {}): string {
  return REST_ROUTES[operation].path.replace(/:([a-z_]+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${operation}: path parameter "${name}" is missing`);
    return encodeURIComponent(value);
  });
}
