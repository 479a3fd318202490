/** Shared helpers for activity tests: a real database in a temp dir and realistic records. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monotonicFactory } from 'ulid';
import type { ActivityRecord } from '../../../../src/shared/activity';
import type { ActivitySettings } from '../../../../src/shared/servers';
import { DEFAULT_ACTIVITY_SETTINGS } from '../../../../src/main/core/config';
import { createRecordQueue } from '../../../../src/main/core/activity';
import { openDatabase, type SwitchboardDatabase } from '../../../../src/main/core/db';
import { createActivityEventBus } from '../../../../src/main/core/events';

export const DEFAULT_SETTINGS: ActivitySettings = DEFAULT_ACTIVITY_SETTINGS;

export interface TempDatabase {
  db: SwitchboardDatabase;
  dir: string;
  file: string;
  cleanup(): void;
}

export function tempDatabase(): TempDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-activity-'));
  const file = join(dir, 'activity.db');
  const db = openDatabase(file);
  return {
    db,
    dir,
    file,
    cleanup() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A temp database holding `records`, written through the real record queue. */
export async function databaseWith(records: Iterable<ActivityRecord>): Promise<TempDatabase> {
  const temp = tempDatabase();
  const queue = createRecordQueue({
    db: temp.db,
    bus: createActivityEventBus(),
    settings: () => DEFAULT_SETTINGS,
  });
  for (const record of records) queue.enqueue(record);
  await queue.close();
  return temp;
}

const nextId = monotonicFactory();

/** A tool_call record at `timestampMs` with overrides. */
export function makeRecord(
  overrides: Partial<ActivityRecord> = {},
  timestampMs = Date.now(),
): ActivityRecord {
  const args = overrides.arguments ?? { path: '/tmp/notes.txt', mode: 'read' };
  return {
    id: nextId(timestampMs),
    type: 'tool_call',
    timestamp: new Date(timestampMs).toISOString(),
    server_name: 'everything',
    tool_name: 'echo',
    arguments: args,
    response: 'hello from the tool',
    response_truncated: false,
    status: 'success',
    error_message: null,
    error_kind: null,
    duration_ms: 12,
    session_id: 'session-1',
    client_name: 'claude-code',
    client_version: '1.0.0',
    token_id: 'tok-1',
    token_name: 'Claude Code',
    request_bytes: JSON.stringify(args).length,
    response_bytes: 19,
    policy_id: null,
    reason: null,
    metadata: {},
    ...overrides,
  };
}

// Realistic shapes, not real credentials.
export const SEEDED_SECRETS = {
  bearer: 'Bearer abcDEF123456ghiJKL789mnoPQR',
  openai: 'sk-proj-4fG7hK2mN9pQ1rS5tV8wX3yZ6aB0cD4eF7gH',
  anthropic: 'sk-ant-api03-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe',
  githubClassic: 'ghp_1A2b3C4d5E6f7G8h9I0jK1lM2nO3pQ4rS5tU6',
  githubOauth: 'gho_16C7e42F292c6912E7710c838347Ae178B4a',
  githubPat: 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEF',
  aws: 'AKIAIOSFODNN7EXAMPLE',
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  pem: '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7v2Nf0h1kQ\nq9Zx8yTt3LwP0aBcDeFgHiJk\n-----END RSA PRIVATE KEY-----',
  switchboard: 'swb_q3J8vK1mZp9xW2rT7yL4nB6cD0fG5hJ8kM1oP3sU6w',
};
