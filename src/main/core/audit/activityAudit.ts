/**
 * The activity log's proof of itself, as a running Switchboard offers it (SPEC 12): the key's
 * fingerprint and latest checkpoint for status, verification (by a reader worker when the core
 * has them, else on a connection of its own that yields between steps), checkpoints on demand,
 * and an event per checkpoint (for listeners such as an OpenTelemetry exporter).
 */
import type { AuditCheckpoint, AuditStatus, ChainVerifyResult } from '../../../shared/audit';
import type { SwitchboardDatabase } from '../db';
import type { AuditPublicKey } from './auditKey';
import { createAuditStore } from './auditStore';
import type { GapCheckpointRequest } from './chainAppender';
import { verifyChainFile } from './verifyChainFile';

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
  /** Where verification runs (the core's readers); default this thread, between yields. */
  verifyChain?: () => Promise<ChainVerifyResult>;
}

export function createActivityAudit(options: ActivityAuditOptions): ActivityAudit {
  const store = createAuditStore(options.db.sqlite);
  let running: Promise<ChainVerifyResult> | null = null;
  const verify =
    options.verifyChain ??
    (() =>
      verifyChainFile({
        file: options.db.path,
        publicKey: options.publicKey,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      }));

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
