/** Which tray icon to show, and its tooltip (SPEC 9). Pure: the caller passes the clock. */
import type { ServerStatus } from '../../shared/servers';

export const TRAY_ICON_STATES = ['idle', 'active', 'blocked', 'down'] as const;
export type TrayIconState = (typeof TRAY_ICON_STATES)[number];

/** A call within this long counts as "agents are working right now". */
export const ACTIVE_WINDOW_MS = 10_000;
/** A blocked call keeps the icon red this long, so a glance minutes later still catches it. */
export const BLOCKED_WINDOW_MS = 5 * 60_000;

export interface TrayIconInput {
  now: number;
  /** Epoch ms of the latest call start or completion, or null. */
  lastCallAt: number | null;
  lastBlockAt: number | null;
  /** Calls started and not yet completed. */
  inFlight: number;
  servers: { status: ServerStatus }[];
}

/** Precedence: a server down outranks a recent block, which outranks activity. */
export function trayIconState(input: TrayIconInput): TrayIconState {
  if (input.servers.some((server) => server.status === 'error')) return 'down';
  if (input.lastBlockAt !== null && input.now - input.lastBlockAt <= BLOCKED_WINDOW_MS) {
    return 'blocked';
  }
  if (input.inFlight > 0) return 'active';
  if (input.lastCallAt !== null && input.now - input.lastCallAt <= ACTIVE_WINDOW_MS) {
    return 'active';
  }
  return 'idle';
}

export interface TodayCounts {
  calls: number;
  errors: number;
  blocked: number;
}

const STATE_LINES: Record<TrayIconState, string> = {
  idle: 'Idle',
  active: 'Agents are calling tools',
  blocked: 'A call was blocked in the last few minutes',
  down: 'An upstream server is down',
};

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function trayTooltip(state: TrayIconState, today: TodayCounts): string {
  const counts = [
    plural(today.calls, 'call', 'calls'),
    plural(today.errors, 'error', 'errors'),
    `${today.blocked} blocked`,
  ].join(', ');
  return `Switchboard: ${STATE_LINES[state]}\nToday: ${counts}`;
}
