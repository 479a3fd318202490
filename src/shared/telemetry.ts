/** The `telemetry` block (SPEC 13) and the exporter's state, as REST, IPC, the CLI and the UI see them. */

export interface TelemetrySettings {
  /** Base address; `/v1/traces` and `/v1/metrics` are appended. null: off unless the environment gives one. */
  otlp_endpoint: string | null;
  /** Sent with every export. Secrets: shown masked outside the process. */
  headers: Record<string, string>;
  service_name: string;
  /** Tool arguments and results (redacted) on spans. */
  include_arguments: boolean;
}

/** What PATCH /api/v1/settings takes for `telemetry`: only the keys given change; `otlp_endpoint: null` removes it. */
export type TelemetrySettingsPatch = Partial<TelemetrySettings>;

export interface TelemetryStatus {
  enabled: boolean;
  /** The base address in use, or null when off. */
  endpoint: string | null;
  /** Where the endpoint came from. */
  endpoint_source: 'config' | 'environment' | null;
  include_arguments: boolean;
  /** Spans the collector accepted since telemetry was (re)started. */
  exported_spans: number;
  /** Spans finished and waiting for an export. */
  queued_spans: number;
  /** Spans lost: the queue was full, or an export failed. */
  dropped_spans: number;
  /** ISO time of the last export the collector accepted. */
  last_success_at: string | null;
  last_error: { at: string; message: string } | null;
}

export const TELEMETRY_OFF: TelemetryStatus = Object.freeze({
  enabled: false,
  endpoint: null,
  endpoint_source: null,
  include_arguments: false,
  exported_spans: 0,
  queued_spans: 0,
  dropped_spans: 0,
  last_success_at: null,
  last_error: null,
});

/** One line for `switchboard status` and the Settings card: where spans go and how that is going. */
export function describeTelemetryStatus(status: TelemetryStatus): string {
  if (!status.enabled)
    return 'off (set telemetry.otlp_endpoint in mcp_config.json or OTEL_EXPORTER_OTLP_ENDPOINT)';
  const parts = [
    `${status.endpoint ?? ''} (${status.endpoint_source === 'environment' ? 'from OTEL_EXPORTER_OTLP_ENDPOINT' : 'config'})`,
    `${status.exported_spans} spans exported, ${status.queued_spans} queued, ${status.dropped_spans} dropped`,
    `last success ${status.last_success_at ?? 'never'}`,
  ];
  if (status.last_error)
    parts.push(`last error ${status.last_error.at}: ${status.last_error.message}`);
  return parts.join('; ');
}
