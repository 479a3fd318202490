/**
 * The gateway's requests counted while in flight (callsInFlightGauge.ts), for the reader
 * workers to step aside (issue 10). Every POST to /mcp is counted, whatever it carries or however
 * it ends: it carries what the gateway forwards (tools/call on either path, the other methods,
 * batches), and a refused or failed one costs a read only the moment it took. GET (a standing
 * SSE stream) and DELETE forward nothing and are not counted.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallsInFlightGauge } from '../callsInFlightGauge';

type HandleRequest = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function countCallsInFlight(
  handleRequest: HandleRequest,
  gauge: CallsInFlightGauge,
): HandleRequest {
  return async (req, res) => {
    if (req.method !== 'POST') return handleRequest(req, res);
    const leave = gauge.enter();
    // A streamed answer (SSE) may still be going when the handler returns: 'close' ends the
    // count then. It comes once the response is done or its connection is gone, error or not.
    res.once('close', leave);
    try {
      await handleRequest(req, res);
    } finally {
      if (res.writableEnded || res.destroyed) leave();
    }
  };
}
