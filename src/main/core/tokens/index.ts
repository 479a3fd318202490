export { createTokenStore, hashTokenSecret, TokenNameError, TOKEN_PREFIX } from './tokenStore';
export type { TokenStore } from './contracts';
