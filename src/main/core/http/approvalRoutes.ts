/** Pending approvals (SPEC 10): list, read, decide. Only api-key holders reach these routes. */
import { apiRoute, serviceOf, type ApiRoute } from './apiDeps';
import { sendSuccess } from './httpResponses';
import { readJsonObject } from './jsonBody';
import { personChannelOf } from './requestChannel';

export const approvalRoutes: ApiRoute[] = [
  apiRoute('listApprovals', async (context) => {
    sendSuccess(context.res, await serviceOf(context).listApprovals());
  }),
  apiRoute('getApproval', async (context) => {
    sendSuccess(context.res, await serviceOf(context).getApproval(context.params.id ?? ''));
  }),
  apiRoute('decideApproval', async (context) => {
    const body = await readJsonObject(context.req, context.deps.bodyLimitBytes);
    const by = personChannelOf(context.req);
    sendSuccess(
      context.res,
      await serviceOf(context).decideApproval(context.params.id ?? '', body, by),
    );
  }),
];
