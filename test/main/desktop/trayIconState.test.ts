import { describe, expect, it } from 'vitest';
import {
  ACTIVE_WINDOW_MS,
  BLOCKED_WINDOW_MS,
  trayIconState,
  trayTooltip,
  type TrayIconInput,
} from '../../../src/main/desktop/trayIconState';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');

function input(overrides: Partial<TrayIconInput> = {}): TrayIconInput {
  return { now: NOW, lastCallAt: null, lastBlockAt: null, inFlight: 0, servers: [], ...overrides };
}

describe('trayIconState', () => {
  it('is idle with no recent calls', () => {
    expect(trayIconState(input())).toBe('idle');
    expect(trayIconState(input({ lastCallAt: NOW - ACTIVE_WINDOW_MS - 1 }))).toBe('idle');
  });

  it('is active while a call is in flight or one finished in the last seconds', () => {
    expect(trayIconState(input({ inFlight: 1 }))).toBe('active');
    expect(trayIconState(input({ lastCallAt: NOW - ACTIVE_WINDOW_MS }))).toBe('active');
  });

  it('shows a block for the last few minutes, over activity', () => {
    expect(trayIconState(input({ inFlight: 2, lastBlockAt: NOW - 60_000 }))).toBe('blocked');
    expect(trayIconState(input({ lastBlockAt: NOW - BLOCKED_WINDOW_MS - 1 }))).toBe('idle');
  });

  it('shows an upstream down over everything but a waiting call', () => {
    const servers = [{ status: 'ready' as const }, { status: 'error' as const }];
    expect(trayIconState(input({ servers, lastBlockAt: NOW, inFlight: 1 }))).toBe('down');
    expect(trayIconState(input({ servers: [{ status: 'disabled' }] }))).toBe('idle');
  });

  it('waits while a held call waits for a person, over every other state', () => {
    const servers = [{ status: 'error' as const }];
    expect(
      trayIconState(
        input({ servers, toolsAwaitingReview: 1, lastBlockAt: NOW, approvalsWaiting: 1 }),
      ),
    ).toBe('waiting');
    expect(trayIconState(input({ approvalsWaiting: 0, inFlight: 1 }))).toBe('active');
  });
});

describe('trayTooltip', () => {
  it("states the icon's meaning and today's counts", () => {
    expect(trayTooltip('blocked', { calls: 12, errors: 1, blocked: 2 })).toBe(
      'Switchboard: A call was blocked in the last few minutes\nToday: 12 calls, 1 error, 2 blocked',
    );
    expect(trayTooltip('idle', { calls: 1, errors: 0, blocked: 0 })).toBe(
      'Switchboard: Idle\nToday: 1 call, 0 errors, 0 blocked',
    );
    expect(trayTooltip('waiting', { calls: 3, errors: 0, blocked: 0 }, 2)).toBe(
      'Switchboard: 2 calls wait for your approval\nToday: 3 calls, 0 errors, 0 blocked',
    );
  });
});
