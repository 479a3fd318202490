export { createCallsInFlight } from './callsInFlight';
export type { AgentElicitor, CallInFlight, CallsInFlight } from './callsInFlight';
export { createElicitationBroker } from './elicitationBroker';
export type { ElicitationBroker, ElicitationBrokerOptions } from './elicitationBroker';
export { agentElicitorOf } from './agentElicitor';
export {
  elicitationWaitMs,
  UPSTREAM_REQUEST_TIMEOUT_MS,
  UPSTREAM_TIMEOUT_MARGIN_MS,
} from './elicitationRequest';
