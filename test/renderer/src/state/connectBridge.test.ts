/**
 * connectBridge + the activity store over an in-memory SwitchboardApi: bursts are applied as one
 * delta, a sequence gap is closed by a cursor refetch of the head (never a reload of everything),
 * pause holds rows, and a restarted sequence (a cleared log) reloads the first page.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  ActivityEvent,
  ActivityListRow,
  ActivityPage,
  ActivityQuery,
  ActivityRecord,
} from '../../../../src/shared/activity';
import type { ConnectionState, SwitchboardApi } from '../../../../src/shared/api';
import { connectBridge } from '../../../../src/renderer/src/state/connectBridge';
import { createStores, type Stores } from '../../../../src/renderer/src/state/stores';
import { windowTotal, rowAt } from '../../../../src/renderer/src/lib/activityWindow';
import { makeRecord } from '../lib/fixtures';
import type { PendingApproval, PendingElicitation } from '../../../../src/shared/approvals';

/** A log held in memory, newest first, paged the way the REST API pages. */
class MemoryLog {
  records: ActivityRecord[] = [];
  queries: ActivityQuery[] = [];
  listener: ((event: ActivityEvent) => void) | null = null;
  private seq = 0;

  add(count: number, options: { publish: boolean } = { publish: true }): ActivityRecord[] {
    const added: ActivityRecord[] = [];
    for (let i = 0; i < count; i++) {
      this.seq += 1;
      const record = makeRecord({
        id: `r${String(this.seq).padStart(8, '0')}`,
        timestamp: new Date(Date.UTC(2026, 10, 23, 12) + this.seq * 1000).toISOString(),
      });
      this.records.unshift(record);
      added.push(record);
      if (options.publish) {
        this.listener?.({ event: 'activity.tool_call.completed', seq: this.seq, record });
      }
    }
    return added;
  }

  list(query: ActivityQuery): ActivityPage {
    this.queries.push(query);
    const limit = query.limit ?? 50;
    const matching = this.records.filter(
      (record) => !query.status || query.status.includes(record.status),
    );
    const start = query.cursor
      ? matching.findIndex((record) => record.id === query.cursor) + 1
      : (query.offset ?? 0);
    const rows: ActivityListRow[] = matching
      .slice(start, start + limit)
      .map(({ arguments: _a, response: _r, ...row }) => row);
    const last = rows[rows.length - 1];
    return {
      activities: rows,
      total: matching.length,
      limit,
      offset: start,
      next_cursor: last && start + limit < matching.length ? last.id : null,
    };
  }
}

function memoryApi(log: MemoryLog): SwitchboardApi {
  const unsupported = (): never => {
    throw new Error('not used by this test');
  };
  return {
    getStatus: unsupported,
    listActivity: async (query) => log.list(query),
    getActivity: unsupported,
    getSummary: unsupported,
    clearActivity: unsupported,
    verifyActivity: unsupported,
    startDemo: unsupported,
    exportActivity: unsupported,
    listServers: async () => [],
    getServerTools: unsupported,
    approveTool: unsupported,
    addServer: unsupported,
    updateServer: unsupported,
    removeServer: unsupported,
    serverAction: unsupported,
    importServers: unsupported,
    getPolicies: unsupported,
    setPolicies: unsupported,
    listTokens: async () => [],
    createToken: unsupported,
    revokeToken: unsupported,
    listApprovals: async () => [],
    decideApproval: unsupported,
    getSettings: unsupported,
    updateSettings: unsupported,
    onDidChangeApprovals: () => () => undefined,
    onDidRecordActivity(listener) {
      log.listener = listener;
      return () => {
        log.listener = null;
      };
    },
    onDidChangeServers: () => () => undefined,
    onDidChangeConnection: (listener: (state: ConnectionState) => void) => {
      listener('live');
      return () => undefined;
    },
  };
}

