/**
 * Text for pending requests (SPEC 10): the list, and one line per requested / resolved event.
 * Approvals name the held call; elicitations the server and its message.
 */
import {
  pendingRequestOutcome,
  type ApprovalEvent,
  type PendingRequest,
} from '../../../shared/approvals';
import { renderTable } from './output';

function subject(request: PendingRequest): string {
  return request.kind === 'approval'
    ? `${request.server_name}__${request.tool_name}`
    : `${request.server_name} asks`;
}

function secondsLeft(request: PendingRequest, now: number): string {
  return `${Math.max(0, Math.ceil((Date.parse(request.expires_at) - now) / 1000))} s`;
}

/** The RULE column of an approval, what an elicitation asks for (form fields or the URL). */
function what(request: PendingRequest): string {
  if (request.kind === 'approval') return request.policy_id;
  if (request.mode === 'url') return `url ${request.url ?? ''}`;
  return `form: ${Object.keys(request.requested_schema?.properties ?? {}).join(', ')}`;
}

function detail(request: PendingRequest): string {
  return request.kind === 'approval'
    ? JSON.stringify(request.arguments ?? {})
    : JSON.stringify(request.message);
}

function asker(request: PendingRequest): string {
  return request.kind === 'approval'
    ? (request.token_name ?? request.client_name ?? '')
    : request.related_record_ids.join(',');
}

export function renderApprovals(requests: PendingRequest[], now = Date.now()): string {
  if (requests.length === 0) return 'Nothing is waiting for a decision.';
  return renderTable(
    ['ID', 'KIND', 'SUBJECT', 'RULE / ASKS', 'ASKED BY / CALLS', 'LEFT', 'ARGUMENTS / MESSAGE'],
    requests.map((request) => [
      request.id,
      request.kind,
      subject(request),
      what(request),
      asker(request),
      secondsLeft(request, now),
      detail(request).slice(0, 80),
    ]),
  );
}

function hint(request: PendingRequest): string {
  return request.kind === 'approval'
    ? `(switchboard approvals allow|deny ${request.id})`
    : `(switchboard approvals answer ${request.id} --accept JSON|--decline|--cancel)`;
}

/**
 * `12:03:04.120  approval?  github__delete_repo  ask-deletes  ID  (allow: switchboard approvals allow ID)`
 * and `12:03:09.002  approval   allow_once by cli  github__delete_repo  ID`; an elicitation reads
 * `elicitation?  everything asks  "Your name?"  ...`.
 */
export function formatApprovalLine(event: ApprovalEvent): string {
  const { request } = event;
  if (event.event === 'approval.requested') {
    const rule =
      request.kind === 'approval'
        ? `${request.policy_id}${request.reason ? `: ${request.reason}` : ''}`
        : JSON.stringify(request.message);
    return [
      request.requested_at.slice(11, 23),
      `${request.kind}?`.padEnd(17),
      subject(request),
      rule,
      asker(request),
      hint(request),
    ].join('  ');
  }
  return [
    (request.decided_at ?? request.requested_at).slice(11, 23),
    request.kind.padEnd(17),
    `${pendingRequestOutcome(request) ?? ''} by ${request.decided_by ?? ''}`,
    subject(request),
    request.id,
  ].join('  ');
}
