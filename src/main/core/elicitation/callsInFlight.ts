/**
 * The tool calls that are waiting on an upstream, so an upstream's `elicitation/create` can be
 * tied to the call(s) it belongs to (SPEC 10: `related_record_ids`), offered to that call's agent
 * (`"elicitation": "agent"`), and written into those calls' records (`metadata.elicitations`).
 * An exchange still open when a call ends is closed first, so the call's record has it before it
 * is enqueued: a record is never changed after that (its hash is taken from what was enqueued).
 */
import type { ElicitRequest, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import type { ActivityRecord } from '../../../shared/activity';
import type { ElicitationRecordEntry } from '../../../shared/elicitation';

/** The agent of a call, when its client advertised elicitation and can be asked on the call's stream. */
export interface AgentElicitor {
  form: boolean;
  url: boolean;
  send(
    params: ElicitRequest['params'],
    options: { signal: AbortSignal; timeout: number },
  ): Promise<ElicitResult>;
}

export interface CallInFlight {
  /** The call's record-to-be: its id, server and session. */
  record: ActivityRecord;
  /** Aborted when the agent cancels the call or disconnects. */
  signal: AbortSignal;
  agent?: AgentElicitor;
}

/** An elicitation the call waits on: closed when the call ends before it is answered. */
export type OpenExchange = (call: CallInFlight) => void;

export interface CallsInFlight {
  /** Runs the call's upstream request; what was elicited meanwhile is in the record when it returns. */
  during<T>(call: CallInFlight, run: () => Promise<T>): Promise<T>;
  get(recordId: string): CallInFlight | undefined;
  /** Calls in flight to `server`, oldest first. */
  toServer(server: string): CallInFlight[];
  /** Notes an exchange in the record of `recordId` (if it is still in flight). */
  note(recordId: string, entry: ElicitationRecordEntry): void;
  /** Until the returned function runs, `close` runs if the call ends. */
  watch(recordId: string, close: OpenExchange): () => void;
}

interface Tracked {
  call: CallInFlight;
  entries: ElicitationRecordEntry[];
  open: Set<OpenExchange>;
}

export function createCallsInFlight(): CallsInFlight {
  // Insertion order is call order.
  const calls = new Map<string, Tracked>();

  return {
    async during(call, run) {
      const tracked: Tracked = { call, entries: [], open: new Set() };
      calls.set(call.record.id, tracked);
      try {
        return await run();
      } finally {
        if (tracked.open.size > 0) for (const close of [...tracked.open]) close(call);
        calls.delete(call.record.id);
        if (tracked.entries.length > 0) {
          call.record.metadata = { ...call.record.metadata, elicitations: tracked.entries };
        }
      }
    },
    get: (recordId) => calls.get(recordId)?.call,
    toServer(server) {
      const list: CallInFlight[] = [];
      for (const { call } of calls.values())
        if (call.record.server_name === server) list.push(call);
      return list;
    },
    note(recordId, entry) {
      calls.get(recordId)?.entries.push(entry);
    },
    watch(recordId, close) {
      const tracked = calls.get(recordId);
      if (tracked === undefined) return () => undefined;
      tracked.open.add(close);
      return () => tracked.open.delete(close);
    },
  };
}
