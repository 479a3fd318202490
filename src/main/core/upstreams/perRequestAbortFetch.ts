/**
 * A fetch for StreamableHTTPClientTransport (and SSEClientTransport) that gives every request its
 * own AbortController. The transport passes one shared signal to every fetch; undici keeps an
 * abort listener on it per request until the Request is garbage-collected, so after ~1,500 calls
 * Node warns MaxListenersExceeded and the listeners pile up. Here the shared signal gets a single
 * listener that aborts whatever is still in flight (the transport aborts it on close).
 */
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { endQuietlyOnBodyTimeout } from './quietListeningStream';
import type { SseTap } from './requestRelations';

/**
 * `tapFor` may give a request's SSE response a reader of its bytes as they pass (the elicitation
 * relations of requestRelations.ts), in the pass this fetch makes over the body anyway.
 */
export function createPerRequestAbortFetch(
  baseFetch: FetchLike = fetch,
  tapFor?: (init: RequestInit | undefined) => SseTap | undefined,
): FetchLike {
  const inFlightBySignal = new WeakMap<AbortSignal, Set<AbortController>>();

  function track(shared: AbortSignal): Set<AbortController> {
    let inFlight = inFlightBySignal.get(shared);
    if (!inFlight) {
      const created = new Set<AbortController>();
      inFlight = created;
      inFlightBySignal.set(shared, created);
      shared.addEventListener(
        'abort',
        () => {
          for (const controller of created) controller.abort(shared.reason);
          created.clear();
        },
        { once: true },
      );
    }
    return inFlight;
  }

  return async (url, init) => {
    const shared = init?.signal ?? undefined;
    if (!shared) return tapped(await baseFetch(url, init), tapFor?.(init));
    if (shared.aborted) throw shared.reason;
    const controller = new AbortController();
    const inFlight = track(shared);
    inFlight.add(controller);
    let response: Response;
    try {
      response = await baseFetch(url, { ...init, signal: controller.signal });
    } catch (error) {
      inFlight.delete(controller);
      throw error;
    }
    const isStream = response.headers.get('content-type')?.includes('text/event-stream') ?? false;
    if (!isStream || !response.body) {
      // JSON and empty bodies are read at once by the transport; nothing long-lived to abort.
      inFlight.delete(controller);
      return response;
    }
    // An SSE body stays open until the server ends it: keep it abortable until then.
    const tap = tapFor?.(init);
    const release = new TransformStream<Uint8Array, Uint8Array>({
      ...(tap === undefined ? {} : { transform: tapChunk(tap) }),
      flush: () => {
        tap?.end();
        inFlight.delete(controller);
      },
    });
    const listening = (init?.method ?? 'GET').toUpperCase() === 'GET';
    const body = (listening ? endQuietlyOnBodyTimeout(response.body) : response.body).pipeThrough(
      release,
    );
    controller.signal.addEventListener('abort', () => inFlight.delete(controller), { once: true });
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

function tapChunk(
  tap: SseTap,
): (chunk: Uint8Array, controller: TransformStreamDefaultController<Uint8Array>) => void {
  return (chunk, controller) => {
    tap.push(chunk);
    controller.enqueue(chunk);
  };
}

/** A response whose SSE body `tap` reads as it passes (the rare fetch without a signal). */
function tapped(response: Response, tap: SseTap | undefined): Response {
  const isStream = response.headers.get('content-type')?.includes('text/event-stream') ?? false;
  if (tap === undefined || !isStream || !response.body) return response;
  const body = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform: tapChunk(tap),
      flush: () => tap.end(),
    }),
  );
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
