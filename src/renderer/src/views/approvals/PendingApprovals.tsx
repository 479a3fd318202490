/**
 * Requests waiting for a person (SPEC 10), held calls and upstreams' elicitations in one list,
 * shown above every view while there are any.
 */
import { useApprovals } from '../../state/stores';
import '../../styles/approvals.css';
import { ApprovalCard } from './ApprovalCard';
import { ElicitationCard } from './elicitation/ElicitationCard';
import '../../styles/elicitation.css';

export function PendingApprovals() {
  const pending = useApprovals((state) => state.pending);
  if (pending.length === 0) return null;
  return (
    <section className="pending-approvals" aria-label="Pending approvals" aria-live="polite">
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
