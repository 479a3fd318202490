/**
 * Pending requests (SPEC 10): approvals of held calls and upstreams' elicitations, kept from
 * approval.requested / approval.resolved and reread after a reconnect (state, never replayed).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { SwitchboardApiError, type SwitchboardApi } from '../../../shared/api';
import type {
  ApprovalDecisionKind,
  ApprovalEvent,
  PendingApproval,
  PendingRequest,
} from '../../../shared/approvals';
import type { ElicitationAnswer } from '../../../shared/elicitation';
import { withAlwaysAllowRule } from '../lib/alwaysAllowRule';
import { errorMessage } from './asyncState';

export interface ApprovalsState {
  /** Oldest first, both kinds. */
  pending: PendingRequest[];
  error: string | null;
  /** The request the desktop shell asked to show; `seq` makes a repeated ask a new one. */
  focusTarget: { id: string; seq: number } | null;
  requestFocus(id: string): void;
  load(): Promise<void>;
  apply(event: ApprovalEvent): void;
  /** Throws the API's error (e.g. 409: decided elsewhere first) for the caller to show. */
  decide(id: string, decision: ApprovalDecisionKind): Promise<void>;
  /** Writes an allow rule above the ask rule, then allows this call once. */
  alwaysAllow(approval: PendingApproval): Promise<void>;
  /**
   * Throws the API's error. A refused answer (400: a field does not fit) stays pending for the
   * person to fix; any other outcome ends it here.
   */
  answerElicitation(id: string, answer: ElicitationAnswer): Promise<void>;
}

export type ApprovalsStore = StoreApi<ApprovalsState>;

export function createApprovalsStore(api: SwitchboardApi): ApprovalsStore {
  const remove = (id: string) => (state: ApprovalsState) => ({
    pending: state.pending.filter((item) => item.id !== id),
  });
  return createStore<ApprovalsState>()((set, get) => ({
    pending: [],
    error: null,
    focusTarget: null,
    requestFocus(id) {
      set((state) => ({ focusTarget: { id, seq: (state.focusTarget?.seq ?? 0) + 1 } }));
    },
    async load() {
      try {
        const list = await api.listApprovals();
        set({ pending: list, error: null });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
    apply(event) {
      const { request } = event;
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
    async answerElicitation(id, answer) {
      try {
        await api.decideApproval(id, answer);
      } catch (error) {
        if (!(error instanceof SwitchboardApiError && error.code === 'bad_request'))
          set(remove(id));
        throw error;
      }
      set(remove(id));
    },
  }));
}
