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
