/**
 * Requests waiting for a person (SPEC 10), held calls and upstreams' elicitations in one list,
 * shown above every view while there are any.
 */
import { useEffect, useRef } from 'react';
import { useApprovals } from '../../state/stores';
import '../../styles/approvals.css';
import { ApprovalCard } from './ApprovalCard';
import { ElicitationCard } from './elicitation/ElicitationCard';
import '../../styles/elicitation.css';

const FIRST_CONTROL = 'input:not([disabled]), select:not([disabled]), button:not([disabled])';

export function PendingApprovals() {
  const pending = useApprovals((state) => state.pending);
  const focusTarget = useApprovals((state) => state.focusTarget);
  const sectionRef = useRef<HTMLElement>(null);
  const handledSeq = useRef(0);

  // The desktop shell asked for one request (its notification was clicked): scroll to it and put
  // the keyboard in it, once; if it has not arrived yet, when it does.
  useEffect(() => {
    if (!focusTarget || focusTarget.seq === handledSeq.current) return;
    const id = CSS.escape(focusTarget.id);
    const card = sectionRef.current?.querySelector<HTMLElement>(
      `[data-elicitation-id="${id}"], [data-approval-id="${id}"]`,
    );
    if (!card) return;
    handledSeq.current = focusTarget.seq;
    card.scrollIntoView({ block: 'nearest' });
    card.querySelector<HTMLElement>(FIRST_CONTROL)?.focus();
  }, [focusTarget, pending]);

  if (pending.length === 0) return null;
  return (
    <section
      ref={sectionRef}
      className="pending-approvals"
      aria-label="Pending approvals"
      aria-live="polite"
    >
      {pending.map((request) =>
        request.kind === 'approval' ? (
          <ApprovalCard key={request.id} approval={request} />
        ) : (
          <ElicitationCard key={request.id} request={request} />
        ),
      )}
    </section>
  );
}
