export { createHttpServer, ListenError } from './httpServer';
export type { HttpServerOptions, McpRequestHandler, SwitchboardHttpServer } from './httpServer';
export type { HttpLog } from './apiDeps';
export type { EventStreamOptions } from './eventStream';
export {
  AUDIT_LIMIT,
  LIST_LIMIT,
  QueryParamError,
  parseActivityFilter,
  parseActivityQuery,
  parseAuditLimit,
  parseClearScope,
  parseExportParams,
  parseLastEventId,
  parseRfc3339,
  parseSummaryPeriod,
} from './activityQuery';
export type { ClearScopeParam, ExportParams } from './activityQuery';
export { parseListenAddress, formatHostPort } from './listenAddress';
