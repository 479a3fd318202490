/**
 * How the wrappers of callTracing.ts find the call a callTool or a record belongs to, without
 * AsyncLocalStorage (on Node 20 it hooks every promise of the process: measured as the largest
 * part of telemetry's cost per call). They follow what the tool call handler passes on unchanged:
 * the call's abort signal (to callTool) and its arguments object (to callTool and into the record).
 */
import type { ActivityRecord } from '../../../shared/activity';

export interface InFlightCalls<T extends { record: ActivityRecord | null }> {
  add(call: T, signal: AbortSignal, args: object | undefined, sessionId: string | null): void;
  remove(call: T, signal: AbortSignal, args: object | undefined, sessionId: string | null): void;
  forUpstreamCall(signal: AbortSignal | undefined, args: object | undefined): T | undefined;
  /** The call a tool_call or policy_decision record was made for, if it has none yet. */
  forRecord(record: ActivityRecord): T | undefined;
}

export function createInFlightCalls<
  T extends { record: ActivityRecord | null },
>(): InFlightCalls<T> {
  const bySignal = new WeakMap<AbortSignal, T>();
  const byArguments = new WeakMap<object, T>();
  // A call without arguments has a record with `arguments: null`: those of one session are told
  // apart by order only (docs/TELEMETRY.md).
  const argumentless = new Map<string, T[]>();

  return {
    add(call, signal, args, sessionId) {
      bySignal.set(signal, call);
      if (args !== undefined) {
        byArguments.set(args, call);
        return;
      }
      const key = sessionId ?? '';
      const list = argumentless.get(key);
      if (list) list.push(call);
      else argumentless.set(key, [call]);
    },

    remove(call, signal, args, sessionId) {
      if (bySignal.get(signal) === call) bySignal.delete(signal);
      if (args !== undefined) {
        if (byArguments.get(args) === call) byArguments.delete(args);
        return;
      }
      const key = sessionId ?? '';
      const list = argumentless.get(key);
      if (!list) return;
      const at = list.indexOf(call);
      if (at !== -1) list.splice(at, 1);
      if (list.length === 0) argumentless.delete(key);
    },

    forUpstreamCall(signal, args) {
      return (
        (signal === undefined ? undefined : bySignal.get(signal)) ??
        (args === undefined ? undefined : byArguments.get(args))
      );
    },

    forRecord(record) {
      const args = record.arguments;
      const call =
        args !== null && typeof args === 'object'
          ? byArguments.get(args)
          : argumentless.get(record.session_id ?? '')?.find((entry) => entry.record === null);
      return call?.record === null ? call : undefined;
    },
  };
}
