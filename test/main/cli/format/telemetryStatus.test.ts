import { describe, expect, it } from 'vitest';
import { describeTelemetryStatus, TELEMETRY_OFF } from '../../../../src/shared/telemetry';

describe('the telemetry line of `switchboard status`', () => {
  it('says how to turn it on while off', () => {
    expect(describeTelemetryStatus(TELEMETRY_OFF)).toBe(
      'off (set telemetry.otlp_endpoint in mcp_config.json or OTEL_EXPORTER_OTLP_ENDPOINT)',
    );
  });

  it('shows where spans go, the counts, the last success and the last error', () => {
    expect(
      describeTelemetryStatus({
        enabled: true,
        endpoint: 'http://127.0.0.1:4318',
        endpoint_source: 'environment',
        include_arguments: false,
        exported_spans: 120,
        queued_spans: 2,
        dropped_spans: 7,
        last_success_at: '2026-12-05T22:00:00.000Z',
        last_error: { at: '2026-12-05T22:01:00.000Z', message: 'connect ECONNREFUSED' },
      }),
    ).toBe(
      'http://127.0.0.1:4318 (from OTEL_EXPORTER_OTLP_ENDPOINT); 120 spans exported, 2 queued, 7 dropped; last success 2026-12-05T22:00:00.000Z; last error 2026-12-05T22:01:00.000Z: connect ECONNREFUSED',
    );
  });
});
