/**
 * Seeds an activity.db through the real store API (migrations, record queue, writer), before
 * `switchboard serve` opens the data directory. Run with tsx:
 *   node --import tsx test/e2e/browser/support/seedActivity.ts <activity.db> <count>
 * Prints one line: `seeded <count> in <ms> ms`.
 */
import { ulid } from 'ulid';
import { createRecordQueue } from '../../../../src/main/core/activity';
import { openDatabase } from '../../../../src/main/core/db';
import { createActivityEventBus } from '../../../../src/main/core/events';
import type { ActivityRecord, ActivityStatus } from '../../../../src/shared/activity';
import type { ActivitySettings } from '../../../../src/shared/servers';

const SETTINGS: ActivitySettings = {
  activity_retention_days: 90,
  activity_max_records: 10_000_000,
  activity_max_size_mb: 4096,
  activity_max_response_size: 65_536,
  activity_cleanup_interval_min: 60,
  redact_keys: ['password', 'secret', 'token'],
  approval_timeout_s: 50,
  tool_pinning: 'block',
  elicitation: 'switchboard',
};

const TOOLS = [
  { server: 'everything', tool: 'echo' },
  { server: 'everything', tool: 'get-sum' },
  { server: 'filesystem', tool: 'read_file' },
  { server: 'filesystem', tool: 'list_directory' },
  { server: 'memory', tool: 'create_entities' },
  { server: 'memory', tool: 'search_nodes' },
] as const;
const CLIENTS = ['claude-desktop', 'cursor', 'vscode'] as const;
const SLICE = 50_000;

export function seedRecord(index: number, count: number, now: number): ActivityRecord {
  // Spread over the last six days, oldest first, so index 0 is the oldest record.
  const at = now - Math.round(((count - index) / count) * 6 * 86_400_000);
  const pick = TOOLS[index % TOOLS.length] ?? TOOLS[0];
  const status: ActivityStatus =
    index % 29 === 0 ? 'blocked' : index % 11 === 0 ? 'error' : 'success';
  const blocked = status === 'blocked';
  return {
    id: ulid(at),
    type: blocked ? 'policy_decision' : 'tool_call',
    timestamp: new Date(at).toISOString(),
    server_name: pick.server,
    tool_name: pick.tool,
    arguments: { seed: index, path: `/tmp/file-${index % 500}.txt` },
    response: blocked ? null : `seeded response ${index}`,
    response_truncated: false,
    status,
    error_message: status === 'error' ? `seeded failure ${index}` : null,
    error_kind: status === 'error' ? 'tool_error' : null,
    duration_ms: blocked ? 0 : 5 + ((index * 37) % 400),
    session_id: `seed-session-${index % 40}`,
    client_name: CLIENTS[index % CLIENTS.length] ?? null,
    client_version: '1.0.0',
    token_id: null,
    token_name: `seed-agent-${index % 3}`,
    request_bytes: 48,
    response_bytes: blocked ? 0 : 24,
    policy_id: blocked ? 'seed-block' : null,
    reason: blocked ? 'Seeded block' : null,
    metadata: {},
  };
}

async function main(): Promise<void> {
  const [file, countArg] = process.argv.slice(2);
  const count = Number(countArg);
  if (!file || !Number.isInteger(count) || count <= 0) {
    throw new Error('usage: seedActivity.ts <activity.db> <count>  (count: a positive integer)');
  }
  const started = performance.now();
  const db = openDatabase(file);
  const queue = createRecordQueue({
    db,
    bus: createActivityEventBus(),
    settings: () => SETTINGS,
    maxBatchRows: 20_000,
    maxBatchBytes: 64 * 1024 * 1024,
    highWaterRecords: Number.MAX_SAFE_INTEGER,
    highWaterBytes: Number.MAX_SAFE_INTEGER,
  });
  const now = Date.now();
  // Flushed in slices so a million records never sit in memory at once.
  for (let index = 0; index < count; index++) {
    queue.enqueue(seedRecord(index, count, now));
    if (index % SLICE === SLICE - 1) await queue.flush();
  }
  await queue.close();
  db.close();
  process.stdout.write(`seeded ${count} in ${Math.round(performance.now() - started)} ms\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
