/**
 * Desktop notifications for blocked calls (SPEC 9): title `Blocked: <server>__<tool>`, body the
 * reason. At most one notification per rule every `perRuleIntervalMs`; calls blocked meanwhile
 * are held and announced together when the interval ends ("7 calls blocked in the last minute").
 * Clock and timers are injected so the coalescing is tested without waiting.
 */
import type { ActivityEvent, ActivityRecord } from '../../shared/activity';

export interface BlockedCallNotification {
  title: string;
  body: string;
  /** The record a click opens: the latest one announced. */
  recordId: string;
  /** The one tool announced, for the rule actions; null when a coalesced notice covers several. */
  tool: { server: string; tool: string } | null;
}

export interface NotifierClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface BlockedCallNotifierOptions {
  notify(notification: BlockedCallNotification): void;
  isMuted(): boolean;
  clock?: NotifierClock;
  perRuleIntervalMs?: number;
  /** The window a coalesced count covers. */
  burstWindowMs?: number;
}

export interface BlockedCallNotifier {
  observe(event: ActivityEvent): void;
  dispose(): void;
}

export const DEFAULT_PER_RULE_INTERVAL_MS = 5_000;
export const DEFAULT_BURST_WINDOW_MS = 60_000;

const systemClock: NotifierClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface RuleState {
  lastNotifiedAt: number;
  /** Times of this rule's blocks within the burst window, for the coalesced count. */
  blockTimes: number[];
  pending: ActivityRecord[];
  timer: unknown;
}

export function blockedCallTitle(
  record: Pick<ActivityRecord, 'server_name' | 'tool_name'>,
): string {
  return `Blocked: ${record.server_name ?? '?'}__${record.tool_name ?? '?'}`;
}

function describeWindow(ms: number): string {
  return ms === 60_000 ? 'the last minute' : `the last ${Math.round(ms / 1000)} seconds`;
}

export function createBlockedCallNotifier(
  options: BlockedCallNotifierOptions,
): BlockedCallNotifier {
  const clock = options.clock ?? systemClock;
  const interval = options.perRuleIntervalMs ?? DEFAULT_PER_RULE_INTERVAL_MS;
  const burstWindow = options.burstWindowMs ?? DEFAULT_BURST_WINDOW_MS;
  const rules = new Map<string, RuleState>();

  function recentBlocks(state: RuleState, now: number): number {
    state.blockTimes = state.blockTimes.filter((time) => now - time <= burstWindow);
    return state.blockTimes.length;
  }

  function announce(state: RuleState, records: ActivityRecord[]): void {
    const latest = records[records.length - 1];
    if (!latest) return;
    const now = clock.now();
    state.lastNotifiedAt = now;
    const sameTool = records.every(
      (record) =>
        record.server_name === latest.server_name && record.tool_name === latest.tool_name,
    );
    const tool =
      sameTool && latest.server_name !== null && latest.tool_name !== null
        ? { server: latest.server_name, tool: latest.tool_name }
        : null;
    if (records.length === 1) {
      options.notify({
        title: blockedCallTitle(latest),
        body: latest.reason ?? `Blocked by policy "${latest.policy_id ?? 'unknown'}"`,
        recordId: latest.id,
        tool,
      });
      return;
    }
    const count = recentBlocks(state, now);
    const reason = latest.reason ? `: ${latest.reason}` : '';
    options.notify({
      title: sameTool ? blockedCallTitle(latest) : `Blocked by policy "${latest.policy_id ?? '?'}"`,
      body: `${count} calls blocked in ${describeWindow(burstWindow)}${reason}`,
      recordId: latest.id,
      tool,
    });
  }

  function flush(state: RuleState): void {
    state.timer = null;
    const records = state.pending;
    state.pending = [];
    if (options.isMuted()) return;
    announce(state, records);
  }

  return {
    observe({ event, record }) {
      if (event !== 'activity.policy_decision' || record.status !== 'blocked') return;
      if (options.isMuted()) return;
      const key = record.policy_id ?? '';
      const now = clock.now();
      let state = rules.get(key);
      if (!state) {
        state = { lastNotifiedAt: -Infinity, blockTimes: [], pending: [], timer: null };
        rules.set(key, state);
      }
      state.blockTimes.push(now);
      if (state.timer === null && now - state.lastNotifiedAt >= interval) {
        announce(state, [record]);
        return;
      }
      state.pending.push(record);
      if (state.timer === null) {
        const current = state;
        state.timer = clock.setTimeout(() => flush(current), state.lastNotifiedAt + interval - now);
      }
    },
    dispose() {
      for (const state of rules.values()) {
        if (state.timer !== null) clock.clearTimeout(state.timer);
      }
      rules.clear();
    },
  };
}
