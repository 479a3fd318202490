/** The `quarantine_change` records of tool pinning (SPEC 11: `metadata.action` tool_*). */
import type { ActivityRecord } from '../../../shared/activity';
import type { ToolPinningMode } from '../../../shared/toolPins';
import { newActivityRecord } from '../activity/newActivityRecord';

export type ToolChangeAction = 'tool_changed' | 'tool_added' | 'tool_removed' | 'tool_approved';

export interface ToolChange {
  action: ToolChangeAction;
  server: string;
  tool: string;
  old_sha256?: string;
  new_sha256?: string;
}

function reasonOf(change: ToolChange, mode: ToolPinningMode): string {
  const exposed = `${change.server}__${change.tool}`;
  switch (change.action) {
    case 'tool_changed':
      return mode === 'block'
        ? `The definition of ${exposed} changed; its calls are blocked until it is approved`
        : `The definition of ${exposed} changed (tool_pinning "warn": calls still go through)`;
    case 'tool_added':
      return `New tool ${exposed} on a pinned server; pinned as new until approved`;
    case 'tool_removed':
      return `Tool ${exposed} is no longer listed by "${change.server}"`;
    case 'tool_approved':
      return `The current definition of ${exposed} was approved and pinned`;
  }
}

export function toolChangeRecord(change: ToolChange, mode: ToolPinningMode): ActivityRecord {
  const { action, server, tool, ...hashes } = change;
  return newActivityRecord({
    type: 'quarantine_change',
    server_name: server,
    tool_name: tool,
    reason: reasonOf(change, mode),
    metadata: { action, tool, ...hashes },
  });
}
