/** Exit codes of SPEC 8: 0 ok, 1 connection or server error, 2 bad arguments. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Bad arguments: exit 2 with the reason. */
export class UsageError extends Error {
  readonly exitCode = EXIT_USAGE;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A connection or server error: exit 1 with one sentence. */
export class CliError extends Error {
  readonly exitCode = EXIT_FAILURE;
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export class NotRunningError extends CliError {
  constructor(readonly baseUrl: string) {
    super(`No Switchboard is running at ${baseUrl} (start one with: switchboard serve).`);
    this.name = 'NotRunningError';
  }
}
