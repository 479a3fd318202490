/**
 * The pending elicitation of one upstream `elicitation/create` (SPEC 10): its shape, when it
 * expires, and how a person's answer, the expiry and a shutdown resolve it.
 */
import type { ElicitRequest } from '@modelcontextprotocol/sdk/types.js';
import type { DecidedBy, PendingElicitation, PersonChannel } from '../../../shared/approvals';
import type {
  ElicitationAction,
  ElicitationAnswer,
  ElicitationSchema,
} from '../../../shared/elicitation';
import {
  checkElicitationAnswer,
  describeElicitationErrors,
} from '../../../shared/elicitationContent';
import { PendingRequestError, type PendingRequestResolvers } from '../approvals';
import { newCallId } from '../gateway/callId';

/**
 * The upstream's own wait for our answer: servers send `elicitation/create` with their SDK's
 * request timeout, 60 s unless the server chose otherwise, and nothing in the request says which.
 * A person's wait is cut to end a little before it, so the server hears "cancel" rather than its
 * own timeout error (docs/FORWARDING.md).
 */
export const UPSTREAM_REQUEST_TIMEOUT_MS = 60_000;
export const UPSTREAM_TIMEOUT_MARGIN_MS = 2_000;

export function elicitationWaitMs(approvalTimeoutS: number): number {
  return Math.min(
    approvalTimeoutS * 1000,
    UPSTREAM_REQUEST_TIMEOUT_MS - UPSTREAM_TIMEOUT_MARGIN_MS,
  );
}

export interface ElicitationRequestInput {
  server: string;
  params: ElicitRequest['params'];
  relatedRecordIds: string[];
  requestedAt: number;
  waitMs: number;
}

export function newPendingElicitation(input: ElicitationRequestInput): PendingElicitation {
  const { params } = input;
  const url = params.mode === 'url' ? params.url : undefined;
  return {
    id: newCallId(input.requestedAt),
    kind: 'elicitation',
    server_name: input.server,
    message: params.message,
    requested_schema:
      params.mode === 'url' ? null : (params.requestedSchema as unknown as ElicitationSchema),
    mode: params.mode === 'url' ? 'url' : 'form',
    ...(url === undefined ? {} : { url }),
    related_record_ids: input.relatedRecordIds,
    requested_at: new Date(input.requestedAt).toISOString(),
    expires_at: new Date(input.requestedAt + input.waitMs).toISOString(),
    action: null,
    decided_by: null,
    decided_at: null,
  };
}

export function resolvedElicitation(
  request: PendingElicitation,
  action: ElicitationAction,
  decidedBy: DecidedBy,
): PendingElicitation {
  return { ...request, action, decided_by: decidedBy, decided_at: new Date().toISOString() };
}

/**
 * `{"action": "accept", "content": {...}} | {"action": "decline"} | {"action": "cancel"}` from a
 * person; `answered` gets the accepted content, which the pending request does not carry.
 */
export function elicitationResolvers(
  request: PendingElicitation,
  answered: (answer: ElicitationAnswer) => void,
): PendingRequestResolvers<PendingElicitation> {
  return {
    answer(input: unknown, by: PersonChannel) {
      const checked = checkElicitationAnswer(request, input);
      if (!checked.ok)
        throw new PendingRequestError('bad_request', describeElicitationErrors(checked.errors));
      answered(checked.answer);
      return resolvedElicitation(request, checked.answer.action, by);
    },
    expire: () => resolvedElicitation(request, 'cancel', 'timeout'),
    shutdown: () => resolvedElicitation(request, 'cancel', 'shutdown'),
  };
}
