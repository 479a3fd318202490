/** Which tray icon to show, and its tooltip (SPEC 9). Pure: the caller passes the clock. */
import type { ServerStatus } from '../../shared/servers';

export const TRAY_ICON_STATES = [
  'idle',
  'active',
  'blocked',
  'down',
  'attention',
  'waiting',
] as const;
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
  /** Tools whose definition changed and whose calls are blocked until approved (SPEC 11). */
  toolsAwaitingReview?: number;
  /** Held calls waiting for a person (SPEC 10). */
  approvalsWaiting?: number;
}

/**
 * Precedence: a held call waiting for a person (it is denied when its timeout runs out, so it
 * outranks everything), then a server down, then a changed tool waiting for review (it stays
 * until approved), then a recent block, then activity.
 */
export function trayIconState(input: TrayIconInput): TrayIconState {
  if ((input.approvalsWaiting ?? 0) > 0) return 'waiting';
  if (input.servers.some((server) => server.status === 'error')) return 'down';
  if ((input.toolsAwaitingReview ?? 0) > 0) return 'attention';
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
  attention: 'A tool changed: review it in Servers',
  waiting: 'A call waits for your approval',
};

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** `waiting`: how many held calls, for the waiting state's line. */
export function trayTooltip(state: TrayIconState, today: TodayCounts, waiting = 0): string {
  const line =
    state === 'waiting' && waiting > 0
      ? `${plural(waiting, 'call waits', 'calls wait')} for your approval`
      : STATE_LINES[state];
  const counts = [
    plural(today.calls, 'call', 'calls'),
    plural(today.errors, 'error', 'errors'),
    `${today.blocked} blocked`,
  ].join(', ');
  return `Switchboard: ${line}\nToday: ${counts}`;
}
