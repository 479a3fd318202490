/**
 * The recorder's writer reads the chain's head before it writes, in one transaction. Begun
 * DEFERRED, that transaction holds a read snapshot that another connection's commit (a token's
 * last_used_at, a tool pin) makes stale, and its first write then fails at once with
 * SQLITE_BUSY_SNAPSHOT (no busy wait applies). Begun IMMEDIATE, it takes the write lock first and
 * the other connection waits instead.
 *
 * The other connection's write is made exactly in the window between the head read and the
 * first insert: from a property read of the row being inserted (a batch) or from the signer
 * (a checkpoint), both of which the writer reaches after its reads and before its writes.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createActivityWriter } from '../../../../../src/main/core/activity/recorder/activityWriter';
import {
  toInsertParams,
  type ActivityInsertParams,
} from '../../../../../src/main/core/activity/recordRow';
import {
  createCheckpointSigner,
  ensureAuditKey,
  loadPrivateKey,
  type CheckpointSigner,
} from '../../../../../src/main/core/audit';
import { makeRecord, tempDatabase, type TempDatabase } from '../activityFixtures';

let temp: TempDatabase | null = null;
let other: Database.Database | null = null;
afterEach(() => {
  other?.close();
  other = null;
  temp?.cleanup();
  temp = null;
});

/** Another connection to the same file, as the main thread's is to the worker's. */
function otherConnection(file: string): Database.Database {
  const connection = new Database(file);
  // Fail at once rather than wait: the writer under test runs on this same thread.
  connection.pragma('busy_timeout = 0');
  connection.exec('CREATE TABLE IF NOT EXISTS other_writes (n INTEGER)');
  return connection;
}

/** Commits a write through `connection`; the error code when the write lock is held. */
function tryWrite(connection: Database.Database): string | null {
  try {
    connection.prepare('INSERT INTO other_writes (n) VALUES (1)').run();
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe("the writer's transactions take the write lock before they read the chain's head", () => {
  it('a batch commits while another connection writes between its head read and its first insert', () => {
    temp = tempDatabase();
    const writer = createActivityWriter(temp.db);
    writer.insertRows([toInsertParams(makeRecord())]);
    other = otherConnection(temp.file);
    const connection = other;

    const outcomes: (string | null)[] = [];
    const row = toInsertParams(makeRecord());
    let raced = false;
    const racing = new Proxy(row, {
      get(target, key: keyof ActivityInsertParams) {
        // The writer reads its row after the head and before the insert.
        if (!raced && key === 'id') {
          raced = true;
          outcomes.push(tryWrite(connection));
        }
        return target[key];
      },
    });

    // DEFERRED, this throws SQLITE_BUSY_SNAPSHOT.
    expect(writer.insertRows([racing])).toEqual([2]);
    expect(raced).toBe(true);
    // The other connection found the write lock taken: it waits (busy_timeout) in real use.
    expect(outcomes).toEqual(['SQLITE_BUSY']);
    expect(tryWrite(connection)).toBeNull();
  });

  it('a checkpoint is written while another connection writes between its head read and its insert', () => {
    temp = tempDatabase();
    const key = ensureAuditKey(temp.dir);
    const real = createCheckpointSigner(loadPrivateKey(key.privateKeyFile), key.fingerprint);
    const outcomes: (string | null)[] = [];
    let connection: Database.Database | null = null;
    const signer: CheckpointSigner = {
      fingerprint: real.fingerprint,
      sign(checkpoint) {
        // Signing comes after the head read and before the checkpoint's insert.
        if (connection !== null) outcomes.push(tryWrite(connection));
        return real.sign(checkpoint);
      },
    };
    const writer = createActivityWriter(temp.db, { signer });
    writer.insertRows([toInsertParams(makeRecord())]);
    other = otherConnection(temp.file);
    connection = other;

    expect(writer.checkpointIfStale()).toMatchObject({ seq: 1 });
    expect(writer.checkpoint()).toMatchObject({ seq: 1 });
    expect(outcomes).toEqual(['SQLITE_BUSY', 'SQLITE_BUSY']);
  });
});
