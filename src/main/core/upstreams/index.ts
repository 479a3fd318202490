export { createUpstreamManager } from './upstreamManager';
export type { UpstreamManagerOptions, UpstreamManagerWithRouter } from './upstreamManager';
export { DEFAULT_BACKOFF } from './upstreamConnection';
export type { BackoffOptions } from './upstreamConnection';
export { ExposedNameIndex, exposeName, MAX_EXPOSED_NAME_LENGTH } from './toolNames';
export { createPerRequestAbortFetch } from './perRequestAbortFetch';
export { SWITCHBOARD_IMPLEMENTATION } from './clientIdentity';
export * from './contracts';
