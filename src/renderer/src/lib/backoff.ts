/** Reconnect delays: 1 s, 2 s, 4 s ... capped, with jitter so many tabs do not retry in step. */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + random() * 0.4));
}
