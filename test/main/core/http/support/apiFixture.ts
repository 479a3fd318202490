/** An HTTP server over the real core parts, with REST helpers that assert the envelopes. */
import { expect } from 'vitest';
import type { ActivityRecord } from '../../../../../src/shared/activity';
import type { CreatedMcpToken } from '../../../../../src/shared/servers';
import { createHttpServer, type SwitchboardHttpServer } from '../../../../../src/main/core/http';
import { createCoreParts, type CoreParts } from './coreParts';
import { rawRequest, type RawResponse } from './rawHttp';
import { makeRecord } from './records';

export interface ApiFixture {
  core: CoreParts;
  http: SwitchboardHttpServer;
  port: number;
  api(method: string, path: string, body?: unknown): Promise<RawResponse>;
  /** The `data` of a success envelope (asserted). */
  data<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** The `error` of a failure envelope with this status (asserted, and that it has no other keys). */
  failure(method: string, path: string, status: number, body?: unknown): Promise<string>;
  close(): Promise<void>;
}

/** The gateway is someone else's: REST tests never reach `/mcp`. */
const noGateway = { handleRequest: async (): Promise<void> => undefined };

export async function startApiFixture(config: Record<string, unknown> = {}): Promise<ApiFixture> {
  const core = await createCoreParts(config);
  const http = createHttpServer({
    switchboard: core.switchboard,
    gateway: noGateway,
    listen: '127.0.0.1:0',
  });
  const { port } = await http.listen();
  const api: ApiFixture['api'] = (method, path, body) =>
    rawRequest(port, {
      method,
      path,
      headers: { 'X-API-Key': core.apiKey, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    core,
    http,
    port,
    api,
    async data<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await api(method, path, body);
      expect(response.status, `${method} ${path}: ${response.text}`).toBeLessThan(300);
      const parsed = response.json<{ success: boolean; data: T }>();
      expect(parsed.success).toBe(true);
      return parsed.data;
    },
    async failure(method, path, status, body) {
      const response = await api(method, path, body);
      expect(response.status, `${method} ${path}: ${response.text}`).toBe(status);
      const parsed = response.json<{ success: boolean; error: string }>();
      expect(Object.keys(parsed).sort()).toEqual(['error', 'success']);
      expect(parsed.success).toBe(false);
      return parsed.error;
    },
    async close() {
      await http.close();
      await core.dispose();
    },
  };
}

/**
 * 30 records a minute apart from 2026-11-20T12:00Z: every 10th blocked (policy_decision), every
 * 5th otherwise an error; even ones on `everything`, odd on `files`; every 3rd `echo`, else
 * `add`; the first 15 in session-a; the first 10 made with `token`. Committed through the queue.
 */
export async function seedThirtyRecords(
  core: CoreParts,
  token: CreatedMcpToken,
): Promise<ActivityRecord[]> {
  const base = Date.parse('2026-11-20T12:00:00.000Z');
  const records: ActivityRecord[] = [];
  for (let i = 0; i < 30; i++) {
    const status = i % 10 === 9 ? 'blocked' : i % 5 === 4 ? 'error' : 'success';
    records.push(
      makeRecord({
        type: status === 'blocked' ? 'policy_decision' : 'tool_call',
        timestamp: new Date(base + i * 60_000).toISOString(),
        server_name: i % 2 === 0 ? 'everything' : 'files',
        tool_name: i % 3 === 0 ? 'echo' : 'add',
        status,
        error_kind: status === 'error' ? 'tool_error' : null,
        error_message: status === 'error' ? 'it failed' : null,
        policy_id: status === 'blocked' ? 'no-env' : null,
        reason: status === 'blocked' ? 'env stays private' : null,
        session_id: i < 15 ? 'session-a' : 'session-b',
        token_id: i < 10 ? token.id : null,
        token_name: i < 10 ? token.name : null,
        arguments: { message: `needle-${i}` },
      }),
    );
  }
  for (const record of records) core.switchboard.recorder.enqueue(record);
  await core.switchboard.recorder.flush();
  return records;
}
