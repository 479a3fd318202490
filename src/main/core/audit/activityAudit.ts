/**
 * The activity log's proof of itself, as a running Switchboard offers it (SPEC 12): the key's
 * fingerprint and latest checkpoint for status, verification over a connection of its own that
 * yields to the event loop between steps, checkpoints on demand, and an event per checkpoint
 * (for listeners such as an OpenTelemetry exporter).
 */
import Database from 'better-sqlite3';
import type { AuditCheckpoint, AuditStatus, ChainVerifyResult } from '../../../shared/audit';
import type { SwitchboardDatabase } from '../db';
import type { AuditPublicKey } from './auditKey';
import { createAuditStore } from './auditStore';
import type { GapCheckpointRequest } from './chainAppender';
import { startChainVerification } from './chainVerifier';

export interface ActivityAudit {
  status(): AuditStatus;
  /** Verifies the whole chain; one run at a time (a second caller joins the first). */
  verify(): Promise<ChainVerifyResult>;
  /** A signed checkpoint at the chain's head now (or a gap checkpoint before a delete). */
  checkpoint(gap?: GapCheckpointRequest): Promise<AuditCheckpoint | null>;
  /** Every checkpoint the writer stores; returns an unsubscribe function. */
  onDidWriteCheckpoint(listener: (checkpoint: AuditCheckpoint) => void): () => void;
}

export interface ActivityAuditOptions {
  db: SwitchboardDatabase;
  /** The writer that owns checkpoints (the recorder's). */
  writer: {
    checkpoint(gap?: GapCheckpointRequest): Promise<AuditCheckpoint | null>;
    onCheckpoint(listener: (checkpoint: AuditCheckpoint) => void): () => void;
  };
  publicKey: AuditPublicKey | null;
  nativeBinding?: string;
}

/** Records per step: a few ms of work between yields to the event loop. */
const VERIFY_STEP_RECORDS = 2000;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function createActivityAudit(options: ActivityAuditOptions): ActivityAudit {
  const store = createAuditStore(options.db.sqlite);
  let running: Promise<ChainVerifyResult> | null = null;

  async function verify(): Promise<ChainVerifyResult> {
    const sqlite = new Database(options.db.path, {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    try {
      const verification = startChainVerification(sqlite, options.publicKey);
      for (;;) {
        const result = verification.step(VERIFY_STEP_RECORDS);
        if (result !== null) return result;
        await yieldToEventLoop();
      }
    } finally {
      sqlite.close();
    }
  }

  return {
    status: () => ({
      key_fingerprint: options.publicKey?.fingerprint ?? null,
      latest_checkpoint: store.latestCheckpoint(),
    }),
    verify() {
      running ??= verify().finally(() => {
        running = null;
      });
      return running;
    },
    checkpoint: (gap) => options.writer.checkpoint(gap),
    onDidWriteCheckpoint: (listener) => options.writer.onCheckpoint(listener),
  };
}
