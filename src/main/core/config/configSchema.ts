import { z } from 'zod';
import { ELICITATION_MODES } from '../../../shared/elicitation';
import { TOOL_PINNING_MODES } from '../../../shared/toolPins';
import { validatePolicyRules } from '../policy/policySchema';
import type { ConfigWarning, RawConfig, ServerConfig, SwitchboardConfig } from './contracts';
import { ConfigError, configErrorFromZod } from './configError';
import { DEFAULT_ACTIVITY_SETTINGS, DEFAULT_LISTEN } from './defaults';
import { expandEnvReferences, type Environment } from './envExpansion';
import { resolveServerEntry } from './serverEntrySchema';
import { resolveTelemetryBlock, telemetryBlockSchema } from '../telemetry/telemetrySchema';

/** `host:port`, `[::1]:port`; port 0 asks the OS for a free one. */
const LISTEN = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

export const activitySettingsSchema = z.strictObject({
  activity_retention_days: z.int().min(1),
  activity_max_records: z.int().min(1),
  activity_max_size_mb: z.int().min(1),
  activity_max_response_size: z.int().min(1024),
  activity_cleanup_interval_min: z.int().min(1),
  redact_keys: z.array(z.string().min(1)),
  approval_timeout_s: z.int().min(5).max(3600),
  tool_pinning: z.enum(TOOL_PINNING_MODES),
  elicitation: z.enum(ELICITATION_MODES),
});

const configFileSchema = z.strictObject({
  listen: z
    .string()
    .refine(isListenAddress, { message: 'expected "host:port" such as "127.0.0.1:8080"' })
    .optional(),
  api_key: z.string().min(16),
  mcpServers: z.record(z.string(), z.unknown()).optional(),
  policies: z.unknown().optional(),
  ...activitySettingsSchema.partial().shape,
  telemetry: telemetryBlockSchema.optional(),
});

export const TOP_LEVEL_KEYS: readonly string[] = Object.keys(configFileSchema.shape);

export function isListenAddress(text: string): boolean {
  const match = LISTEN.exec(text);
  return match !== null && Number(match[2]) <= 65_535;
}

export interface ResolvedConfig {
  config: SwitchboardConfig;
  warnings: ConfigWarning[];
}

/**
 * Validates the parsed file and resolves it: env references expanded, aliases folded, defaults
 * filled. Throws ConfigError naming the key path and what was expected (without the file: the
 * caller adds it with `inFile`).
 */
export function resolveConfig(raw: unknown, env: Environment): ResolvedConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError('expected a JSON object at the top level');
  }
  for (const key of Object.keys(raw)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      throw new ConfigError(
        `unknown top-level key; expected one of ${TOP_LEVEL_KEYS.join(', ')}`,
        key,
      );
    }
  }
  const expanded = expandEnvReferences(raw, env) as RawConfig;
  const parsed = configFileSchema.safeParse(expanded, { reportInput: true });
  if (!parsed.success) throw configErrorFromZod(parsed.error);
  const file = parsed.data;

  const warnings: ConfigWarning[] = [];
  const servers: ServerConfig[] = Object.entries(file.mcpServers ?? {}).map(([name, entry]) =>
    resolveServerEntry(name, entry, warnings),
  );
  const policies = file.policies === undefined ? [] : validatePolicyRules(file.policies);

  const config: SwitchboardConfig = {
    listen: file.listen ?? DEFAULT_LISTEN,
    api_key: file.api_key,
    servers,
    policies,
    activity_retention_days:
      file.activity_retention_days ?? DEFAULT_ACTIVITY_SETTINGS.activity_retention_days,
    activity_max_records:
      file.activity_max_records ?? DEFAULT_ACTIVITY_SETTINGS.activity_max_records,
    activity_max_size_mb:
      file.activity_max_size_mb ?? DEFAULT_ACTIVITY_SETTINGS.activity_max_size_mb,
    activity_max_response_size:
      file.activity_max_response_size ?? DEFAULT_ACTIVITY_SETTINGS.activity_max_response_size,
    activity_cleanup_interval_min:
      file.activity_cleanup_interval_min ?? DEFAULT_ACTIVITY_SETTINGS.activity_cleanup_interval_min,
    redact_keys: file.redact_keys ?? [...DEFAULT_ACTIVITY_SETTINGS.redact_keys],
    telemetry: resolveTelemetryBlock(file.telemetry),
    approval_timeout_s: file.approval_timeout_s ?? DEFAULT_ACTIVITY_SETTINGS.approval_timeout_s,
    tool_pinning: file.tool_pinning ?? DEFAULT_ACTIVITY_SETTINGS.tool_pinning,
    elicitation: file.elicitation ?? DEFAULT_ACTIVITY_SETTINGS.elicitation,
  };
  return { config, warnings };
}

/** Parses file text, reporting bad JSON with its line and column. */
export function parseConfigText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    if (position) {
      const offset = Number(position[1]);
      const before = text.slice(0, offset).split('\n');
      const line = before.length;
      const column = (before[before.length - 1] ?? '').length + 1;
      throw new ConfigError(
        `not valid JSON at line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
      );
    }
    throw new ConfigError(`not valid JSON: ${message}`);
  }
}
