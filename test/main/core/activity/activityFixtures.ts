/** Shared helpers for activity tests: a real database in a temp dir and realistic records. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monotonicFactory } from 'ulid';
import type { ActivityRecord } from '../../../../src/shared/activity';
import type { ActivitySettings } from '../../../../src/shared/servers';
import { openDatabase, type SwitchboardDatabase } from '../../../../src/main/core/db';

export const DEFAULT_SETTINGS: ActivitySettings = {
  activity_retention_days: 90,
  activity_max_records: 100_000,
  activity_max_size_mb: 256,
  activity_max_response_size: 65_536,
  activity_cleanup_interval_min: 60,
  redact_keys: [
    'password',
    'secret',
    'token',
    'api_key',
    'apikey',
    'authorization',
    'cookie',
    'private_key',
  ],
};

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
