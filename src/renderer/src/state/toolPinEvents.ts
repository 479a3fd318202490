/** Keeps the Servers view's tool lists current as tool pins change (SPEC 11). */
import type { ActivityEvent } from '../../../shared/activity';
import { formatHash } from '../lib/hashRoute';
import type { Stores } from './stores';

const TOOL_ACTIONS = new Set(['tool_changed', 'tool_added', 'tool_removed', 'tool_approved']);

/** A tool change or approval reloads that server's tools, if the view has them. */
export function reloadToolsOnPinChange(event: ActivityEvent, stores: Stores): void {
  const { record } = event;
  if (event.event !== 'activity.quarantine_change' || record.server_name === null) return;
  if (!TOOL_ACTIONS.has(String(record.metadata.action))) return;
  const servers = stores.servers.getState();
  if (servers.tools[record.server_name] !== undefined) void servers.loadTools(record.server_name);
}

/** The Servers view with one tool's diff open. */
export function toolDiffHash(server: string, tool: string): string {
  return formatHash('servers', new URLSearchParams({ server, tool }));
}
