/** Text for pending approvals (SPEC 10): the list, and one line per requested / resolved event. */
import type { ApprovalEvent, PendingRequest } from '../../../shared/approvals';
import { renderTable } from './output';

function subject(request: PendingRequest): string {
  return `${request.server_name}__${request.tool_name}`;
}

function secondsLeft(request: PendingRequest, now: number): string {
  return `${Math.max(0, Math.ceil((Date.parse(request.expires_at) - now) / 1000))} s`;
}

export function renderApprovals(requests: PendingRequest[], now = Date.now()): string {
  if (requests.length === 0) return 'No calls are waiting for a decision.';
  return renderTable(
    ['ID', 'TOOL', 'RULE', 'ASKED BY', 'LEFT', 'ARGUMENTS'],
    requests.map((request) => [
      request.id,
      subject(request),
      request.policy_id,
      request.token_name ?? request.client_name ?? '',
      secondsLeft(request, now),
      JSON.stringify(request.arguments ?? {}).slice(0, 80),
    ]),
  );
}

/**
 * `12:03:04.120  approval?  github__delete_repo  ask-deletes  ID  (allow: switchboard approvals allow ID)`
 * and `12:03:09.002  approval   allow_once by cli  github__delete_repo  ID`.
 */
export function formatApprovalLine(event: ApprovalEvent): string {
  const { request } = event;
  if (event.event === 'approval.requested') {
    return [
      request.requested_at.slice(11, 23),
      'approval?'.padEnd(17),
      subject(request),
      `${request.policy_id}${request.reason ? `: ${request.reason}` : ''}`,
      request.token_name ?? request.client_name ?? '',
      `(switchboard approvals allow|deny ${request.id})`,
    ].join('  ');
  }
  return [
    (request.decided_at ?? request.requested_at).slice(11, 23),
    'approval'.padEnd(17),
    `${request.decision ?? ''} by ${request.decided_by ?? ''}`,
    subject(request),
    request.id,
  ].join('  ');
}
