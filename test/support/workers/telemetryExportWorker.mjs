// The telemetry export worker run from source (tests, tsx benches): tsx's loader first, then the
// entry. Built apps load out/main/chunks/telemetryExportWorker-*.js (src/main/telemetryWorker.ts).
import { register } from 'tsx/esm/api';

register();
await import('../../../src/main/core/telemetry/telemetryExportWorker.ts');
