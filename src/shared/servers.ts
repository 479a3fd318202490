import type { AuditStatus } from './audit';
import type { ElicitationMode } from './elicitation';
/** Shapes of servers, policies, tokens, settings and status as REST, IPC and the UI see them (SPEC 2, 4, 6, 7). */
import type { TelemetrySettings, TelemetrySettingsPatch, TelemetryStatus } from './telemetry';
import type { ToolPinInfo, ToolPinningMode } from './toolPins';

export const TRANSPORTS = ['stdio', 'streamable-http', 'sse'] as const;
export type Transport = (typeof TRANSPORTS)[number];

export const SERVER_STATUSES = ['connecting', 'ready', 'error', 'disabled', 'quarantined'] as const;
export type ServerStatus = (typeof SERVER_STATUSES)[number];

/** A server as REST/IPC show it: `env` and `headers` values masked (`••••59`). */
export interface ServerInfo {
  name: string;
  transport: Transport;
  command?: string;
  args?: string[];
  cwd?: string;
  env?: Record<string, string>;
  url?: string;
  headers?: Record<string, string>;
  enabled: boolean;
  quarantined: boolean;
  status: ServerStatus;
  error: string | null;
  tools_count: number;
  timeout_ms: number;
  /** Additive to SPEC 7: while `status` is `error`, when the next reconnect attempt is due (RFC 3339). */
  next_retry_at?: string;
  /**
   * Additive: when the current outage began, from the first failed connection until one succeeds;
   * it stays through reconnect attempts (`connecting`), so a failing server never looks fine.
   */
  failing_since?: string;
}

/** With its pin (SPEC 11): `pin_status`, and for a changed tool both definitions. */
export interface ToolInfo extends ToolPinInfo {
  name: string;
  /** `<server>__<tool>`, shortened deterministically past 64 characters. */
  exposed_name: string;
  description: string | null;
  input_schema: Record<string, unknown>;
}

/** A server entry as written in `mcp_config.json` (stdio or remote). */
export interface ServerEntryInput {
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
  url?: string;
  headers?: Record<string, string>;
  transport?: Transport;
  type?: 'stdio' | 'http' | 'sse' | 'streamable-http';
  enabled?: boolean;
  disabled?: boolean;
  quarantined?: boolean;
  timeout_ms?: number;
}

export type ServerAction = 'restart' | 'enable' | 'disable' | 'quarantine' | 'unquarantine';

/** `ask` holds the call until a person decides (SPEC 10). */
export type PolicyEffect = 'allow' | 'block' | 'ask';

export interface PolicyRule {
  id: string;
  effect: PolicyEffect;
  /** Glob on the server name; default `*`. */
  server?: string;
  /** Glob on the original tool name; default `*`. */
  tool?: string;
  /** JSON path (`path`, `options.mode`, `$.items[0].name`) -> glob, or `/regex/flags`. All must match. */
  arguments?: Record<string, string>;
  reason?: string;
}

export interface McpTokenInfo {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked: boolean;
}

export interface CreatedMcpToken {
  id: string;
  name: string;
  created_at: string;
  /** `swb_` secret, shown this once. */
  token: string;
}

/** PodWarden audit entry (SPEC 7). */
export interface AuditEntry {
  id: string;
  token_name: string | null;
  method: 'TOOL';
  path: string;
  status_code: 200 | 403 | 500;
  created_at: string;
}

export interface ActivitySettings {
  activity_retention_days: number;
  activity_max_records: number;
  activity_max_size_mb: number;
  activity_max_response_size: number;
  activity_cleanup_interval_min: number;
  redact_keys: string[];
  /** How long a held call waits for a person (SPEC 10), 5 to 3600. */
  approval_timeout_s: number;
  tool_pinning: ToolPinningMode;
  /** Who answers an upstream's elicitation (SPEC 3, 10): the person at Switchboard, or the agent. */
  elicitation: ElicitationMode;
}

/** GET /api/v1/settings: the activity settings and the `telemetry` block (its headers masked). */
export interface SwitchboardSettings extends ActivitySettings {
  telemetry: TelemetrySettings;
}

/** PATCH /api/v1/settings: any of the keys; `telemetry` changes only the keys it gives. */
export type SettingsPatch = Partial<ActivitySettings> & { telemetry?: TelemetrySettingsPatch };

export interface StatusInfo {
  version: string;
  pid: number;
  uptime_s: number;
  data_dir: string;
  mcp_url: string;
  ui_url: string;
  servers: Record<ServerStatus, number> & { total: number };
  queue: { records: number; bytes: number };
  database: { path: string; size_bytes: number; records: number };
  /** SPEC 13: the OpenTelemetry exporter's state. */
  telemetry: TelemetryStatus;
  /** SPEC 12: the checkpoint key's fingerprint and the latest signed checkpoint. */
  audit: AuditStatus;
  /**
   * Additive: the `switchboard` command with absolute paths, when known (`switchboard serve`):
   * connect snippets use it, since GUI apps do not see the shell's PATH.
   */
  launcher?: Launcher;
}

/**
 * The `switchboard` command with absolute paths: `command` run with `args` first, with `env`
 * added (the desktop app runs its own binary as Node with `ELECTRON_RUN_AS_NODE=1`).
 */
export interface Launcher {
  command: string;
  args: string[];
  env?: Record<string, string>;
}
