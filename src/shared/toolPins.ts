/** Tool pinning shapes as REST, IPC, the CLI and the UI see them (SPEC 11). */

export const TOOL_PINNING_MODES = ['block', 'warn', 'off'] as const;
/** `block` (default): a changed tool's calls are blocked until approved; `warn`: recorded only; `off`: nothing is pinned. */
export type ToolPinningMode = (typeof TOOL_PINNING_MODES)[number];

export const PIN_STATUSES = ['pinned', 'changed', 'new'] as const;
export type PinStatus = (typeof PIN_STATUSES)[number];

/** The part of a tool that is pinned: what an agent reads and what it may send. */
export interface ToolDefinition {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

/** One side of a changed tool's diff. */
export interface PinnedVersion {
  sha256: string;
  definition: ToolDefinition;
  /** When this version was pinned (approved), or first seen for the current one. RFC 3339. */
  at: string;
}

/** `pinned` and `current` are given for a `changed` tool only. */
export interface ToolPinInfo {
  pin_status: PinStatus | null;
  /** The approved definition's hash; null when nothing is pinned (tool_pinning "off"). */
  sha256: string | null;
  pinned_at: string | null;
  pinned?: PinnedVersion;
  current?: PinnedVersion;
}

/** The reason SPEC 11 gives a blocked call of a changed tool. */
export function toolPinBlockReason(server: string, tool: string): string {
  return `The definition of ${server}__${tool} changed since it was approved; review it in Switchboard`;
}
