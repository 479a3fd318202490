/** Requests other than tools/call have no isError result: an unavailable upstream is a JSON-RPC error. */
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { UpstreamTimeoutError, UpstreamUnavailableError } from '../upstreams/contracts';
import { relayedError } from './relayedError';

export async function asRpcError<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof UpstreamUnavailableError || error instanceof UpstreamTimeoutError) {
      throw new McpError(ErrorCode.InternalError, error.message);
    }
    if (error instanceof McpError) throw relayedError(error);
    throw error;
  }
}
