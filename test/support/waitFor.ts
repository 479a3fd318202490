/**
 * Waiting in tests without fixed sleeps: on an event that says something changed, or, for state
 * this process changes while handling I/O, after each turn of the event loop. The timeout only
 * bounds a wait that would otherwise hang; it never decides when to look.
 */

/** Holds `condition` true after each event `subscribe` delivers (and once at the start). */
export function whenEvent(
  subscribe: (listener: () => void) => () => void,
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let checking = false;
    let again = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unsubscribe();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(
      () => finish(new Error(`${what}: not within ${timeoutMs} ms`)),
      timeoutMs,
    );
    // One check at a time; an event during a check asks for one more after it.
    const check = async (): Promise<void> => {
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          if (await condition()) return finish();
        } while (again && !settled);
      } catch (error) {
        finish(error as Error);
      } finally {
        checking = false;
      }
    };
    const unsubscribe = subscribe(() => void check());
    void check();
  });
}

/** For state this process changes while handling I/O: re-checked after every event-loop turn. */
export async function untilTrue(
  condition: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Resolves `reached` once `tick` has been called `count` times. */
export function countdown(count: number): { tick(): void; reached: Promise<void> } {
  let left = count;
  let reach: () => void = () => {};
  const reached = new Promise<void>((resolve) => (reach = resolve));
  if (left <= 0) reach();
  return {
    tick() {
      left -= 1;
      if (left === 0) reach();
    },
    reached,
  };
}
