/** REST calls to a running Switchboard with its api key, as scripts and the CLI make them. */

export interface RestClient {
  /** Status and parsed JSON body, whatever the status. */
  api<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  /** `data` of a success envelope; throws with the status and body otherwise. */
  data<T>(method: string, path: string, body?: unknown): Promise<T>;
  /**
   * Polls `GET /api/v1/activity?<query>` until `total` reaches `atLeast` (records commit within
   * the queue's interval, <= 100 ms); `beforeEachPoll` may flush an in-process recorder.
   */
  waitForTotal(query: string, atLeast: number, timeoutMs?: number): Promise<number>;
}

export function createRestClient(
  baseUrl: string,
  apiKey: string,
  beforeEachPoll: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 25)),
): RestClient {
  const api: RestClient['api'] = async (method, path, body) => {
    const response = await fetch(baseUrl + path, {
      method,
      headers: {
        'X-API-Key': apiKey,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as never };
  };
  const data = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const { status, body: parsed } = await api<{ success: boolean; data: T }>(method, path, body);
    if (status >= 300 || !parsed.success)
      throw new Error(`${method} ${path} -> ${status}: ${JSON.stringify(parsed)}`);
    return parsed.data;
  };
  return {
    api,
    data,
    async waitForTotal(query, atLeast, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { total } = await data<{ total: number }>('GET', `/api/v1/activity?${query}`);
        if (total >= atLeast) return total;
        if (Date.now() > deadline)
          throw new Error(
            `only ${total} of ${atLeast} records for "${query}" after ${timeoutMs} ms`,
          );
        await beforeEachPoll();
      }
    },
  };
}
