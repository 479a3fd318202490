/**
 * Maps what route handlers throw to a status: bad input is a 4xx with its message, anything
 * unexpected a 500 with a generic message (the detail goes to the log, not the client).
 */
import { SwitchboardApiError, type BridgeError } from '../../../shared/api';
import { QueryParamError } from './activityQuery';
import { HttpError } from './httpResponses';

const STATUS_OF_CODE: Record<BridgeError['code'], number> = {
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

/** Errors from other core modules are matched by name so the HTTP layer does not depend on their files. */
const STATUS_OF_ERROR_NAME: Record<string, number> = {
  ConfigError: 400,
  ActivityQueryError: 400,
  TokenNameError: 400,
  PolicyError: 400,
  ValidationError: 400,
  NotFoundError: 404,
  ConflictError: 409,
  UpstreamUnavailableError: 503,
};

export function toHttpError(error: unknown): HttpError | null {
  if (error instanceof HttpError) return error;
  if (error instanceof QueryParamError) return new HttpError(400, error.message);
  if (error instanceof SwitchboardApiError && error.code !== 'internal') {
    return new HttpError(STATUS_OF_CODE[error.code], error.message);
  }
  if (error instanceof Error) {
    const status = STATUS_OF_ERROR_NAME[error.name];
    if (status !== undefined) return new HttpError(status, error.message);
  }
  return null;
}
