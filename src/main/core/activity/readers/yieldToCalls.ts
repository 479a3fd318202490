/**
 * Reads step aside while calls are in flight (issue 10): before each SQL statement a reader
 * worker runs (its connections' `verbose` hook: each summary statement, each export page, each
 * verify step) it checks the gateway's count of forwarded requests (callsInFlightGauge.ts) and,
 * while calls are coming, blocks its own thread with Atomics.wait until none is in flight and
 * none has started for `quietMs`. At nice 19 the readers already run behind the calls, but they
 * still took most of a core and each call cost more CPU while a reader streamed through the
 * shared caches; a reader that waits costs the calls neither.
 *
 * Bounded, so a read always finishes: a wait ends after `maxWaitMs` even if calls are still in
 * flight, and the read then runs `runSliceMs` without waiting. Under calls that never stop a read
 * still gets runSliceMs / (maxWaitMs + runSliceMs) of the time. Only worker threads may block;
 * a reader on the main thread gets no gauge.
 */
import {
  CALLS_IN_FLIGHT_INDEX,
  CALLS_STARTED_INDEX,
  callsInFlightCounter,
} from '../../callsInFlightGauge';

export interface YieldToCallsOptions {
  /** The longest one wait lasts while calls stay in flight. */
  maxWaitMs: number;
  /** After a wait that hit maxWaitMs, how long the read runs before it waits again. */
  runSliceMs: number;
  /**
   * How long no call may start before the read goes on (an agent's next call often follows its
   * last within a fraction of a millisecond). 0: it goes on as soon as the count is 0.
   */
  quietMs: number;
  /**
   * With quietMs: calls still in flight this long after the last one started no longer hold a
   * read back (a slow tool waits on its upstream, not on the cores), until another call starts.
   */
  longCallMs: number;
  /**
   * Rows per export page (a wait point before each) instead of the export's own page size, when
   * smaller: a reader that started a page goes on to its end while a call arrives.
   */
  exportPageRows: number;
}

/**
 * From the storm bench (docs/PERFORMANCE.md): with no quiet time a reader woke at each call's end
 * and was still reading when the next call came (an agent's back-to-back calls are a fraction of
 * a millisecond apart), and took as much CPU as without waiting; 2 ms keeps it out of such a
 * loop. Under calls that never stop, 10 ms in 110 ms is what reads keep (about a tenth). Export
 * pages stay at the export's own 50 rows: 10-row pages made an export twice as slow.
 */
export const DEFAULT_YIELD_TO_CALLS: YieldToCallsOptions = {
  maxWaitMs: 100,
  runSliceMs: 10,
  quietMs: 2,
  longCallMs: 50,
  exportPageRows: 50,
};

/** Checks the count, waits as above; returns the milliseconds it waited. */
export type YieldToCalls = () => number;

export function createYieldToCalls(
  buffer: SharedArrayBuffer,
  options: Omit<YieldToCallsOptions, 'exportPageRows'> = DEFAULT_YIELD_TO_CALLS,
  now: () => number = () => performance.now(),
): YieldToCalls {
  const counter = callsInFlightCounter(buffer);
  const { maxWaitMs, runSliceMs, quietMs, longCallMs } = options;
  const inFlight = () => Atomics.load(counter, CALLS_IN_FLIGHT_INDEX);
  const started = () => Atomics.load(counter, CALLS_STARTED_INDEX);
  /** Until then the read runs without waiting (it waited its bound). */
  let runUntil = 0;
  /** Calls started as of the last statement: more since then means calls are coming. */
  let seen = started();
  /** The started count at which the calls in flight were found to be long ones (-1: none). */
  let longCallsAt = -1;

  /** Waits until no call is in flight; false at `deadline`. */
  function countReachesZero(deadline: number): boolean {
    for (let t = now(); t < deadline; t = now()) {
      const count = inFlight();
      if (count === 0) return true;
      // Woken when the count reaches 0 (the gauge notifies then), or at the deadline.
      Atomics.wait(counter, CALLS_IN_FLIGHT_INDEX, count, deadline - t);
    }
    return false;
  }

  /**
   * Waits until no call is in flight and none has started for quietMs, or none has started for
   * longCallMs (those in flight are long ones); false at `deadline`. It sleeps on the started
   * slot, which nothing notifies: one wake per quietMs at most, not one per call's end
   * (back-to-back calls would wake it a thousand times a second).
   */
  function callsStayQuiet(deadline: number): boolean {
    let before = started();
    let sameSince = now();
    for (let t = now(); t < deadline; t = now()) {
      const slept = Atomics.wait(
        counter,
        CALLS_STARTED_INDEX,
        before,
        Math.min(quietMs, deadline - t),
      );
      const after = started();
      if (after !== before) {
        before = after;
        sameSince = now();
      } else if (slept === 'timed-out') {
        if (inFlight() === 0) return true;
        if (now() - sameSince >= longCallMs) {
          longCallsAt = after;
          return true;
        }
      }
    }
    return false;
  }

  return () => {
    const calls = started();
    const quiet = (inFlight() === 0 || calls === longCallsAt) && (quietMs <= 0 || calls === seen);
    seen = calls;
    if (quiet) return 0;
    const at = now();
    if (at < runUntil) return 0;
    const deadline = at + maxWaitMs;
    const ended = quietMs > 0 ? callsStayQuiet(deadline) : countReachesZero(deadline);
    if (!ended) runUntil = now() + runSliceMs;
    seen = started();
    return now() - at;
  };
}
