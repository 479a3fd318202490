/**
 * Pending approvals (SPEC 10), kept from approval.requested / approval.resolved and reread after a
 * reconnect (they are state, never replayed).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SwitchboardApi } from '../../../shared/api';
import type {
  ApprovalDecisionKind,
  ApprovalEvent,
  PendingApproval,
} from '../../../shared/approvals';
import { withAlwaysAllowRule } from '../lib/alwaysAllowRule';
import { errorMessage } from './asyncState';

export interface ApprovalsState {
  pending: PendingApproval[];
  error: string | null;
  load(): Promise<void>;
  apply(event: ApprovalEvent): void;
  /** Throws the API's error (e.g. 409: decided elsewhere first) for the caller to show. */
  decide(id: string, decision: ApprovalDecisionKind): Promise<void>;
  /** Writes an allow rule above the ask rule, then allows this call once. */
  alwaysAllow(approval: PendingApproval): Promise<void>;
}

export type ApprovalsStore = StoreApi<ApprovalsState>;

export function createApprovalsStore(api: SwitchboardApi): ApprovalsStore {
  const remove = (id: string) => (state: ApprovalsState) => ({
    pending: state.pending.filter((item) => item.id !== id),
  });
  return createStore<ApprovalsState>()((set, get) => ({
    pending: [],
    error: null,
    async load() {
      try {
        const list = await api.listApprovals();
        set({ pending: list.filter((item) => item.kind === 'approval'), error: null });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
    apply(event) {
      const { request } = event;
      // This store keeps approvals only; elicitations share the events.
      if (request.kind !== 'approval') return;
      if (event.event === 'approval.resolved') set(remove(request.id));
      else if (!get().pending.some((item) => item.id === request.id))
        set((state) => ({ pending: [...state.pending, request] }));
    },
    async decide(id, decision) {
      try {
        await api.decideApproval(id, decision);
      } finally {
        // Decided here or elsewhere: either way it no longer waits.
        set(remove(id));
      }
    },
    async alwaysAllow(approval) {
      const { rules } = withAlwaysAllowRule(await api.getPolicies(), approval);
      await api.setPolicies(rules);
      await get().decide(approval.id, 'allow_once');
    },
  }));
}
