/**
 * The one typed client of the REST API (SPEC 7), used by the renderer's HTTP bridge and by every
 * CLI command: one method per operation of REST_ROUTES, query encoding, the `{success, data}`
 * envelope, and errors as SwitchboardApiError. Pure (global fetch only), so both can load it.
 */
import type { DemoSummary } from './demo';
import type {
  ActivityFilter,
  ActivityPage,
  ActivityQuery,
  ActivityRecord,
  ActivitySummary,
  SummaryPeriod,
} from './activity';
import { SwitchboardApiError, type ExportRequest } from './api';
import type { ChainVerifyResult } from './audit';
import { queryParams, readEnvelope, withQuery, type QueryValue } from './restEnvelope';
import { REST_ROUTES, restPath, type RestOperation } from './restRoutes';
import type {
  SettingsPatch,
  SwitchboardSettings,
  AuditEntry,
  CreatedMcpToken,
  McpTokenInfo,
  PolicyRule,
  ServerAction,
  ServerEntryInput,
  ServerInfo,
  StatusInfo,
  ToolInfo,
} from './servers';

import {
  pendingRequestAnswerBody,
  type PendingRequest,
  type PendingRequestAnswer,
} from './approvals';

/** The server-sent event stream (SPEC 7); outside `/api/v1`, same key. */
export const EVENTS_PATH = '/events';

export interface RestClientOptions {
  /** `''` for the page's own origin (the browser). */
  baseUrl?: string;
  /** Sent as X-API-Key; the browser sends none (its HttpOnly cookie carries the key). */
  apiKey?: string | null;
  /** What a failed connection becomes; default a SwitchboardApiError `unavailable`. */
  unreachable?: (baseUrl: string, error: unknown) => Error;
  /** Sent as X-Switchboard-Client (`cli`), so an approval it decides is `decided_by: "cli"`. */
  client?: 'cli';
  /** Added to every 401's message: how this caller passes the key. */
  unauthorizedHint?: string;
}

interface Call {
  params?: Record<string, string>;
  query?: ActivityQuery | ActivityFilter | Record<string, QueryValue>;
  body?: unknown;
}

export interface RestClient {
  readonly baseUrl: string;
  getStatus(): Promise<StatusInfo>;
  getPolicies(): Promise<PolicyRule[]>;
  setPolicies(rules: unknown[]): Promise<PolicyRule[]>;
  getSettings(): Promise<SwitchboardSettings>;
  updateSettings(patch: SettingsPatch): Promise<SwitchboardSettings>;

  /** The raw response: the caller streams the body (a download, a file). */
  exportActivity(request: ExportRequest, signal?: AbortSignal): Promise<Response>;
  listActivity(query: ActivityQuery): Promise<ActivityPage>;
  clearActivity(scope: { before: string } | { all: true }): Promise<{ deleted: number }>;
  getSummary(period: SummaryPeriod, filter: ActivityFilter): Promise<ActivitySummary>;
  /** SPEC 12: the hash chain and every checkpoint signature, checked by the running instance. */
  verifyActivity(): Promise<ChainVerifyResult>;
  /** Throws `not_found` for an unknown id. */
  getActivity(id: string): Promise<ActivityRecord>;

  listTokens(): Promise<McpTokenInfo[]>;
  createToken(name: string): Promise<CreatedMcpToken>;
  revokeToken(id: string): Promise<{ id: string; revoked: true }>;
  tokenAudit(id: string, limit?: number): Promise<AuditEntry[]>;
  allAudit(limit?: number): Promise<AuditEntry[]>;

  listServers(): Promise<ServerInfo[]>;
  addServer(name: string, entry: ServerEntryInput | Record<string, unknown>): Promise<ServerInfo>;
  /** A Claude Desktop / Cursor / VS Code config object. */
  importServers(config: unknown): Promise<{ added: string[]; skipped: string[] }>;
  startDemo(): Promise<DemoSummary>;
  getServer(name: string): Promise<ServerInfo>;
  updateServer(name: string, patch: Partial<ServerEntryInput>): Promise<ServerInfo>;
  removeServer(name: string): Promise<{ name: string; removed: true }>;
  getServerTools(name: string): Promise<ToolInfo[]>;
  approveTool(name: string, tool: string): Promise<ToolInfo>;
  serverAction(name: string, action: ServerAction): Promise<ServerInfo>;

  listApprovals(): Promise<PendingRequest[]>;
  getApproval(id: string): Promise<PendingRequest>;
  decideApproval(id: string, answer: PendingRequestAnswer): Promise<PendingRequest>;

  /** `GET /events` as a raw response; `lastEventId` resumes a dropped stream. */
  events(options?: { lastEventId?: string | null; signal?: AbortSignal }): Promise<Response>;
}

/** The client's operations: each is a key of REST_ROUTES (a test walks both). */
export type RestClientOperation = Exclude<keyof RestClient, 'baseUrl' | 'events'>;

