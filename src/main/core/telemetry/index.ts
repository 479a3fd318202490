export { createTelemetry } from './telemetry';
export type { Telemetry, TelemetryOptions } from './telemetry';
export {
  traceCallRecords,
  traceMcpRequests,
  traceToolCalls,
  traceUpstreamCalls,
} from './callTracing';
export type { CallTracingSource } from './callTracing';
export { traceMcpRequestHandlers } from './requestTracing';
export { traceUpstreamRequests } from './upstreamRequestTracing';
export { DEFAULT_EXPORT_TUNING } from './exportPipeline';
export type { ExportTuning } from './exportPipeline';
export {
  DEFAULT_TELEMETRY_SETTINGS,
  effectiveTelemetry,
  parseOtlpHeaders,
  resolveTelemetryBlock,
  telemetryBlockSchema,
} from './telemetrySchema';
