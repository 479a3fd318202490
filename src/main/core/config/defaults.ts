import type { ActivitySettings } from '../../../shared/servers';

export const CONFIG_FILE_NAME = 'mcp_config.json';
export const DEFAULT_LISTEN = '127.0.0.1:8080';
/** Per call, reset by progress (SPEC 2). */
export const DEFAULT_TIMEOUT_MS = 600_000;

/** The retention and redaction settings a new config starts with (SPEC 2). */
export const DEFAULT_ACTIVITY_SETTINGS: Readonly<ActivitySettings> = Object.freeze({
  activity_retention_days: 90,
  activity_max_records: 100_000,
  activity_max_size_mb: 256,
  activity_max_response_size: 65_536,
  activity_cleanup_interval_min: 60,
  redact_keys: [
    'password',
    'secret',
    'token',
    'api_key',
    'apikey',
    'authorization',
    'cookie',
    'private_key',
  ],
  // Under the 60 s request timeout of the MCP SDK's clients (SPEC 10).
  approval_timeout_s: 50,
  tool_pinning: 'block',
  elicitation: 'switchboard',
});
