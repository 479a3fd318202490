import type { McpError } from '@modelcontextprotocol/sdk/types.js';

/**
 * An upstream's JSON-RPC error as the agent should see it: same code, data and text. Rethrowing
 * the McpError itself would send `MCP error <code>: <text>`, which the agent's SDK prefixes again.
 */
export function relayedError(error: McpError): Error {
  return Object.assign(new Error(upstreamMessage(error)), { code: error.code, data: error.data });
}

/** McpError's message is `MCP error <code>: <message>`; the upstream's text is the part after it. */
export function upstreamMessage(error: McpError): string {
  const prefix = `MCP error ${error.code}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}
