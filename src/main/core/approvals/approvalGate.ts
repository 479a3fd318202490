/**
 * The hold of a call that an `ask` rule matched (SPEC 10). The call waits on its own promise, so
 * other calls are never held; it ends on the first of: a person's decision, the timeout, the
 * agent's cancel or disconnect, a shutdown. It fills the call's record with what happened.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ActivityRecord } from '../../../shared/activity';
import type { ApprovalRecordMetadata, PendingApproval } from '../../../shared/approvals';
import { approvalResolvers, newPendingApproval, resolvedApproval } from './approvalRequest';
import type { PendingRequestRegistry } from './pendingRequests';
import type { SessionGrants } from './sessionGrants';

/** SPEC 10: clients that reset their timeout on progress keep waiting. */
export const APPROVAL_PROGRESS_INTERVAL_MS = 10_000;
export const APPROVAL_PROGRESS_MESSAGE = 'Waiting for approval in Switchboard';

export interface ApprovalGateOptions {
  registry: PendingRequestRegistry;
  grants: SessionGrants;
  settings: () => { approval_timeout_s: number; redact_keys: readonly string[] };
  progressIntervalMs?: number;
  /** Tests only: a timeout in seconds below the config's 5 s minimum. */
  timeoutS?: number;
}

export interface HeldCall {
  record: ActivityRecord;
  arguments: Record<string, unknown> | undefined;
  policyId: string;
  reason: string | null;
  signal: AbortSignal;
  /** Present when the agent sent a progressToken. */
  sendProgress?: (message: string) => void;
}

export interface ApprovalGate {
  /**
   * Waits for the decision. Null when the call may go on (the record then carries `policy_id`
   * and `metadata.approval`); otherwise the result the agent gets, the record having become the
   * call's one `policy_decision`.
   */
  hold(call: HeldCall): Promise<CallToolResult | null>;
}

export function createApprovalGate(options: ApprovalGateOptions): ApprovalGate {
  const { registry, grants } = options;
  const progressMs = options.progressIntervalMs ?? APPROVAL_PROGRESS_INTERVAL_MS;

  return {
    async hold(call) {
      const { record } = call;
      const key = {
        sessionId: record.session_id,
        tokenId: record.token_id,
        server: record.server_name ?? '',
        tool: record.tool_name ?? '',
      };
      record.policy_id = call.policyId;
      const grant = grants.get(key);
      if (grant !== undefined) {
        setApproval(record, {
          decision: 'allow_session',
          decided_by: grant.decided_by,
          approval_id: grant.approval_id,
          waited_ms: 0,
        });
        return null;
      }

      const settings = options.settings();
      const timeoutS = options.timeoutS ?? settings.approval_timeout_s;
      const requestedAt = Date.now();
      const waitStarted = performance.now();
      const approval = newPendingApproval({
        record,
        arguments: call.arguments,
        policyId: call.policyId,
        reason: call.reason,
        requestedAt,
        timeoutMs: timeoutS * 1000,
        redactKeys: settings.redact_keys,
      });
      const held = registry.add(approval, approvalResolvers(approval));
      const cancel = (): void => void held.settle(resolvedApproval(approval, 'cancelled', 'agent'));
      if (call.signal.aborted) cancel();
      else call.signal.addEventListener('abort', cancel, { once: true });
      const progress =
        call.sendProgress === undefined
          ? null
          : setInterval(() => call.sendProgress?.(APPROVAL_PROGRESS_MESSAGE), progressMs);

      let decided: PendingApproval;
      try {
        decided = await held.settled;
      } finally {
        call.signal.removeEventListener('abort', cancel);
        if (progress !== null) clearInterval(progress);
      }
      const waitedMs = Math.round((performance.now() - waitStarted) * 100) / 100;
      const decision = decided.decision ?? 'deny';
      const decidedBy = decided.decided_by ?? 'timeout';
      setApproval(record, { decision, decided_by: decidedBy, waited_ms: waitedMs });

      if (decision === 'allow_once' || decision === 'allow_session') {
        if (decision === 'allow_session')
          grants.add(key, { approval_id: approval.id, decided_by: decidedBy });
        return null;
      }
      const policy = `policy "${call.policyId}"`;
      const [reason, text] =
        decision === 'cancelled'
          ? ['Cancelled by the agent', `Cancelled by the agent (${policy})`]
          : decidedBy === 'timeout'
            ? [
                `No decision within ${timeoutS} s`,
                `No decision in Switchboard within ${timeoutS} s (${policy})`,
              ]
            : ['Denied in Switchboard', `Denied in Switchboard (${policy})`];
      record.type = 'policy_decision';
      record.status = 'blocked';
      record.reason = reason;
      record.duration_ms = waitedMs;
      return { isError: true, content: [{ type: 'text', text }] };
    },
  };
}

function setApproval(record: ActivityRecord, approval: ApprovalRecordMetadata): void {
  record.metadata = { ...record.metadata, approval };
}
