/**
 * The agent of one downstream tools/call as an answerer of elicitations: present when its client
 * advertised elicitation at initialize. The request goes with `relatedRequestId` = the call, so on
 * Streamable HTTP it travels on that call's own response stream.
 */
import { getSupportedElicitationModes } from '@modelcontextprotocol/sdk/client/index.js';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  ElicitResultSchema,
  type ElicitRequest,
  type ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { AgentElicitor } from './callsInFlight';

/** The part of the SDK's request handler `extra` that sends a request related to the call. */
export interface CallRequestSender {
  sendRequest(
    request: { method: 'elicitation/create'; params: ElicitRequest['params'] },
    resultSchema: typeof ElicitResultSchema,
    options?: RequestOptions,
  ): Promise<ElicitResult>;
}

export function agentElicitorOf(
  server: Server,
  extra: CallRequestSender,
): AgentElicitor | undefined {
  const capability = server.getClientCapabilities()?.elicitation;
  if (capability === undefined) return undefined;
  const modes = getSupportedElicitationModes(capability);
  return {
    form: modes.supportsFormMode,
    url: modes.supportsUrlMode,
    send: (params, options) =>
      extra.sendRequest({ method: 'elicitation/create', params }, ElicitResultSchema, options),
  };
}