describe('connectBridge', () => {
  let log: MemoryLog;
  let stores: Stores;
  let disconnect: () => void;

  beforeEach(async () => {
    vi.useFakeTimers();
    log = new MemoryLog();
    log.add(250, { publish: false });
    stores = createStores(memoryApi(log));
    disconnect = connectBridge(stores.api, stores);
    stores.activity.getState().setFilter({});
    await vi.advanceTimersByTimeAsync(0);
    log.queries = [];
  });

  afterEach(() => {
    disconnect();
    vi.useRealTimers();
  });

  const rows = () => stores.activity.getState().window;

  it('applies a burst of live records as one delta, without refetching', async () => {
    const seen: number[] = [];
    const unsubscribe = stores.activity.subscribe((state) => seen.push(windowTotal(state.window)));
    log.add(500);
    expect(windowTotal(rows())).toBe(250);
    await vi.advanceTimersByTimeAsync(300);
    unsubscribe();
    expect(windowTotal(rows())).toBe(750);
    expect(seen).toEqual([750]);
    expect(rowAt(rows(), 0)?.id).toBe(log.records[0]?.id);
    expect(log.queries).toEqual([]);
  });

  it('closes a sequence gap by paging the head by cursor, not by reloading', async () => {
    log.add(1);
    await vi.advanceTimersByTimeAsync(300);
    log.add(150, { publish: false }); // missed: a dropped connection
    log.add(1);
    await vi.advanceTimersByTimeAsync(300);
    expect(log.queries).toEqual([
      { limit: 100, cursor: undefined },
      { limit: 100, cursor: log.records[99]?.id },
    ]);
    expect(windowTotal(rows())).toBe(250 + 152);
    const ids = Array.from({ length: 152 }, (_, i) => rowAt(rows(), i)?.id);
    expect(ids).toEqual(log.records.slice(0, 152).map((record) => record.id));
  });

  it('holds live rows while paused and applies them on resume', async () => {
    stores.activity.getState().setPaused(true);
    log.add(3);
    await vi.advanceTimersByTimeAsync(300);
    expect(stores.activity.getState().pending).toHaveLength(3);
    expect(windowTotal(rows())).toBe(250);
    stores.activity.getState().setPaused(false);
    expect(windowTotal(rows())).toBe(253);
    expect(stores.activity.getState().pending).toHaveLength(0);
  });

  it('reloads the first page when the sequence restarts (the log was cleared)', async () => {
    log.add(1);
    await vi.advanceTimersByTimeAsync(300);
    log.records = [];
    log.listener?.({
      event: 'activity.tool_call.completed',
      seq: 0,
      record: makeRecord({ id: 'fresh' }),
    });
    log.records.unshift(makeRecord({ id: 'fresh' }));
    await vi.advanceTimersByTimeAsync(300);
    expect(log.queries).toEqual([{ limit: 100, offset: 0 }]);
    expect(windowTotal(rows())).toBe(1);
  });

  it('keeps only live rows that match the filter', async () => {
    stores.activity.getState().setFilter({ status: ['error'] });
    await vi.advanceTimersByTimeAsync(0);
    expect(windowTotal(rows())).toBe(0);
    log.add(2);
    await vi.advanceTimersByTimeAsync(300);
    expect(windowTotal(rows())).toBe(0);
  });
  it('applies live rows at most every 100 ms, however fast they arrive', async () => {
    // A page's animation frames (60 a second), which the bridge would otherwise flush on.
    vi.stubGlobal('requestAnimationFrame', (run: FrameRequestCallback) =>
      setTimeout(() => run(Date.now()), 16),
    );
    vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
    const seen: number[] = [];
    const unsubscribe = stores.activity.subscribe((state) => seen.push(windowTotal(state.window)));
    for (let ms = 0; ms < 1000; ms += 10) {
      log.add(10);
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(600);
    unsubscribe();
    vi.unstubAllGlobals();
    expect(windowTotal(rows())).toBe(250 + 1000);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(seen.length).toBeLessThanOrEqual(11);
  });

  it('holds a bounded number of rows through a long stream and still pages exactly', async () => {
    for (let burst = 0; burst < 40; burst++) {
      log.add(500);
      await vi.advanceTimersByTimeAsync(300);
    }
    const window = rows();
    const held = window.head.length + [...window.pages.values()].reduce((n, p) => n + p.length, 0);
    expect(windowTotal(window)).toBe(250 + 20_000);
    expect(held).toBeLessThanOrEqual(3_200);
    expect(rowAt(window, 0)?.id).toBe(log.records[0]?.id);

    // A reader who jumps far down gets the rows the server has at that position.
    stores.activity.getState().ensureRange(15_000, 15_030);
    await vi.advanceTimersByTimeAsync(0);
    const ids = Array.from({ length: 31 }, (_, i) => rowAt(rows(), 15_000 + i)?.id);
    expect(ids).toEqual(log.records.slice(15_000, 15_031).map((record) => record.id));
  });

  it('counts rather than holds a flood that arrives while paused, and reloads on resume', async () => {
    stores.activity.getState().setPaused(true);
    for (let burst = 0; burst < 8; burst++) {
      log.add(500);
      await vi.advanceTimersByTimeAsync(300);
    }
    const state = stores.activity.getState();
    expect(state.pending.length + state.pendingDropped).toBe(4_000);
    expect(state.pending).toHaveLength(0);
    state.setPaused(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(windowTotal(rows())).toBe(4_250);
    expect(rowAt(rows(), 0)?.id).toBe(log.records[0]?.id);
  });
});

describe('connectBridge and pending requests', () => {
  it('keeps elicitations beside approvals, and asks the list to show one the shell names', async () => {
    const base = {
      server_name: 'everything',
      requested_at: '2026-12-06T01:00:00.000Z',
      expires_at: '2026-12-06T01:00:50.000Z',
      decided_by: null,
      decided_at: null,
    };
    const approval: PendingApproval = {
      ...base,
      id: 'a1',
      kind: 'approval',
      tool_name: 'echo',
      arguments: {},
      arguments_sha256: '0'.repeat(64),
      token_id: null,
      token_name: null,
      client_name: null,
      session_id: null,
      policy_id: 'ask-echo',
      reason: null,
      decision: null,
    };
    const elicitation: PendingElicitation = {
      ...base,
      id: 'e1',
      kind: 'elicitation',
      message: 'Name?',
      requested_schema: { type: 'object', properties: { name: { type: 'string' } } },
      mode: 'form',
      related_record_ids: [],
      action: null,
    };
    let openRequest: (id: string) => void = () => undefined;
    const api: SwitchboardApi = {
      ...memoryApi(new MemoryLog()),
      listApprovals: async () => [approval, elicitation],
      onDidRequestOpenPendingRequest: (listener) => {
        openRequest = listener;
        return () => undefined;
      },
    };
    const stores = createStores(api);
    const disconnect = connectBridge(api, stores);
    await vi.waitFor(() => expect(stores.approvals.getState().pending).toHaveLength(2));
    expect(stores.approvals.getState().pending.map((request) => request.kind)).toEqual([
      'approval',
      'elicitation',
    ]);
    openRequest(elicitation.id);
    openRequest(elicitation.id);
    // The same request asked for twice is two asks (the person may have scrolled away).
    expect(stores.approvals.getState().focusTarget).toEqual({ id: elicitation.id, seq: 2 });
    disconnect();
  });
});
