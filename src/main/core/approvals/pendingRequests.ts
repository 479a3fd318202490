/**
 * The list of requests waiting for a person (SPEC 10): held tool calls and elicitations from
 * upstreams. The registry knows nothing of a kind's answers: each request brings functions
 * that turn a person's answer, its expiry and a shutdown into its resolved shape. It keeps the
 * first resolution (a later answer is a conflict), publishes `approval.requested` and
 * `approval.resolved`, and keeps decided requests readable for a while.
 */
import { SwitchboardApiError } from '../../../shared/api';
import {
  pendingRequestOutcome,
  type ApprovalEvent,
  type PendingRequest,
  type PersonChannel,
} from '../../../shared/approvals';

/** Decided requests stay readable (GET) this long, then they are gone (404). */
export const KEEP_DECIDED_MS = 10 * 60_000;

/** A SwitchboardApiError, so REST answers 404 / 409 / 400 and IPC carries the code. */
export class PendingRequestError extends SwitchboardApiError {
  constructor(code: 'not_found' | 'conflict' | 'bad_request', message: string) {
    // Keeps the name SwitchboardApiError: the doors recognise that error by its name.
    super(code, message);
  }
}

/** How one request resolves; each returns the request in its resolved shape. */
export interface PendingRequestResolvers<Req extends PendingRequest> {
  /** A person's answer; throws PendingRequestError('bad_request') naming what was wrong. */
  answer(input: unknown, by: PersonChannel): Req;
  /** Nobody answered by `expires_at`. */
  expire(): Req;
  /** The process is shutting down. */
  shutdown(): Req;
}

export interface HeldRequest<Req extends PendingRequest> {
  /** Resolves once, with the first resolution. */
  readonly settled: Promise<Req>;
  /** Ends the request from the requester's side (e.g. the agent cancelled); false if it had ended. */
  settle(resolved: Req): boolean;
}

export interface PendingRequestRegistry {
  add<Req extends PendingRequest>(
    request: Req,
    resolvers: PendingRequestResolvers<Req>,
  ): HeldRequest<Req>;
  /** Pending requests, oldest first. */
  pending(): PendingRequest[];
  /** A pending request, or a decided one for KEEP_DECIDED_MS. */
  get(id: string): PendingRequest | undefined;
  /** Applies a person's answer; throws PendingRequestError (not_found, conflict, bad_request). */
  answer(id: string, input: unknown, by: PersonChannel): PendingRequest;
  onDidChange(listener: (event: ApprovalEvent) => void): () => void;
  /** Resolves everything pending as shut down and stops the timers. */
  close(): void;
}

interface Entry {
  request: PendingRequest;
  resolvers: PendingRequestResolvers<PendingRequest> | null;
  finish: (resolved: PendingRequest) => void;
  timer: NodeJS.Timeout | null;
}

export interface PendingRequestRegistryOptions {
  keepDecidedMs?: number;
  onListenerError?: (error: unknown) => void;
}

export function createPendingRequestRegistry(
  options: PendingRequestRegistryOptions = {},
): PendingRequestRegistry {
  const keepDecidedMs = options.keepDecidedMs ?? KEEP_DECIDED_MS;
  // Insertion order is request order, so pending() is oldest first without sorting.
  const entries = new Map<string, Entry>();
  const listeners = new Set<(event: ApprovalEvent) => void>();

  function publish(event: ApprovalEvent): void {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        options.onListenerError?.(error);
      }
    }
  }

  function resolve(entry: Entry, resolved: PendingRequest): void {
    if (entry.timer !== null) clearTimeout(entry.timer);
    entry.resolvers = null;
    entry.request = resolved;
    entry.timer = setTimeout(() => entries.delete(resolved.id), keepDecidedMs);
    entry.timer.unref();
    entry.finish(resolved);
    publish({ event: 'approval.resolved', request: resolved });
  }

  return {
    add<Req extends PendingRequest>(request: Req, resolvers: PendingRequestResolvers<Req>) {
      if (entries.has(request.id)) throw new Error(`pending request ${request.id} exists already`);
      let finish!: (resolved: Req) => void;
      const settled = new Promise<Req>((done) => (finish = done));
      const entry: Entry = {
        request,
        resolvers: resolvers as unknown as PendingRequestResolvers<PendingRequest>,
        finish: finish as (resolved: PendingRequest) => void,
        timer: null,
      };
      entries.set(request.id, entry);
      const delay = Math.max(0, Date.parse(request.expires_at) - Date.now());
      entry.timer = setTimeout(() => {
        entry.timer = null;
        if (entry.resolvers !== null) resolve(entry, entry.resolvers.expire());
      }, delay);
      publish({ event: 'approval.requested', request });
      return {
        settled,
        settle(resolved: Req) {
          if (entry.resolvers === null) return false;
          resolve(entry, resolved);
          return true;
        },
      };
    },

    pending() {
      const list: PendingRequest[] = [];
      for (const entry of entries.values()) if (entry.resolvers !== null) list.push(entry.request);
      return list;
    },

    get: (id) => entries.get(id)?.request,

    answer(id, input, by) {
      const entry = entries.get(id);
      if (entry === undefined) {
        throw new PendingRequestError(
          'not_found',
          `no pending request "${id}": it never existed, or it was decided more than ${keepDecidedMs / 60_000} minutes ago`,
        );
      }
      if (entry.resolvers === null) {
        const how = entry.request.decided_by ?? 'unknown';
        throw new PendingRequestError(
          'conflict',
          `request "${id}" was already decided (${pendingRequestOutcome(entry.request) ?? 'decided'} by ${how}); the first decision wins`,
        );
      }
      const resolved = entry.resolvers.answer(input, by);
      resolve(entry, resolved);
      return resolved;
    },

    onDidChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    close() {
      for (const entry of entries.values()) {
        if (entry.resolvers !== null) resolve(entry, entry.resolvers.shutdown());
        if (entry.timer !== null) clearTimeout(entry.timer);
      }
      entries.clear();
    },
  };
}
