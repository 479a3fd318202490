/**
 * How many requests the gateway is forwarding right now, in shared memory (issue 10): the gateway
 * on the main thread counts, the reader workers read the count and wait while it is above zero
 * (activity/readers/yieldToCalls.ts), so a long read steps aside while a call is on the cores.
 * Two Int32s in a SharedArrayBuffer: the count (Atomics.add/sub; Atomics.notify when it reaches
 * 0 wakes the readers waiting for the calls to end) and the calls started so far, which tells a
 * reader whether a call came and went while it slept.
 */

/** The count's slot in the buffer. */
export const CALLS_IN_FLIGHT_INDEX = 0;
/** Calls started since the gauge was made (wraps around; only compared for change). */
export const CALLS_STARTED_INDEX = 1;

export interface CallsInFlightGauge {
  /** Handed to each reader worker at start (structured clone shares it, never copies it). */
  readonly buffer: SharedArrayBuffer;
  /**
   * Counts one request from now; the function returned ends it. Ending it more than once counts
   * once, so an error path and a `close` handler may both end the same request.
   */
  enter(): () => void;
  count(): number;
}

/** The gauge as readers see it: an Int32Array over its buffer (the slots above). */
export function callsInFlightCounter(buffer: SharedArrayBuffer): Int32Array {
  return new Int32Array(buffer, 0, 2);
}

export function createCallsInFlightGauge(): CallsInFlightGauge {
  const buffer = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  const counter = callsInFlightCounter(buffer);
  return {
    buffer,
    enter() {
      Atomics.add(counter, CALLS_STARTED_INDEX, 1);
      Atomics.add(counter, CALLS_IN_FLIGHT_INDEX, 1);
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        // Atomics.sub returns the value before: 1 means this was the last call in flight.
        if (Atomics.sub(counter, CALLS_IN_FLIGHT_INDEX, 1) === 1)
          Atomics.notify(counter, CALLS_IN_FLIGHT_INDEX);
      };
    },
    count: () => Atomics.load(counter, CALLS_IN_FLIGHT_INDEX),
  };
}
