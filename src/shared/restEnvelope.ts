/** Query strings and envelopes of the REST API (SPEC 7): how the REST client encodes and reads them. */
import type { ActivityFilter, ActivityQuery } from './activity';
import type { BridgeError } from './api';

export type QueryValue = string | number | boolean | readonly string[] | null | undefined;

/** Query parameters: lists comma-joined, empty values and empty lists left out. */
export function queryParams(
  query: ActivityQuery | ActivityFilter | Record<string, QueryValue>,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  return params;
}

export function withQuery(path: string, params: URLSearchParams): string {
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

export function errorCodeForStatus(status: number): BridgeError['code'] {
  if (status === 400 || status === 422) return 'bad_request';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'internal';
}

export type Envelope<T> =
  { ok: true; data: T } | { ok: false; code: BridgeError['code']; message: string };

/**
 * Reads `{success, data}` / `{success:false, error}`. A body that is not the envelope (a proxy's
 * HTML error page, a bare array) is reported with the HTTP status so the message still helps.
 */
export function readEnvelope<T>(status: number, body: unknown): Envelope<T> {
  if (typeof body === 'object' && body !== null && 'success' in body) {
    const envelope = body as { success: unknown; data?: unknown; error?: unknown };
    if (envelope.success === true && status < 400) return { ok: true, data: envelope.data as T };
    const message =
      typeof envelope.error === 'string' && envelope.error
        ? envelope.error
        : `Switchboard answered HTTP ${status} without saying why.`;
    return { ok: false, code: errorCodeForStatus(status), message };
  }
  if (status < 400) return { ok: true, data: body as T };
  return {
    ok: false,
    code: errorCodeForStatus(status),
    message:
      status === 401
        ? 'Switchboard did not accept the api key.'
        : `Switchboard answered HTTP ${status}.`,
  };
}
