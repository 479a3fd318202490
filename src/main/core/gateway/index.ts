export { countCallsInFlight } from './countCallsInFlight';
export { createGateway } from './gateway';
export type { Gateway, GatewayOptions } from './gateway';
export { runStdioBridge } from './stdioBridge';
export type { StdioBridgeOptions } from './stdioBridge';
