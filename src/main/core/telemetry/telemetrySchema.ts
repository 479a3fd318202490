/**
 * The `telemetry` block of mcp_config.json (SPEC 13), and the settings in force once the
 * environment's OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_EXPORTER_OTLP_HEADERS are folded in (config keys
 * win).
 */
import { z } from 'zod';
import type { TelemetrySettings } from '../../../shared/telemetry';

export const DEFAULT_TELEMETRY_SETTINGS: Readonly<TelemetrySettings> = Object.freeze({
  otlp_endpoint: null,
  headers: {},
  service_name: 'switchboard',
  include_arguments: false,
});

const endpoint = z.string().refine(isHttpUrl, {
  message: 'expected an http:// or https:// base address such as "http://127.0.0.1:4318"',
});

export const telemetryBlockSchema = z.strictObject({
  otlp_endpoint: endpoint.nullable().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  service_name: z.string().min(1).optional(),
  include_arguments: z.boolean().optional(),
});

export type TelemetryBlock = z.infer<typeof telemetryBlockSchema>;

export function resolveTelemetryBlock(block: TelemetryBlock | undefined): TelemetrySettings {
  return {
    otlp_endpoint: block?.otlp_endpoint ?? DEFAULT_TELEMETRY_SETTINGS.otlp_endpoint,
    headers: { ...(block?.headers ?? {}) },
    service_name: block?.service_name ?? DEFAULT_TELEMETRY_SETTINGS.service_name,
    include_arguments: block?.include_arguments ?? DEFAULT_TELEMETRY_SETTINGS.include_arguments,
  };
}

/** The settings an exporter runs with, or null when telemetry is off. */
export interface EffectiveTelemetry {
  endpoint: string;
  endpointSource: 'config' | 'environment';
  headers: Record<string, string>;
  serviceName: string;
  includeArguments: boolean;
}

export function effectiveTelemetry(
  settings: TelemetrySettings,
  env: Readonly<Record<string, string | undefined>>,
): EffectiveTelemetry | null {
  const fromEnv = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const endpoint = settings.otlp_endpoint ?? (fromEnv ? fromEnv : null);
  if (endpoint === null || !isHttpUrl(endpoint)) return null;
  return {
    endpoint: endpoint.replace(/\/+$/, ''),
    endpointSource: settings.otlp_endpoint !== null ? 'config' : 'environment',
    headers: { ...parseOtlpHeaders(env.OTEL_EXPORTER_OTLP_HEADERS ?? ''), ...settings.headers },
    serviceName: settings.service_name,
    includeArguments: settings.include_arguments,
  };
}

/** `key1=value1,key2=value2`, values URL-encoded, as the OpenTelemetry exporter spec defines it. */
export function parseOtlpHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const key = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    if (key === '') continue;
    try {
      headers[key] = decodeURIComponent(value);
    } catch {
      headers[key] = value;
    }
  }
  return headers;
}

export function sameEffectiveTelemetry(
  a: EffectiveTelemetry | null,
  b: EffectiveTelemetry | null,
): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
