/** The odd upstream (support/oddServer.mjs) added to a running Switchboard, and what it serves. */
import { fileURLToPath } from 'node:url';
import type { SwitchboardInstance } from './switchboardProcess';
import { waitForServersReady } from './switchboardProcess';

export const ODD_SERVER = fileURLToPath(new URL('./oddServer.mjs', import.meta.url));
export const LONG_TOOL_NAME =
  'summarize_every_quarterly_report_in_the_shared_finance_drive_and_email_the_board';

/** Adds the `odd` server, keeps up to 2,000,000 response bytes a call, waits until it is ready. */
export async function addOddServer(switchboard: SwitchboardInstance): Promise<void> {
  await switchboard.api('PATCH', '/api/v1/settings', { activity_max_response_size: 2_000_000 });
  await switchboard.api('POST', '/api/v1/servers', {
    name: 'odd',
    command: process.execPath,
    args: [ODD_SERVER],
  });
  await waitForServersReady(switchboard);
}
