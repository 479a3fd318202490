/**
 * Verifies the chain of an activity.db file on a read-only connection of its own (the snapshot
 * stays open until the result), yielding to the event loop between steps: run by a reader worker
 * (so the call path never waits on it) or, without one, on the main thread. The plan and the
 * parts of a parallel verify (parallelVerify.ts) run the same way.
 */
import Database from 'better-sqlite3';
import type { ChainVerifyResult } from '../../../shared/audit';
import type { AuditPublicKey } from './auditKey';
import { startChainRangeCheck, type ChainRange, type ChainRangeSummary } from './chainRangeCheck';
import { readChainPlan, startChainVerification, type UncheckedChainPlan } from './chainVerifier';

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
  /** Records checked so far, after each step. */
  onProgress?: (checked: number) => void;
}

/** Records per step: a few ms of work between yields to the event loop. */
const VERIFY_STEP_RECORDS = 2000;
/**
 * Verify reads every page of the log once: mapped, a page costs no read() call. Address space
 * only; the OS pages it in and out like the page cache it is.
 */
const VERIFY_MMAP_BYTES = 2 ** 40;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Opens the file for verify and runs `work` on it, closing it after. */
async function withConnection<T>(
  options: ChainFileVerifyOptions,
  work: (sqlite: Database.Database, step: <R>(run: () => R) => R) => Promise<T>,
): Promise<T> {
  const sqlite = new Database(options.file, {
    readonly: true,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.trace ? { verbose: options.trace.verbose } : {}),
  });
  try {
    sqlite.pragma(`mmap_size = ${VERIFY_MMAP_BYTES}`);
    options.trace?.attach(sqlite);
    const step = <R>(run: () => R): R => (options.trace ? options.trace.step(run) : run());
    return await work(sqlite, step);
  } finally {
    sqlite.close();
  }
}

/** Steps `stepper` to its result, yielding between steps. */
async function stepped<T>(
  stepper: { step(budget: number): T | null; readonly checked: number },
  step: <R>(run: () => R) => R,
  onProgress: ((checked: number) => void) | undefined,
): Promise<T> {
  for (;;) {
    const result = step(() => stepper.step(VERIFY_STEP_RECORDS));
    onProgress?.(stepper.checked);
    if (result !== null) return result;
    await yieldToEventLoop();
  }
}

export function verifyChainFile(options: ChainFileVerifyOptions): Promise<ChainVerifyResult> {
  return withConnection(options, (sqlite, step) =>
    stepped(
      step(() => startChainVerification(sqlite, options.publicKey)),
      step,
      options.onProgress,
    ),
  );
}

/** The plan of a parallel verify, whose parts check the signatures (parallelVerify.ts). */
export function chainPlanOfFile(options: ChainFileVerifyOptions): Promise<UncheckedChainPlan> {
  return withConnection(options, async (sqlite, step) =>
    step(() => {
      sqlite.exec('BEGIN');
      try {
        return readChainPlan(sqlite);
      } finally {
        sqlite.exec('COMMIT');
      }
    }),
  );
}

export function checkChainRangeOfFile(
  options: ChainFileVerifyOptions,
  range: ChainRange,
): Promise<ChainRangeSummary> {
  return withConnection(options, (sqlite, step) =>
    stepped(
      step(() => startChainRangeCheck(sqlite, range, options.publicKey)),
      step,
      options.onProgress,
    ),
  );
}
