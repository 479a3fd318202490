/** Calls waiting for a person (SPEC 10), shown above every view while there are any. */
import { useApprovals } from '../../state/stores';
import '../../styles/approvals.css';
import { ApprovalCard } from './ApprovalCard';

export function PendingApprovals() {
  const pending = useApprovals((state) => state.pending);
  if (pending.length === 0) return null;
  return (
    <section className="pending-approvals" aria-label="Pending approvals" aria-live="polite">
      {pending.map((approval) => (
        <ApprovalCard key={approval.id} approval={approval} />
      ))}
    </section>
  );
}
