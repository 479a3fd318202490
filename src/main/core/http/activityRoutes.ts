/** `/api/v1/activity*` (SPEC 5, 7): list, detail, summary and clearing the log. Export lives in activityExportRoute.ts. */
import { ulid } from 'ulid';
import type { ActivityRecord } from '../../../shared/activity';
import {
  parseActivityFilter,
  parseActivityQuery,
  parseClearScope,
  parseSummaryPeriod,
  type ClearScopeParam,
} from './activityQuery';
import type { ApiContext, ApiRoute } from './apiDeps';
import { HttpError, sendSuccess } from './httpResponses';

function listActivity({ url, res, deps }: ApiContext): void {
  const query = parseActivityQuery(url.searchParams);
  sendSuccess(res, deps.switchboard.activity.list(query));
}

function getActivity({ params, res, deps }: ApiContext): void {
  const id = params.id ?? '';
  const record = deps.switchboard.activity.get(id);
  if (record === null) {
    throw new HttpError(
      404,
      `activity record ${JSON.stringify(id)} not found (it may have been cleared or removed by retention)`,
    );
  }
  sendSuccess(res, record);
}

function getSummary({ url, res, deps }: ApiContext): void {
  const period = parseSummaryPeriod(url.searchParams);
  const filter = parseActivityFilter(url.searchParams);
  sendSuccess(res, deps.switchboard.activity.summary(period, filter));
}

/**
 * The four record types are fixed (SPEC 5), so a clear is recorded as a `server_change` with no
 * server: `metadata.action` is `clear_log` (docs/API.md).
 */
export function clearLogRecord(
  scope: ClearScopeParam,
  deleted: number,
  userAgent: string | undefined,
): ActivityRecord {
  return {
    id: ulid(),
    type: 'server_change',
    timestamp: new Date().toISOString(),
    server_name: null,
    tool_name: null,
    arguments: null,
    response: null,
    response_truncated: false,
    status: 'success',
    error_message: null,
    error_kind: null,
    duration_ms: null,
    session_id: null,
    client_name: null,
    client_version: null,
    token_id: null,
    token_name: null,
    request_bytes: 0,
    response_bytes: 0,
    policy_id: null,
    reason: `Activity log cleared (${deleted} records) via REST`,
    metadata: {
      action: 'clear_log',
      ...scope,
      deleted,
      via: 'rest',
      ...(userAgent === undefined ? {} : { user_agent: userAgent.slice(0, 200) }),
    },
  };
}

async function clearActivity({ url, req, res, deps }: ApiContext): Promise<void> {
  const scope = parseClearScope(url.searchParams);
  const { activity, recorder } = deps.switchboard;
  // Records still queued belong to the log being cleared: commit them first so `all` means all.
  await recorder.flush();
  const deleted = activity.clear(scope);
  recorder.enqueue(clearLogRecord(scope, deleted, req.headers['user-agent']));
  await recorder.flush();
  sendSuccess(res, { deleted });
}

export const activityRoutes: ApiRoute[] = [
  { method: 'GET', path: '/api/v1/activity', handler: listActivity },
  { method: 'DELETE', path: '/api/v1/activity', handler: clearActivity },
  { method: 'GET', path: '/api/v1/activity/summary', handler: getSummary },
  { method: 'GET', path: '/api/v1/activity/:id', handler: getActivity },
];
