/** `/api/v1/activity*` (SPEC 5, 7): list, detail, summary and clearing the log. Export lives in activityExportRoute.ts. */
import {
  parseActivityFilter,
  parseActivityQuery,
  parseClearScope,
  parseSummaryPeriod,
} from './activityQuery';
import { apiRoute, serviceOf, type ApiRoute } from './apiDeps';
import { HttpError, sendSuccess } from './httpResponses';

export const activityRoutes: ApiRoute[] = [
  apiRoute('listActivity', async (context) => {
    const query = parseActivityQuery(context.url.searchParams);
    sendSuccess(context.res, await serviceOf(context).listActivity(query));
  }),
  apiRoute('clearActivity', async (context) => {
    const scope = parseClearScope(context.url.searchParams);
    const userAgent = context.req.headers['user-agent'];
    const origin = {
      via: 'rest' as const,
      ...(userAgent === undefined ? {} : { user_agent: userAgent }),
    };
    sendSuccess(context.res, await serviceOf(context).clearActivity(scope, origin));
  }),
  apiRoute('getSummary', async (context) => {
    const period = parseSummaryPeriod(context.url.searchParams);
    const filter = parseActivityFilter(context.url.searchParams);
    sendSuccess(context.res, await serviceOf(context).getSummary(period, filter));
  }),
  // SPEC 12: the whole chain and every checkpoint signature, over one read snapshot.
  apiRoute('verifyActivity', async (context) => {
    sendSuccess(context.res, await serviceOf(context).verifyActivity());
  }),
  apiRoute('getActivity', async (context) => {
    const id = context.params.id ?? '';
    const record = await serviceOf(context).getActivity(id);
    if (record === null) {
      throw new HttpError(
        404,
        `activity record ${JSON.stringify(id)} not found (it may have been cleared or removed by retention)`,
      );
    }
    sendSuccess(context.res, record);
  }),
];
