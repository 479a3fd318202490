/** A query value the store cannot use; `parameter` names it so the HTTP layer answers 400. */
export class ActivityQueryError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`${parameter}: ${message}`);
    this.name = 'ActivityQueryError';
  }
}