function defaultUnreachable(baseUrl: string, error: unknown): Error {
  const page = (globalThis as { location?: { origin: string } }).location;
  const where = baseUrl || page?.origin || 'this address';
  const detail = error instanceof Error ? ` (${error.message})` : '';
  return new SwitchboardApiError(
    'unavailable',
    `Switchboard is not reachable at ${where}${detail}. Is it still running?`,
  );
}

async function parseBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function createRestClient(options: RestClientOptions = {}): RestClient {
  const baseUrl = options.baseUrl ?? '';
  const unreachable = options.unreachable ?? defaultUnreachable;

  function headers(json: boolean, extra: Record<string, string> = {}): Record<string, string> {
    const all: Record<string, string> = { Accept: 'application/json', ...extra };
    if (options.apiKey) all['X-API-Key'] = options.apiKey;
    if (options.client) all['X-Switchboard-Client'] = options.client;
    if (json) all['Content-Type'] = 'application/json';
    return all;
  }

  function failure(status: number, body: unknown): SwitchboardApiError {
    const envelope = readEnvelope<unknown>(status, body);
    const message = envelope.ok ? `Switchboard answered HTTP ${status}.` : envelope.message;
    const code = envelope.ok ? 'internal' : envelope.code;
    const hint = status === 401 && options.unauthorizedHint ? ` (${options.unauthorizedHint})` : '';
    return new SwitchboardApiError(code, `${message}${hint}`);
  }

  async function send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { credentials: 'same-origin', ...init });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw unreachable(baseUrl, error);
    }
  }

  function urlOf(operation: RestOperation, call: Call): string {
    const path = restPath(operation, call.params);
    return `${baseUrl}${call.query ? withQuery(path, queryParams(call.query)) : path}`;
  }

  async function request<T>(operation: RestOperation, call: Call = {}): Promise<T> {
    const json = call.body !== undefined;
    const response = await send(urlOf(operation, call), {
      method: REST_ROUTES[operation].method,
      headers: headers(json),
      ...(json ? { body: JSON.stringify(call.body) } : {}),
    });
    const body = await parseBody(response);
    if (typeof body === 'string' && response.ok) {
      throw new SwitchboardApiError(
        'internal',
        `${baseUrl || 'The server'} answered HTTP ${response.status} with something other than JSON: is it a Switchboard?`,
      );
    }
    const envelope = readEnvelope<T>(response.status, body);
    if (!envelope.ok) throw failure(response.status, body);
    return envelope.data;
  }

  async function stream(url: string, init: RequestInit): Promise<Response> {
    const response = await send(url, init);
    if (!response.ok) throw failure(response.status, await parseBody(response));
    return response;
  }

  return {
    baseUrl,
    getStatus: () => request('getStatus'),
    getPolicies: () => request('getPolicies'),
    setPolicies: (rules) => request('setPolicies', { body: rules }),
    getSettings: () => request('getSettings'),
    updateSettings: (patch) => request('updateSettings', { body: patch }),

    exportActivity: (exportRequest, signal) =>
      stream(
        urlOf('exportActivity', {
          query: {
            ...exportRequest.filter,
            format: exportRequest.format,
            include_bodies: exportRequest.include_bodies ? 'true' : undefined,
          },
        }),
        { headers: headers(false, { Accept: '*/*' }), ...(signal ? { signal } : {}) },
      ),
    listActivity: (query) => request('listActivity', { query }),
    clearActivity: (scope) =>
      request('clearActivity', {
        query: 'all' in scope ? { all: 'true' } : { before: scope.before },
      }),
    getSummary: (period, filter) => request('getSummary', { query: { ...filter, period } }),
    verifyActivity: () => request('verifyActivity'),
    getActivity: (id) => request('getActivity', { params: { id } }),

    listTokens: () => request('listTokens'),
    createToken: (name) => request('createToken', { body: { name } }),
    revokeToken: (id) => request('revokeToken', { params: { token_id: id } }),
    tokenAudit: (id, limit) =>
      request('tokenAudit', { params: { token_id: id }, query: { limit } }),
    allAudit: (limit) => request('allAudit', { query: { limit } }),

    listServers: () => request('listServers'),
    addServer: (name, entry) => request('addServer', { body: { ...entry, name } }),
    importServers: (config) => request('importServers', { body: config }),
    startDemo: () => request('startDemo', { body: {} }),
    getServer: (name) => request('getServer', { params: { name } }),
    updateServer: (name, patch) => request('updateServer', { params: { name }, body: patch }),
    removeServer: (name) => request('removeServer', { params: { name } }),
    getServerTools: (name) => request('getServerTools', { params: { name } }),
    approveTool: (name, tool) => request('approveTool', { params: { name, tool } }),
    listApprovals: () => request('listApprovals'),
    getApproval: (id) => request('getApproval', { params: { id } }),
    decideApproval: (id, answer) =>
      request('decideApproval', { params: { id }, body: pendingRequestAnswerBody(answer) }),
    serverAction: (name, action) => request('serverAction', { params: { name, action } }),

    events: ({ lastEventId, signal } = {}) =>
      stream(`${baseUrl}${EVENTS_PATH}`, {
        headers: headers(false, {
          Accept: 'text/event-stream',
          ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}),
        }),
        ...(signal ? { signal } : {}),
      }),
  };
}
