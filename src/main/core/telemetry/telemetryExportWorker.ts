/**
 * The telemetry export worker (SPEC 13): OTLP protobuf serialization, the HTTP requests to the
 * collector and the metrics SDK's aggregation run here, off the proxy's thread. One worker per
 * export pipeline; a config change starts a new one and shuts this one down. Built as its own entry
 * (`?modulePath`, see src/main/telemetryWorker.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ExportWorkerData, FromExportWorker, ToExportWorker } from './exportProtocol';
import { setUpExportThread } from './exportThread';
import { createOtlpExport } from './otlpExport';

const port = parentPort;
if (port === null) throw new Error('telemetryExportWorker must run in a worker thread');
setUpExportThread();

const otlp = createOtlpExport(workerData as ExportWorkerData, (message: FromExportWorker) =>
  port.postMessage(message),
);
port.on('message', (message: ToExportWorker) => otlp.handle(message));
port.postMessage({ kind: 'ready' } satisfies FromExportWorker);
