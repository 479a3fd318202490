/**
 * Pending requests a person answers (SPEC 10): approvals of held tool calls (`kind: "approval"`)
 * and elicitations from upstreams (`kind: "elicitation"`), in one list. Pure types.
 */
import type {
  ElicitationAction,
  ElicitationAnswer,
  ElicitationRequestMode,
  ElicitationSchema,
} from './elicitation';

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

/**
 * The channel a decision came through (SPEC 10). `agent` also answers an elicitation forwarded to
 * the agent; `upstream`: the server withdrew its elicitation (cancelled it, or its call ended).
 */
export type DecidedBy =
  'desktop' | 'ui' | 'cli' | 'api' | 'timeout' | 'agent' | 'shutdown' | 'upstream';

/** The channels through which a person decides. */
export type PersonChannel = Extract<DecidedBy, 'desktop' | 'ui' | 'cli' | 'api'>;

export type PendingRequestKind = 'approval' | 'elicitation';

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

/**
 * An upstream's `elicitation/create` waiting for a person (SPEC 10). `id` is Switchboard's own;
 * `related_record_ids` are the ids of the records of the calls it belongs to.
 */
export interface PendingElicitation extends PendingRequestBase {
  kind: 'elicitation';
  message: string;
  /** The form's fields; null in URL mode. */
  requested_schema: ElicitationSchema | null;
  mode: ElicitationRequestMode;
  /** URL mode only: where the person is sent (opened only when they confirm). */
  url?: string;
  related_record_ids: string[];
  /** Null while pending. */
  action: ElicitationAction | null;
}

export type PendingRequest = PendingApproval | PendingElicitation;

/**
 * What answers a pending request through `decideApproval` (one door, `POST /api/v1/approvals/{id}`):
 * a decision for an approval, an action (with content when accepted) for an elicitation.
 */
export type PendingRequestAnswer = ApprovalDecisionKind | ElicitationAnswer;

/** The JSON body that carries an answer: `{"decision": …}` or the elicitation answer itself. */
export function pendingRequestAnswerBody(answer: PendingRequestAnswer): Record<string, unknown> {
  return typeof answer === 'string' ? { decision: answer } : answer;
}

/** The outcome of a resolved request, for messages: `allow_once`, `deny`, `accept`, … */
export function pendingRequestOutcome(request: PendingRequest): string | null {
  return request.kind === 'approval' ? request.decision : request.action;
}

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
