/** Maps what a handler throws to the BridgeError the renderer receives (errors cross IPC as data). */
import type { BridgeError } from '../../shared/api';
import { BRIDGE_ERROR_CODES, SwitchboardApiError } from '../../shared/api';

const BRIDGE_CODES: ReadonlySet<string> = new Set(BRIDGE_ERROR_CODES);

/** Error class names from core, by what they mean to a caller. */
const CODE_BY_ERROR_NAME: Record<string, BridgeError['code']> = {
  IpcArgumentError: 'bad_request',
  ConfigError: 'bad_request',
  ZodError: 'bad_request',
  QueryParamError: 'bad_request',
  ActivityQueryError: 'bad_request',
  UpstreamUnavailableError: 'unavailable',
  UpstreamTimeoutError: 'unavailable',
  DataDirInUseError: 'conflict',
  NotFoundError: 'not_found',
  ConflictError: 'conflict',
};

const CODE_BY_HTTP_STATUS: Record<number, BridgeError['code']> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'unauthorized',
  404: 'not_found',
  409: 'conflict',
  503: 'unavailable',
};

function isBridgeCode(value: unknown): value is BridgeError['code'] {
  return typeof value === 'string' && BRIDGE_CODES.has(value);
}

export function toBridgeError(error: unknown): BridgeError {
  if (error instanceof SwitchboardApiError) return { code: error.code, message: error.message };
  if (!(error instanceof Error)) return { code: 'internal', message: String(error) };
  const fields = error as Error & { code?: unknown; status?: unknown; statusCode?: unknown };
  const status = typeof fields.status === 'number' ? fields.status : fields.statusCode;
  const code =
    CODE_BY_ERROR_NAME[error.name] ??
    (isBridgeCode(fields.code) ? fields.code : undefined) ??
    (typeof status === 'number' ? CODE_BY_HTTP_STATUS[status] : undefined) ??
    'internal';
  return { code, message: error.message };
}
