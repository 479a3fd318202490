/**
 * Desktop notifications for tools whose definition changed (SPEC 11): title
 * `Tool changed: <server>__<tool>`, body the record's reason; a click opens the diff. One per
 * `tool_changed` record: the core writes one per change, so there is nothing to coalesce.
 */
import type { ActivityEvent } from '../../shared/activity';

export interface ToolChangeNotification {
  title: string;
  body: string;
  server: string;
  tool: string;
}

export interface ToolChangeNotifierOptions {
  notify(notification: ToolChangeNotification): void;
  isMuted(): boolean;
}

export function toolChangedTitle(server: string, tool: string): string {
  return `Tool changed: ${server}__${tool}`;
}

export function createToolChangeNotifier(options: ToolChangeNotifierOptions): {
  observe(event: ActivityEvent): void;
} {
  return {
    observe({ event, record }) {
      if (event !== 'activity.quarantine_change' || record.metadata.action !== 'tool_changed')
        return;
      if (record.server_name === null || record.tool_name === null || options.isMuted()) return;
      options.notify({
        title: toolChangedTitle(record.server_name, record.tool_name),
        body: record.reason ?? 'Review the change in Switchboard.',
        server: record.server_name,
        tool: record.tool_name,
      });
    },
  };
}
