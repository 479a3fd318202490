/**
 * Verifies the chain of an activity.db file on a read-only connection of its own (the snapshot
 * stays open until the result), yielding to the event loop between steps: run by a reader worker
 * (so the call path never waits on it) or, without one, on the main thread.
 */
import Database from 'better-sqlite3';
import type { ChainVerifyResult } from '../../../shared/audit';
import type { AuditPublicKey } from './auditKey';
import { startChainVerification } from './chainVerifier';

export interface ChainFileVerifyOptions {
  file: string;
  publicKey: AuditPublicKey | null;
  nativeBinding?: string;
  /** Sees each statement and runs each step (a reader's slow-read log, slowQueries.ts). */
  trace?: {
    verbose(sql: unknown): void;
    attach(sqlite: Database.Database): void;
    step<T>(run: () => T): T;
  };
}

/** Records per step: a few ms of work between yields to the event loop. */
const VERIFY_STEP_RECORDS = 2000;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function verifyChainFile(options: ChainFileVerifyOptions): Promise<ChainVerifyResult> {
  const sqlite = new Database(options.file, {
    readonly: true,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.trace ? { verbose: options.trace.verbose } : {}),
  });
  options.trace?.attach(sqlite);
  const step = <T>(run: () => T): T => (options.trace ? options.trace.step(run) : run());
  try {
    const verification = step(() => startChainVerification(sqlite, options.publicKey));
    for (;;) {
      const result = step(() => verification.step(VERIFY_STEP_RECORDS));
      if (result !== null) return result;
      await yieldToEventLoop();
    }
  } finally {
    sqlite.close();
  }
}
