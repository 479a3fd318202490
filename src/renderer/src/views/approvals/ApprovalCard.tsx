/**
 * One held call: the tool, its full (redacted) arguments, the rule and its reason, who asks, a
 * countdown, and the four answers. Plain buttons, so Tab reaches every answer.
 */
import { useState } from 'react';
import type { ApprovalDecisionKind, PendingApproval } from '../../../../shared/approvals';
import { JsonView } from '../../components/JsonView';
import { useNow } from '../../hooks/useNow';
import { formatHash } from '../../lib/hashRoute';
import { useStores } from '../../state/stores';

export function secondsLeft(expiresAt: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 1000));
}

export function ApprovalCard({ approval }: { approval: PendingApproval }) {
  const { approvals, notices } = useStores();
  const now = useNow(1000);
  const [busy, setBusy] = useState(false);
  const name = `${approval.server_name}__${approval.tool_name}`;
  const left = secondsLeft(approval.expires_at, now);

  const run = (label: string, action: () => Promise<void>) => async () => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      notices.getState().push('error', `${label} failed: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  const decide = (decision: ApprovalDecisionKind, label: string) =>
    run(label, () => approvals.getState().decide(approval.id, decision));

  const who = [approval.token_name, approval.client_name].filter(Boolean).join(' · ');
  return (
    <article
      className="approval-card"
      aria-label={`Approve ${name}?`}
      data-approval-id={approval.id}
    >
      <header className="approval-head">
        <h2>
          Approve <bdi className="mono">{name}</bdi>?
        </h2>
        <span className="approval-countdown" aria-label={`${left} seconds left`}>
          {left} s
        </span>
      </header>
      <p className="approval-meta">
        Rule{' '}
        <a href={formatHash('policies', new URLSearchParams({ rule: approval.policy_id }))}>
          <bdi>{approval.policy_id}</bdi>
        </a>
        {approval.reason && (
          <>
            : <bdi>{approval.reason}</bdi>
          </>
        )}
        {who && (
          <>
            {' '}
            · asked by <bdi>{who}</bdi>
          </>
        )}
      </p>
      <div className="approval-arguments">
        <JsonView value={approval.arguments ?? {}} />
      </div>
      <div className="approval-actions">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={decide('allow_once', 'Allow')}
        >
          Allow once
        </button>
        <button type="button" disabled={busy} onClick={decide('allow_session', 'Allow')}>
          Allow for this session
        </button>
        <button type="button" className="danger" disabled={busy} onClick={decide('deny', 'Deny')}>
          Deny
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={run('Always allow', () => approvals.getState().alwaysAllow(approval))}
        >
          Always allow this tool
        </button>
      </div>
    </article>
  );
}
