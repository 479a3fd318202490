/**
 * The SDK's Protocol runs notification handlers a microtask later but settles a response at once.
 * When an upstream writes its last progress or log notification and the result in one chunk
 * (stdio reads both lines in one loop), the response wins: the call's progress handler is gone
 * before the notification is handled, and Switchboard no longer knows which call it belonged to.
 * Handing responses to the Protocol one microtask later keeps the order the server wrote.
 */
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

/** Call after `client.connect(transport)`, which installs the Protocol's onmessage. */
export function deliverNotificationsFirst(transport: Transport): void {
  const protocolOnMessage = transport.onmessage;
  if (!protocolOnMessage) return;
  transport.onmessage = (message, extra) => {
    if ('method' in message) protocolOnMessage(message, extra);
    else queueMicrotask(() => protocolOnMessage(message, extra));
  };
}
