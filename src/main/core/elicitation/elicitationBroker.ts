/**
 * Answers an upstream's `elicitation/create` (SPEC 3, 10). With `"elicitation": "agent"`, a request
 * tied to one call whose agent advertised elicitation goes to that agent on the call's stream.
 * Otherwise (and by default) it joins the pending list for a person; no answer before
 * `expires_at` cancels. Either way the calls it belongs to record the exchange.
 */
import {
  ErrorCode,
  McpError,
  type ElicitRequest,
  type ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { DecidedBy, PendingElicitation } from '../../../shared/approvals';
import type {
  ElicitationAction,
  ElicitationAnswer,
  ElicitationMode,
  ElicitationRecordEntry,
} from '../../../shared/elicitation';
import type { PendingRequestRegistry } from '../approvals';
import type { UpstreamElicitContext } from '../upstreams/contracts';
import type { AgentElicitor, CallInFlight, CallsInFlight } from './callsInFlight';
import {
  elicitationResolvers,
  elicitationWaitMs,
  newPendingElicitation,
  resolvedElicitation,
} from './elicitationRequest';

export interface ElicitationBrokerOptions {
  registry: PendingRequestRegistry;
  calls: CallsInFlight;
  settings: () => { approval_timeout_s: number; elicitation: ElicitationMode };
  /** Tests only: the wait in seconds, below the config's 5 s minimum. */
  timeoutS?: number;
}

interface Outcome {
  action: ElicitationAction;
  decided_by: DecidedBy;
  content?: ElicitResult['content'];
}

export interface ElicitationBroker {
  handle(
    server: string,
    params: ElicitRequest['params'],
    context: UpstreamElicitContext,
  ): Promise<ElicitResult>;
}

export function createElicitationBroker(options: ElicitationBrokerOptions): ElicitationBroker {
  const { registry, calls } = options;

  /** The call the transport names, else every call in flight to that server. */
  function relatedCalls(server: string, context: UpstreamElicitContext): CallInFlight[] {
    const named =
      context.relatedCallId === undefined ? undefined : calls.get(context.relatedCallId);
    return named !== undefined ? [named] : calls.toServer(server);
  }

  /** The agent to ask: one call, tied to the request, whose client takes this mode. */
  function agentOf(related: CallInFlight[], params: ElicitRequest['params']): CallInFlight | null {
    const call = related.length === 1 ? related[0] : undefined;
    if (options.settings().elicitation !== 'agent' || call?.agent === undefined) return null;
    return (params.mode === 'url' ? call.agent.url : call.agent.form) ? call : null;
  }

  function note(related: CallInFlight[], entry: ElicitationRecordEntry): void {
    for (const call of related) calls.note(call.record.id, entry);
  }

  function entryOf(message: string, outcome: Outcome, startedAt: number): ElicitationRecordEntry {
    return {
      message,
      action: outcome.action,
      decided_by: outcome.decided_by,
      waited_ms: Math.round((performance.now() - startedAt) * 100) / 100,
      // Redacted with the rest of the metadata when the recorder stores the record.
      ...(outcome.action === 'accept' && outcome.content !== undefined
        ? { content: outcome.content }
        : {}),
    };
  }

  async function askAgent(
    call: CallInFlight,
    agent: AgentElicitor,
    params: ElicitRequest['params'],
    context: UpstreamElicitContext,
    waitMs: number,
    startedAt: number,
  ): Promise<ElicitResult> {
    let recorded = false;
    const record = (outcome: Outcome): void => {
      if (recorded) return;
      recorded = true;
      note([call], entryOf(params.message, outcome, startedAt));
    };
    // The call can end first (the agent cancelled it): its record gets the exchange before it goes.
    const unwatch = calls.watch(call.record.id, (ended) =>
      record({ action: 'cancel', decided_by: ended.signal.aborted ? 'agent' : 'upstream' }),
    );
    const signal = AbortSignal.any([context.signal, call.signal]);
    try {
      const result = await agent.send(params, { signal, timeout: waitMs });
      record({ action: result.action, decided_by: 'agent', content: result.content });
      return result;
    } catch (error) {
      record({ action: 'cancel', decided_by: context.signal.aborted ? 'upstream' : 'agent' });
      // The agent's own error goes back as it was, so the server hears what it would directly.
      if (error instanceof McpError && error.code !== ErrorCode.RequestTimeout) throw error;
      return { action: 'cancel' };
    } finally {
      unwatch();
    }
  }

  async function askPerson(
    server: string,
    params: ElicitRequest['params'],
    context: UpstreamElicitContext,
    related: CallInFlight[],
    waitMs: number,
    startedAt: number,
  ): Promise<ElicitResult> {
    let answer: ElicitationAnswer | null = null;
    const request = newPendingElicitation({
      server,
      params,
      relatedRecordIds: related.map((call) => call.record.id),
      requestedAt: Date.now(),
      waitMs,
    });
    const held = registry.add(
      request,
      elicitationResolvers(request, (given) => (answer = given)),
    );
    let recorded = false;
    const record = (resolved: PendingElicitation, still: CallInFlight[]): void => {
      if (recorded) return;
      recorded = true;
      const outcome: Outcome = {
        action: resolved.action ?? 'cancel',
        decided_by: resolved.decided_by ?? 'timeout',
        content: answer?.action === 'accept' ? answer.content : undefined,
      };
      note(still, entryOf(params.message, outcome, startedAt));
    };
    // Ended from our side: the server withdrew it, or every call it belonged to ended.
    const end = (by: DecidedBy, still: CallInFlight[]): void => {
      const resolved = resolvedElicitation(request, 'cancel', by);
      if (held.settle(resolved)) record(resolved, still);
    };
    const onUpstreamAbort = (): void => end('upstream', related);
    context.signal.addEventListener('abort', onUpstreamAbort, { once: true });
    let inFlight = related.length;
    const unwatch = related.map((call) =>
      calls.watch(call.record.id, (ended) => {
        inFlight--;
        if (inFlight === 0) end(ended.signal.aborted ? 'agent' : 'upstream', [ended]);
      }),
    );
    if (context.signal.aborted) onUpstreamAbort();

    let resolved: PendingElicitation;
    try {
      resolved = await held.settled;
    } finally {
      context.signal.removeEventListener('abort', onUpstreamAbort);
      for (const stop of unwatch) stop();
    }
    record(resolved, related);
    const given = answer as ElicitationAnswer | null;
    if (resolved.action === 'accept' && given?.action === 'accept') {
      return params.mode === 'url'
        ? { action: 'accept' }
        : { action: 'accept', content: given.content };
    }
    return { action: resolved.action === 'decline' ? 'decline' : 'cancel' };
  }

  return {
    async handle(server, params, context) {
      const startedAt = performance.now();
      const related = relatedCalls(server, context);
      const settings = options.settings();
      const waitMs = elicitationWaitMs(options.timeoutS ?? settings.approval_timeout_s);
      const agentCall = agentOf(related, params);
      if (agentCall?.agent === undefined)
        return askPerson(server, params, context, related, waitMs, startedAt);
      return askAgent(agentCall, agentCall.agent, params, context, waitMs, startedAt);
    },
  };
}
