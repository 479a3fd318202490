/**
 * The recorder worker (STYLE 3): owns its own connection to activity.db and commits the record
 * queue's batches, so SQLite's insert, index and full-text work, and the WAL checkpoints that
 * follow commits, never stall the main thread's event loop. WAL lets the main thread's
 * connection read meanwhile. Built as its own entry (`?modulePath`, see src/main/recorderWorker.ts).
 */
import { createPublicKey } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import type { AuditCheckpoint } from '../../../../shared/audit';
import {
  CHECKPOINT_EVERY_MS,
  createCheckpointSigner,
  keyFingerprint,
  loadPrivateKey,
  type CheckpointSigner,
} from '../../audit';
import { openDatabase, type SwitchboardDatabase } from '../../db';
import { createActivityDeleter, type ActivityDeleter } from '../activityDeletes';
import { nameThisThread } from '../threadName';
import { createActivityWriter, type ActivityWriter } from './activityWriter';
import type {
  ActivityWriterWorkerData,
  FromActivityWriter,
  ToActivityWriter,
} from './activityWriterProtocol';

const port = parentPort;
if (port === null) throw new Error('activityWriterWorker must run in a worker thread');
const reply = (message: FromActivityWriter): void => port.postMessage(message);
const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

const { file, nativeBinding, auditKeyFile } = workerData as ActivityWriterWorkerData;
nameThisThread('swb-recorder');
let db: SwitchboardDatabase | null = null;
let writer: ActivityWriter | null = null;
let deleter: ActivityDeleter | null = null;
let checkpointTimer: NodeJS.Timeout | null = null;

function signerOf(keyFile: string | undefined): CheckpointSigner | null {
  if (keyFile === undefined) return null;
  const key = loadPrivateKey(keyFile);
  return createCheckpointSigner(key, keyFingerprint(createPublicKey(key)));
}

try {
  // The main thread opened (and migrated) the file first; here no migration is pending.
  db = openDatabase(file, nativeBinding ? { nativeBinding } : {});
  const signer = signerOf(auditKeyFile);
  writer = createActivityWriter(db, {
    signer,
    onCheckpoint: (checkpoint) => reply({ kind: 'checkpoint_written', checkpoint }),
  });
  deleter = createActivityDeleter(db);
  if (signer !== null) {
    // SPEC 12's 60 s checkpoints. Unref'd: an idle worker must not keep the process alive.
    checkpointTimer = setInterval(() => {
      try {
        writer?.checkpointIfStale();
      } catch {
        // A busy database: the next tick tries again.
      }
    }, CHECKPOINT_EVERY_MS).unref();
  }
  reply({ kind: 'ready' });
} catch (error) {
  // The main thread ends this worker when it reads this; exiting here could race the message.
  reply({ kind: 'fatal', message: (error as Error).message, code: codeOf(error) });
}

port.on('message', (message: ToActivityWriter) => {
  if (message.kind === 'close') {
    if (checkpointTimer !== null) clearInterval(checkpointTimer);
    db?.close();
    db = null;
    writer = null;
    deleter = null;
    reply({ kind: 'closed' });
    port.close();
    return;
  }
  if (writer === null || deleter === null) {
    reply({ kind: 'failed', id: message.id, message: 'the recorder worker is closed' });
    return;
  }
  try {
    let result: number[] | number | AuditCheckpoint | null = null;
    if (message.kind === 'insert') result = writer.insertRows(message.rows);
    else if (message.kind === 'delete') result = deleter.deleteSeqs(message.seqs);
    else if (message.kind === 'checkpoint') result = writer.checkpoint(message.gap);
    else deleter.compact();
    reply({ kind: 'done', id: message.id, result });
  } catch (error) {
    reply({
      kind: 'failed',
      id: message.id,
      message: (error as Error).message,
      code: codeOf(error),
    });
  }
});
