import { describe, expect, it } from 'vitest';
import { recordAction } from '../../../../../src/renderer/src/views/activity/activityLabels';

describe('recordAction', () => {
  it('names what a server change did, and its failure', () => {
    const change = (action: string | undefined, status = 'success') => ({
      type: 'server_change' as const,
      status,
      metadata: action === undefined ? {} : { action },
    });
    expect(recordAction(change('add'))).toBe('Server added');
    expect(recordAction(change('restart'))).toBe('Server restarted');
    expect(recordAction(change('restart', 'error'))).toBe('Restart failed');
    expect(recordAction(change('disable'))).toBe('Server disabled');
    expect(recordAction(change('crashed', 'error'))).toBe('Server crashed');
    expect(recordAction(change('connect_failed', 'error'))).toBe('Connect failed');
    expect(recordAction(change('reconnected'))).toBe('Server reconnected');
    expect(recordAction(change('clear_log'))).toBe('Log cleared');
    expect(recordAction(change('some_new_thing'))).toBe('Server some new thing');
    expect(recordAction(change(undefined))).toBe('Server changed');
  });

  it('names quarantine changes and keeps the type for calls', () => {
    expect(
      recordAction({
        type: 'quarantine_change',
        status: 'success',
        metadata: { quarantined: true },
      }),
    ).toBe('Quarantined');
    expect(
      recordAction({
        type: 'quarantine_change',
        status: 'success',
        metadata: { quarantined: false },
      }),
    ).toBe('Quarantine lifted');
    expect(recordAction({ type: 'tool_call', status: 'error', metadata: {} })).toBe('Tool call');
  });
});
