/**
 * Which statements a read ran and how long each took, from better-sqlite3's `verbose` hook
 * (called with the expanded SQL as each statement starts). A read over the threshold is reported
 * with each of its statements' time and EXPLAIN QUERY PLAN, so a slow list or summary can be
 * traced to the index it walked.
 */
import type Database from 'better-sqlite3';
import type { YieldToCalls } from './yieldToCalls';

/** Reads slower than this are logged with their plans. */
export const SLOW_READ_MS = 100;

interface Traced {
  sql: string;
  startedAt: number;
  /** Milliseconds it waited for calls before it started (yieldToCalls.ts). */
  waited: number;
}

export interface StatementTrace {
  /** Pass as the connection's `verbose` option. */
  verbose(sql: unknown): void;
  /**
   * Runs one read; when it took `thresholdMs` or more, `onSlow` gets the report (what, total
   * time, then each statement slowest first with its plan).
   */
  time<T>(label: string, read: () => T, onSlow: (report: string) => void): T;
  /** The connection to explain plans on (set once it is open). */
  attach(sqlite: Database.Database): void;
}

/**
 * `yieldToCalls`: run before each statement (a reader worker steps aside while calls are in
 * flight); the time it waits is not the read's, so it counts toward no threshold.
 */
export function createStatementTrace(
  thresholdMs = SLOW_READ_MS,
  yieldToCalls?: YieldToCalls,
): StatementTrace {
  let sqlite: Database.Database | null = null;
  let traced: Traced[] | null = null;
  let waitedInRead = 0;

  function planOf(sql: string): string {
    if (sqlite === null) return '(no connection)';
    const collecting = traced;
    traced = null;
    try {
      const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[];
      return rows.map((row) => row.detail).join('; ');
    } catch (error) {
      return `(no plan: ${(error as Error).message})`;
    } finally {
      traced = collecting;
    }
  }

  function report(
    label: string,
    total: number,
    waited: number,
    statements: Traced[],
    endedAt: number,
  ): string {
    const timed = statements.map((statement, index) => {
      const next = statements[index + 1];
      return {
        sql: statement.sql,
        ms: (next === undefined ? endedAt : next.startedAt - next.waited) - statement.startedAt,
      };
    });
    timed.sort((a, b) => b.ms - a.ms);
    const lines = timed
      .filter((statement) => /^\s*(SELECT|WITH)\b/i.test(statement.sql))
      .map((s) => `  ${s.ms.toFixed(1)} ms: ${s.sql}\n    plan: ${planOf(s.sql)}`);
    const yielded = waited > 0 ? ` (and ${waited.toFixed(1)} ms waiting for calls)` : '';
    return [`switchboard: slow read ${label} took ${total.toFixed(1)} ms${yielded}`, ...lines].join(
      '\n',
    );
  }

  return {
    verbose(sql) {
      const waited = yieldToCalls?.() ?? 0;
      waitedInRead += waited;
      traced?.push({ sql: String(sql), startedAt: performance.now(), waited });
    },
    attach(connection) {
      sqlite = connection;
    },
    time(label, read, onSlow) {
      traced = [];
      waitedInRead = 0;
      const startedAt = performance.now();
      try {
        return read();
      } finally {
        const endedAt = performance.now();
        const statements = traced;
        traced = null;
        const took = endedAt - startedAt - waitedInRead;
        if (took >= thresholdMs) onSlow(report(label, took, waitedInRead, statements, endedAt));
      }
    },
  };
}
