/**
 * A real OTLP/HTTP endpoint for tests (SPEC 13): a node:http server on 127.0.0.1 that decodes
 * `/v1/traces` and `/v1/metrics` protobuf bodies with the official OpenTelemetry definitions
 * (the protobufjs classes generated from opentelemetry-proto that @opentelemetry/otlp-transformer
 * 0.52 ships, installed as the alias otlp-proto-decoding: the 0.223 line only encodes), never by
 * hand. It can also
 * answer errors or hang, as a broken collector would.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type protobuf from 'protobufjs';

interface OtlpRequestType {
  decode(body: Uint8Array): object;
  toObject(message: object, options: protobuf.IConversionOptions): Record<string, unknown>;
}

interface OtlpCollectorModule {
  opentelemetry: {
    proto: {
      collector: {
        trace: { v1: { ExportTraceServiceRequest: OtlpRequestType } };
        metrics: { v1: { ExportMetricsServiceRequest: OtlpRequestType } };
      };
    };
  };
}

const collector = (
  createRequire(import.meta.url)(
    'otlp-proto-decoding/build/src/generated/root.js',
  ) as OtlpCollectorModule
).opentelemetry.proto.collector;
const traceRequest = collector.trace.v1.ExportTraceServiceRequest;
const metricsRequest = collector.metrics.v1.ExportMetricsServiceRequest;

export type AttributeValue = string | number | boolean | AttributeValue[] | null;

export interface DecodedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: string;
  attributes: Record<string, AttributeValue>;
  status: { code: string; message?: string };
  events: { name: string; attributes: Record<string, AttributeValue> }[];
  resource: Record<string, AttributeValue>;
  scope: string;
}

export interface DecodedMetric {
  name: string;
  unit: string;
  /** Each data point's attributes and count. */
  points: { attributes: Record<string, AttributeValue>; count: number }[];
}

export type ReceiverMode = 'ok' | 'error' | 'hang';

export interface OtlpReceiver {
  /** `http://127.0.0.1:<port>`: the base address for `otlp_endpoint`. */
  readonly endpoint: string;
  readonly spans: DecodedSpan[];
  readonly metrics: DecodedMetric[];
  /** Every request's path and headers, in order. */
  readonly requests: { path: string; headers: IncomingMessage['headers'] }[];
  mode: ReceiverMode;
  /** Resolves once the received spans satisfy `done` (checked on every request). */
  waitForSpans(done: (spans: DecodedSpan[]) => boolean, timeoutMs?: number): Promise<DecodedSpan[]>;
  waitForMetrics(
    done: (metrics: DecodedMetric[]) => boolean,
    timeoutMs?: number,
  ): Promise<DecodedMetric[]>;
  /** Resolves at the next request to arrive (any path). */
  nextRequest(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startOtlpReceiver(mode: ReceiverMode = 'ok'): Promise<OtlpReceiver> {
  const spans: DecodedSpan[] = [];
  const metrics: DecodedMetric[] = [];
  const requests: OtlpReceiver['requests'] = [];
  const listeners = new Set<() => void>();
  const hanging = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    void receive(req, res);
  });

