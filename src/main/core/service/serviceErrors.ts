/** The not-found answers every door shows in the same words. */
import { SwitchboardApiError } from '../../../shared/api';

export function serverNotFound(name: string): SwitchboardApiError {
  return new SwitchboardApiError(
    'not_found',
    `server ${JSON.stringify(name)} not found: see GET /api/v1/servers (or switchboard servers list) for the configured names`,
  );
}

export function tokenNotFound(id: string): SwitchboardApiError {
  return new SwitchboardApiError(
    'not_found',
    `MCP token ${JSON.stringify(id)} not found: see GET /api/v1/settings/mcp-tokens (or switchboard tokens list) for the token ids`,
  );
}
