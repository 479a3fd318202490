/** Pending approvals (SPEC 10): list, read, decide. Only api-key holders reach these routes. */
import type { ApiContext, ApiRoute } from './apiDeps';
import { HttpError, sendSuccess } from './httpResponses';
import { readJsonObject } from './jsonBody';
import { personChannelOf } from './requestChannel';

function listApprovals({ res, deps }: ApiContext): void {
  sendSuccess(res, deps.switchboard.approvals.pending());
}

function getApproval({ res, params, deps }: ApiContext): void {
  const id = params.id ?? '';
  const request = deps.switchboard.approvals.get(id);
  if (request === undefined) {
    throw new HttpError(
      404,
      `no approval "${id}": it never existed, or it was decided more than 10 minutes ago`,
    );
  }
  sendSuccess(res, request);
}

async function decideApproval({ req, res, params, deps }: ApiContext): Promise<void> {
  const body = await readJsonObject(req, deps.bodyLimitBytes);
  sendSuccess(res, deps.switchboard.approvals.answer(params.id ?? '', body, personChannelOf(req)));
}

export const approvalRoutes: ApiRoute[] = [
  { method: 'GET', path: '/api/v1/approvals', handler: listApprovals },
  { method: 'GET', path: '/api/v1/approvals/:id', handler: getApproval },
  { method: 'POST', path: '/api/v1/approvals/:id', handler: decideApproval },
];