  async function receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = req.url ?? '';
    requests.push({ path, headers: req.headers });
    if (receiver.mode === 'hang') {
      hanging.add(res);
      notify();
      return;
    }
    if (receiver.mode === 'error') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('collector failure');
      notify();
      return;
    }
    if (path === '/v1/traces') spans.push(...decodeSpans(traceRequest.decode(body)));
    else if (path === '/v1/metrics') metrics.push(...decodeMetrics(metricsRequest.decode(body)));
    res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    notify();
  }

  function notify(): void {
    for (const listener of [...listeners]) listener();
  }

  function waitFor<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolvePromise, reject) => {
      const attempt = (): boolean => {
        const value = check();
        if (value === undefined) return false;
        listeners.delete(listener);
        clearTimeout(timer);
        resolvePromise(value);
        return true;
      };
      const listener = (): void => void attempt();
      const timer = setTimeout(() => {
        listeners.delete(listener);
        reject(new Error(`OTLP receiver: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      listeners.add(listener);
      attempt();
    });
  }

  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;

  const receiver: OtlpReceiver = {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    metrics,
    requests,
    mode,
    waitForSpans: (done, timeoutMs = 10_000) =>
      waitFor(() => (done(spans) ? spans : undefined), timeoutMs, 'matching spans'),
    waitForMetrics: (done, timeoutMs = 10_000) =>
      waitFor(() => (done(metrics) ? metrics : undefined), timeoutMs, 'matching metrics'),
    nextRequest(timeoutMs = 10_000) {
      const seen = requests.length;
      return waitFor(() => (requests.length > seen ? true : undefined), timeoutMs, 'request').then(
        () => undefined,
      );
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
  return receiver;
}

type Decoded = Record<string, unknown>;

const TO_OBJECT: protobuf.IConversionOptions = { longs: String, enums: String, bytes: String };

function decodeSpans(message: object): DecodedSpan[] {
  const request = traceRequest.toObject(message, { ...TO_OBJECT, bytes: Array }) as Decoded;
  const out: DecodedSpan[] = [];
  for (const resourceSpans of asArray(request.resourceSpans)) {
    const resource = attributesOf((resourceSpans.resource as Decoded | undefined)?.attributes);
    for (const scopeSpans of asArray(resourceSpans.scopeSpans)) {
      const scope = String((scopeSpans.scope as Decoded | undefined)?.name ?? '');
      for (const span of asArray(scopeSpans.spans)) {
        const status = (span.status as Decoded | undefined) ?? {};
        out.push({
          traceId: hex(span.traceId),
          spanId: hex(span.spanId),
          parentSpanId: hex(span.parentSpanId),
          name: String(span.name),
          kind: String(span.kind),
          attributes: attributesOf(span.attributes),
          status: {
            code: String(status.code ?? 'STATUS_CODE_UNSET'),
            ...(typeof status.message === 'string' ? { message: status.message } : {}),
          },
          events: asArray(span.events).map((event) => ({
            name: String(event.name),
            attributes: attributesOf(event.attributes),
          })),
          resource,
          scope,
        });
      }
    }
  }
  return out;
}

function decodeMetrics(message: object): DecodedMetric[] {
  const request = metricsRequest.toObject(message, TO_OBJECT) as Decoded;
  const out: DecodedMetric[] = [];
  for (const resourceMetrics of asArray(request.resourceMetrics)) {
    for (const scopeMetrics of asArray(resourceMetrics.scopeMetrics)) {
      for (const metric of asArray(scopeMetrics.metrics)) {
        const histogram = metric.histogram as Decoded | undefined;
        out.push({
          name: String(metric.name),
          unit: String(metric.unit ?? ''),
          points: asArray(histogram?.dataPoints).map((point) => ({
            attributes: attributesOf(point.attributes),
            count: Number(point.count ?? 0),
          })),
        });
      }
    }
  }
  return out;
}

function attributesOf(list: unknown): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const entry of asArray(list)) out[String(entry.key)] = anyValue(entry.value as Decoded);
  return out;
}

function anyValue(value: Decoded | undefined): AttributeValue {
  if (!value) return null;
  if ('stringValue' in value) return String(value.stringValue);
  if ('boolValue' in value) return Boolean(value.boolValue);
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return Number(value.doubleValue);
  if ('arrayValue' in value)
    return asArray((value.arrayValue as Decoded).values).map((item) => anyValue(item));
  return null;
}

function asArray(value: unknown): Decoded[] {
  return Array.isArray(value) ? (value as Decoded[]) : [];
}

function hex(bytes: unknown): string {
  return Array.isArray(bytes) ? Buffer.from(bytes as number[]).toString('hex') : '';
}
