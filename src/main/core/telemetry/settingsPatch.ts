/**
 * PATCH /api/v1/settings (SPEC 7, 13): the activity settings, redact_keys and the `telemetry`
 * block. A telemetry patch changes only the keys it gives; `otlp_endpoint: null` removes the
 * endpoint (telemetry then follows the environment, off by default).
 */
import { z } from 'zod';
import { activitySettingsSchema } from '../config/configSchema';
import { configErrorFromZod } from '../config/configError';
import type { RawConfig } from '../config/contracts';
import { telemetryBlockSchema } from './telemetrySchema';

const settingsPatchSchema = z.strictObject({
  ...activitySettingsSchema.partial().shape,
  telemetry: telemetryBlockSchema.optional(),
});

export type ParsedSettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Throws ConfigError naming the key (`telemetry.otlp_endpoint: expected ...`). */
export function parseSettingsPatch(patch: unknown): ParsedSettingsPatch {
  const parsed = settingsPatchSchema.safeParse(patch, { reportInput: true });
  if (!parsed.success) throw configErrorFromZod(parsed.error, []);
  return parsed.data;
}

export function mergeSettingsPatch(raw: RawConfig, patch: ParsedSettingsPatch): RawConfig {
  const { telemetry, ...activity } = patch;
  const next: RawConfig = { ...raw, ...activity };
  if (telemetry !== undefined) {
    const current = raw.telemetry;
    const block: Record<string, unknown> = {
      ...(current !== null && typeof current === 'object' ? current : {}),
      ...telemetry,
    };
    if (block.otlp_endpoint === null) delete block.otlp_endpoint;
    next.telemetry = block;
  }
  return next;
}
