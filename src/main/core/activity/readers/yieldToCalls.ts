/**
 * Reads step aside while calls are in flight (issue 10): before each SQL statement a reader
 * worker runs (its connections' `verbose` hook: each summary statement, each export page, each
 * verify step) it checks the gateway's count of forwarded requests (callsInFlightGauge.ts) and,
 * while it is above zero, blocks its own thread with Atomics.wait until the count reaches 0. At
 * nice 19 the readers already run behind the calls, but they still took most of a core and each
 * call cost more CPU while a reader streamed through the shared caches; a reader that waits
 * costs the calls neither.
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
   * How long the count must stay at 0 before the read goes on: an agent's next call often
   * follows its last within a fraction of a millisecond. 0 goes on at once.
   */
  quietMs: number;
  /**
   * Rows per export page (a wait point before each) instead of the export's own page size, when
   * smaller: a reader that started a page goes on to its end while a call arrives.
   */
  exportPageRows: number;
}

export const DEFAULT_YIELD_TO_CALLS: YieldToCallsOptions = {
  maxWaitMs: 50,
  runSliceMs: 10,
  quietMs: 0,
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
  const { maxWaitMs, runSliceMs, quietMs } = options;
  const inFlight = () => Atomics.load(counter, CALLS_IN_FLIGHT_INDEX);
  const started = () => Atomics.load(counter, CALLS_STARTED_INDEX);
  /** Until then the read runs without waiting (it waited its bound). */
  let runUntil = 0;
  /** Calls started as of the last statement: more since then means calls are coming. */
  let seen = started();

  /** True when no call starts for quietMs before `deadline`; each call's end wakes it early. */
  function staysQuiet(deadline: number): boolean {
    const before = started();
    const until = now() + quietMs;
    if (until >= deadline) return false;
    for (let t = now(); t < until; t = now()) {
      Atomics.wait(counter, CALLS_IN_FLIGHT_INDEX, 0, until - t);
      if (started() !== before) return false;
    }
    return true;
  }

  /** Waits until no call is in flight (and none starts for quietMs); false at `deadline`. */
  function callsEnded(deadline: number): boolean {
    for (let t = now(); t < deadline; t = now()) {
      const count = inFlight();
      // Woken when the count reaches 0 (the gauge notifies then), or at the deadline.
      if (count > 0) Atomics.wait(counter, CALLS_IN_FLIGHT_INDEX, count, deadline - t);
      else if (quietMs <= 0 || staysQuiet(deadline)) return true;
    }
    return false;
  }

  return () => {
    const calls = started();
    const quiet = inFlight() === 0 && (quietMs <= 0 || calls === seen);
    seen = calls;
    if (quiet) return 0;
    const at = now();
    if (at < runUntil) return 0;
    if (!callsEnded(at + maxWaitMs)) runUntil = now() + runSliceMs;
    seen = started();
    return now() - at;
  };
}
