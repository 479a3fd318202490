/**
 * Which door an authenticated REST request came through, for `decided_by` (SPEC 10): the browser
 * UI's cookie is `ui`, the CLI (which says so in a header) is `cli`, any other api-key holder `api`.
 */
import type { IncomingMessage } from 'node:http';
import type { PersonChannel } from '../../../shared/approvals';

export type ApiKeySource = 'header' | 'query' | 'cookie';

/** The CLI's requests carry `X-Switchboard-Client: cli`. */
export const CLIENT_HEADER = 'x-switchboard-client';

const sources = new WeakMap<IncomingMessage, ApiKeySource>();

export function setApiKeySource(req: IncomingMessage, source: ApiKeySource): void {
  sources.set(req, source);
}

export function personChannelOf(req: IncomingMessage): PersonChannel {
  if (sources.get(req) === 'cookie') return 'ui';
  return req.headers[CLIENT_HEADER] === 'cli' ? 'cli' : 'api';
}
