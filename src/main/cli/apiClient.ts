import { ApiError, NotRunningError } from './cliErrors';

export type QueryValue = string | number | boolean | string[] | undefined;
export type Query = Record<string, QueryValue>;

/** The REST API of a running instance (SPEC 7): `{success, data}` in, `data` out, errors as ApiError. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string | null,
  ) {}

  url(path: string, query: Query = {}): string {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      url.searchParams.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
    return url.toString();
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, { query });
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, { body });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body });
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, { body });
  }

  delete<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('DELETE', path, { query });
  }

  async request<T>(
    method: string,
    path: string,
    options: { query?: Query; body?: unknown } = {},
  ): Promise<T> {
    const init: RequestInit = { method, headers: this.headers(options.body !== undefined) };
    if (options.body !== undefined) init.body = JSON.stringify(options.body);
    const response = await this.fetch(this.url(path, options.query), init);
    const body = await this.readJson(response);
    const envelope = body as { success?: unknown; data?: unknown; error?: unknown } | null;
    if (!response.ok || envelope === null || envelope.success !== true)
      throw this.errorOf(response, body);
    return envelope.data as T;
  }

  /** A raw response for streams (export, SSE); a non-2xx answer becomes ApiError. */
  async stream(
    path: string,
    query: Query = {},
    headers: Record<string, string> = {},
    signal?: AbortSignal,
  ): Promise<Response> {
    const init: RequestInit = { headers: { ...this.headers(false), ...headers } };
    if (signal !== undefined) init.signal = signal;
    const response = await this.fetch(this.url(path, query), init);
    if (!response.ok) throw this.errorOf(response, await this.readJson(response).catch(() => null));
    return response;
  }

  private headers(json: boolean): Record<string, string> {
    // The CLI says so, so an approval it decides is recorded as `decided_by: "cli"` (SPEC 10).
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'X-Switchboard-Client': 'cli',
    };
    if (this.apiKey !== null) headers['X-API-Key'] = this.apiKey;
    if (json) headers['Content-Type'] = 'application/json';
    return headers;
  }

  private async fetch(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, init);
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new NotRunningError(this.baseUrl);
    }
  }

  private async readJson(response: Response): Promise<unknown> {
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ApiError(
        `${this.baseUrl} answered HTTP ${response.status} with something other than JSON: is it a Switchboard?`,
        response.status,
      );
    }
  }

  private errorOf(response: Response, body: unknown): ApiError {
    const error =
      body !== null && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
    let message =
      typeof error === 'string' ? error : `HTTP ${response.status} ${response.statusText}`;
    if (response.status === 401) {
      message +=
        " (pass --api-key, set $SWITCHBOARD_API_KEY, or point --data-dir at the instance's data directory)";
    }
    return new ApiError(message, response.status);
  }
}
