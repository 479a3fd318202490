/** `/api/v1/activity*` (SPEC 5, 7): list, detail, summary and clearing the log. Export lives in activityExportRoute.ts. */
import {
  parseActivityFilter,
  parseActivityQuery,
  parseClearScope,
  parseSummaryPeriod,
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

async function clearActivity({ url, req, res, deps }: ApiContext): Promise<void> {
  const scope = parseClearScope(url.searchParams);
  const userAgent = req.headers['user-agent'];
  sendSuccess(
    res,
    await deps.switchboard.clearActivity(scope, {
      via: 'rest',
      ...(userAgent === undefined ? {} : { user_agent: userAgent }),
    }),
  );
}

/** SPEC 12: the whole chain and every checkpoint signature, checked over one read snapshot. */
async function verifyActivity({ res, deps }: ApiContext): Promise<void> {
  sendSuccess(res, await deps.switchboard.audit.verify());
}

export const activityRoutes: ApiRoute[] = [
  { method: 'GET', path: '/api/v1/activity', handler: listActivity },
  { method: 'DELETE', path: '/api/v1/activity', handler: clearActivity },
  { method: 'GET', path: '/api/v1/activity/summary', handler: getSummary },
  { method: 'GET', path: '/api/v1/activity/verify', handler: verifyActivity },
  { method: 'GET', path: '/api/v1/activity/:id', handler: getActivity },
];
