import { describe, expect, it } from 'vitest';
import type { SwitchboardConfig } from '../../../../src/main/core/config';
import { DEFAULT_ACTIVITY_SETTINGS } from '../../../../src/main/core/config';
import { createTelemetry, DEFAULT_TELEMETRY_SETTINGS } from '../../../../src/main/core/telemetry';

function configWith(telemetry: Partial<SwitchboardConfig['telemetry']>): SwitchboardConfig {
  return {
    listen: '127.0.0.1:0',
    api_key: 'k'.repeat(32),
    servers: [],
    policies: [],
    ...DEFAULT_ACTIVITY_SETTINGS,
    redact_keys: [...DEFAULT_ACTIVITY_SETTINGS.redact_keys],
    telemetry: { ...DEFAULT_TELEMETRY_SETTINGS, ...telemetry },
  };
}

describe('telemetry lifecycle', () => {
  it('starts, keeps, replaces and stops its pipeline as the config changes', async () => {
    const telemetry = createTelemetry({ version: 'test', env: {} });
    telemetry.apply(configWith({}));
    expect(telemetry.pipeline()).toBeNull();
    expect(telemetry.status().enabled).toBe(false);

    telemetry.apply(configWith({ otlp_endpoint: 'http://127.0.0.1:1' }));
    const first = telemetry.pipeline();
    expect(first).not.toBeNull();
    expect(telemetry.status()).toMatchObject({ enabled: true, endpoint: 'http://127.0.0.1:1' });

    // An unrelated change (a new array of the same redact keys) keeps the running exporter.
    telemetry.apply(configWith({ otlp_endpoint: 'http://127.0.0.1:1' }));
    expect(telemetry.pipeline()).toBe(first);

    telemetry.apply(configWith({ otlp_endpoint: 'http://127.0.0.1:1', include_arguments: true }));
    expect(telemetry.pipeline()).not.toBe(first);
    expect(telemetry.status().include_arguments).toBe(true);

    telemetry.apply(configWith({}));
    expect(telemetry.pipeline()).toBeNull();
    await telemetry.close();
  });

  it('redacts with the config redact_keys', () => {
    const telemetry = createTelemetry({ version: 'test', env: {} });
    telemetry.apply({ ...configWith({}), redact_keys: ['session_key'] });
    expect(telemetry.redact({ session_key: 'x', password: 'y' })).toEqual({
      session_key: '[REDACTED]',
      password: 'y',
    });
  });
});
