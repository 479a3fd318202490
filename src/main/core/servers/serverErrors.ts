/** Unknown server name: the HTTP layer maps it to 404 (matched by `name`). */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** A server name that is already taken: the HTTP layer maps it to 409. */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

const NAMES_SHOWN = 10;

/** What an unknown server name is met with at every door, in the product's words. */
export function unknownServerMessage(name: string, configured: readonly string[]): string {
  if (configured.length === 0)
    return `No server is named ${JSON.stringify(name)}: no servers are configured yet.`;
  const shown = configured.slice(0, NAMES_SHOWN).map((known) => JSON.stringify(known));
  const more =
    configured.length > NAMES_SHOWN ? ` and ${configured.length - NAMES_SHOWN} more` : '';
  return `No server is named ${JSON.stringify(name)}: the configured servers are ${shown.join(', ')}${more}.`;
}
