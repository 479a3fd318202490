/**
 * The pending approval of one held call (SPEC 10): its shape, and how a person's answer, the
 * timeout, the agent's cancel and a shutdown resolve it.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import {
  isApprovalDecisionKind,
  type ApprovalDecision,
  type DecidedBy,
  type PendingApproval,
  type PersonChannel,
} from '../../../shared/approvals';
import type { ActivityRecord } from '../../../shared/activity';
import { createKeyMatcher, redactValue } from '../activity/redaction';
import { PendingRequestError, type PendingRequestResolvers } from './pendingRequests';

export interface ApprovalRequestInput {
  /** The call's record: its id, server, tool and who is asking. */
  record: ActivityRecord;
  arguments: Record<string, unknown> | undefined;
  policyId: string;
  reason: string | null;
  requestedAt: number;
  timeoutMs: number;
  redactKeys: readonly string[];
}

export function newPendingApproval(input: ApprovalRequestInput): PendingApproval {
  const { record } = input;
  const args = input.arguments ?? {};
  return {
    id: record.id,
    kind: 'approval',
    server_name: record.server_name ?? '',
    tool_name: record.tool_name ?? '',
    arguments:
      input.arguments === undefined
        ? null
        : (redactValue(args, createKeyMatcher(input.redactKeys)) as Record<string, unknown>),
    arguments_sha256: createHash('sha256')
      .update(canonicalize(args) ?? '{}')
      .digest('hex'),
    token_id: record.token_id,
    token_name: record.token_name,
    client_name: record.client_name,
    session_id: record.session_id,
    policy_id: input.policyId,
    reason: input.reason,
    requested_at: new Date(input.requestedAt).toISOString(),
    expires_at: new Date(input.requestedAt + input.timeoutMs).toISOString(),
    decision: null,
    decided_by: null,
    decided_at: null,
  };
}

export function resolvedApproval(
  approval: PendingApproval,
  decision: ApprovalDecision,
  decidedBy: DecidedBy,
): PendingApproval {
  return {
    ...approval,
    decision,
    decided_by: decidedBy,
    decided_at: new Date().toISOString(),
  };
}

/** `{"decision": "allow_once" | "allow_session" | "deny"}` from a person. */
export function approvalResolvers(
  approval: PendingApproval,
): PendingRequestResolvers<PendingApproval> {
  return {
    answer(input: unknown, by: PersonChannel) {
      const decision =
        typeof input === 'object' && input !== null && !Array.isArray(input)
          ? (input as { decision?: unknown }).decision
          : undefined;
      if (!isApprovalDecisionKind(decision)) {
        throw new PendingRequestError(
          'bad_request',
          `decision: expected "allow_once", "allow_session" or "deny", got ${JSON.stringify(decision) ?? 'nothing'}`,
        );
      }
      return resolvedApproval(approval, decision, by);
    },
    expire: () => resolvedApproval(approval, 'deny', 'timeout'),
    shutdown: () => resolvedApproval(approval, 'deny', 'shutdown'),
  };
}
