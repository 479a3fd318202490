export {
  createPendingRequestRegistry,
  PendingRequestError,
  KEEP_DECIDED_MS,
} from './pendingRequests';
export type {
  PendingRequestRegistry,
  PendingRequestResolvers,
  HeldRequest,
} from './pendingRequests';
export { createSessionGrants } from './sessionGrants';
export type { SessionGrants } from './sessionGrants';
export {
  createApprovalGate,
  APPROVAL_PROGRESS_INTERVAL_MS,
  APPROVAL_PROGRESS_MESSAGE,
} from './approvalGate';
export type { ApprovalGate, HeldCall } from './approvalGate';
