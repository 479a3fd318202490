/**
 * What the tray shows about activity, kept up to date from the event bus: the latest calls,
 * today's counts (reset at local midnight), when the last call and the last block happened, and
 * how many calls are in flight. Seeded from the store at start so a restart does not show zeros.
 */
import type { ActivityEvent, ActivityListRow } from '../../shared/activity';
import type { TodayCounts } from './trayIconState';
import type { RecentCall } from './trayMenuModel';

/** Enough history to fill 5 groups even when the newest calls repeat. */
export const RECENT_CALLS_KEPT = 50;
/** A start never followed by its record (a lost connection) stops counting as in flight after the default call timeout. */
export const IN_FLIGHT_FORGET_MS = 600_000;

export interface TrayActivitySnapshot {
  recentCalls: RecentCall[];
  today: TodayCounts;
  lastCallAt: number | null;
  lastBlockAt: number | null;
  inFlight: number;
}

export interface TrayActivityTracker {
  /** Seeds from stored rows (newest first) and today's counts. */
  seed(rows: ActivityListRow[], today: TodayCounts): void;
  observe(event: ActivityEvent): void;
  snapshot(): TrayActivitySnapshot;
}

export function startOfLocalDay(now: number): number {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

function toRecentCall(row: ActivityListRow): RecentCall {
  return {
    id: row.id,
    server_name: row.server_name,
    tool_name: row.tool_name,
    status: row.status,
  };
}

function isAgentCall(row: ActivityListRow): boolean {
  return row.type === 'tool_call' || row.type === 'policy_decision';
}

export function createTrayActivityTracker(now: () => number = Date.now): TrayActivityTracker {
  let recentCalls: RecentCall[] = [];
  let today: TodayCounts = { calls: 0, errors: 0, blocked: 0 };
  let dayStart = startOfLocalDay(now());
  let lastCallAt: number | null = null;
  let lastBlockAt: number | null = null;
  const inFlight = new Map<string, number>();

  function rollOverDay(): void {
    const currentDay = startOfLocalDay(now());
    if (currentDay !== dayStart) {
      dayStart = currentDay;
      today = { calls: 0, errors: 0, blocked: 0 };
    }
  }

  return {
    seed(rows, counts) {
      recentCalls = rows.filter(isAgentCall).slice(0, RECENT_CALLS_KEPT).map(toRecentCall);
      today = { ...counts };
      const newest = rows.find(isAgentCall);
      lastCallAt = newest ? Date.parse(newest.timestamp) : null;
      const newestBlock = rows.find((row) => row.status === 'blocked');
      lastBlockAt = newestBlock ? Date.parse(newestBlock.timestamp) : null;
    },
    observe({ event, record }) {
      rollOverDay();
      if (event === 'activity.tool_call.started') {
        inFlight.set(record.id, now());
        lastCallAt = now();
        return;
      }
      if (!isAgentCall(record)) return;
      inFlight.delete(record.id);
      lastCallAt = now();
      recentCalls = [toRecentCall(record), ...recentCalls].slice(0, RECENT_CALLS_KEPT);
      if (Date.parse(record.timestamp) >= dayStart) {
        today = {
          calls: today.calls + 1,
          errors: today.errors + (record.status === 'error' ? 1 : 0),
          blocked: today.blocked + (record.status === 'blocked' ? 1 : 0),
        };
      }
      if (record.status === 'blocked') lastBlockAt = now();
    },
    snapshot() {
      rollOverDay();
      const current = now();
      for (const [id, startedAt] of inFlight) {
        if (current - startedAt > IN_FLIGHT_FORGET_MS) inFlight.delete(id);
      }
      return { recentCalls, today, lastCallAt, lastBlockAt, inFlight: inFlight.size };
    },
  };
}
