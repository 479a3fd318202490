/** The not-found answers every door shows in the same words. */
import { SwitchboardApiError } from '../../../shared/api';
import { unknownServerMessage } from '../servers/serverErrors';

export function serverNotFound(name: string, configured: readonly string[]): SwitchboardApiError {
  return new SwitchboardApiError('not_found', unknownServerMessage(name, configured));
}

/** Tokens are named by id at the doors (a name may repeat among revoked ones). */
export function tokenNotFound(id: string): SwitchboardApiError {
  return new SwitchboardApiError(
    'not_found',
    `No MCP token has the id ${JSON.stringify(id)}: use a token's id (its name is not enough), as the Tokens view and \`switchboard tokens list\` show it.`,
  );
}
