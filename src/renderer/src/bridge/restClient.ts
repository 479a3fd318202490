/**
 * Same-origin JSON requests to the REST API. `switchboard serve` authenticates the browser with
 * the HttpOnly cookie that `/?apikey=KEY` set, so no key is sent from script.
 */
import { SwitchboardApiError } from '../../../shared/api';
import { readEnvelope } from '../lib/restQuery';

export interface RestClient {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** The raw response, for streams (export); errors are still turned into SwitchboardApiError. */
  stream(path: string, signal?: AbortSignal): Promise<Response>;
  readonly baseUrl: string;
}

function unreachable(baseUrl: string, error: unknown): SwitchboardApiError {
  const where = baseUrl || globalThis.location?.origin || 'this address';
  const detail = error instanceof Error ? ` (${error.message})` : '';
  return new SwitchboardApiError(
    'unavailable',
    `Switchboard is not reachable at ${where}${detail}. Is \`switchboard serve\` still running?`,
  );
}

async function parseBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function toError(response: Response): Promise<SwitchboardApiError> {
  const envelope = readEnvelope<unknown>(response.status, await parseBody(response));
  if (envelope.ok) return new SwitchboardApiError('internal', `HTTP ${response.status}`);
  return new SwitchboardApiError(envelope.code, envelope.message);
}

export function createRestClient(baseUrl = ''): RestClient {
  return {
    baseUrl,
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}${path}`, {
          method,
          credentials: 'same-origin',
          headers:
            body === undefined
              ? { Accept: 'application/json' }
              : { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (error) {
        throw unreachable(baseUrl, error);
      }
      const envelope = readEnvelope<T>(response.status, await parseBody(response));
      if (!envelope.ok) throw new SwitchboardApiError(envelope.code, envelope.message);
      return envelope.data;
    },
    async stream(path, signal) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}${path}`, { credentials: 'same-origin', signal });
      } catch (error) {
        if (signal?.aborted) throw error;
        throw unreachable(baseUrl, error);
      }
      if (!response.ok) throw await toError(response);
      return response;
    },
  };
}
