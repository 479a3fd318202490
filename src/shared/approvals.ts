/**
 * Pending requests a person answers (SPEC 10): approvals of held tool calls (`kind: "approval"`),
 * and later elicitations from upstreams (`kind: "elicitation"`), in one list. Pure types.
 */

/** What a person (or the REST/IPC caller acting for one) can decide about a held call. */
export type ApprovalDecisionKind = 'allow_once' | 'allow_session' | 'deny';

export const APPROVAL_DECISION_KINDS: readonly ApprovalDecisionKind[] = [
  'allow_once',
  'allow_session',
  'deny',
];

/**
 * How an approval ended. A timeout and a shutdown deny (`decided_by` says which); an agent that
 * cancels or disconnects ends it as `cancelled`.
 */
export type ApprovalDecision = ApprovalDecisionKind | 'cancelled';

/** The channel a decision came through (SPEC 10). */
export type DecidedBy = 'desktop' | 'ui' | 'cli' | 'api' | 'timeout' | 'agent' | 'shutdown';

/** The channels through which a person decides. */
export type PersonChannel = Extract<DecidedBy, 'desktop' | 'ui' | 'cli' | 'api'>;

export type PendingRequestKind = 'approval';

interface PendingRequestBase {
  id: string;
  kind: PendingRequestKind;
  server_name: string;
  /** RFC 3339 UTC with milliseconds. */
  requested_at: string;
  expires_at: string;
  /** Null while pending. */
  decided_by: DecidedBy | null;
  decided_at: string | null;
}

/** A held tools/call; `id` is the id its activity record will have. */
export interface PendingApproval extends PendingRequestBase {
  kind: 'approval';
  tool_name: string;
  /** Redacted as the activity log's arguments are. */
  arguments: Record<string, unknown> | null;
  /** SHA-256 (hex) of the RFC 8785 JSON of the arguments as the agent sent them. */
  arguments_sha256: string;
  token_id: string | null;
  token_name: string | null;
  client_name: string | null;
  session_id: string | null;
  policy_id: string;
  /** The rule's reason. */
  reason: string | null;
  decision: ApprovalDecision | null;
}

export type PendingRequest = PendingApproval;

/** `metadata.approval` of the record of a call that was asked about. */
export interface ApprovalRecordMetadata {
  decision: ApprovalDecision;
  decided_by: DecidedBy;
  waited_ms: number;
  /** Set on a call that `allow_session` let through without asking: the approval that granted it. */
  approval_id?: string;
}

/** State events, not log events: never stored, never replayed, no SSE `id:` line. */
export type ApprovalEventName = 'approval.requested' | 'approval.resolved';

export interface ApprovalEvent {
  event: ApprovalEventName;
  request: PendingRequest;
}

export function isApprovalDecisionKind(value: unknown): value is ApprovalDecisionKind {
  return (APPROVAL_DECISION_KINDS as readonly unknown[]).includes(value);
}
