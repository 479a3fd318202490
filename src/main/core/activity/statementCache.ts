/**
 * Filtered queries vary in shape (which filters are set), so their statements are prepared on
 * first use and kept: each distinct SQL text is prepared once.
 */
import type Database from 'better-sqlite3';

export type StatementCache = (sql: string) => Database.Statement<unknown[], unknown>;

export function createStatementCache(sqlite: Database.Database, max = 256): StatementCache {
  const cache = new Map<string, Database.Statement<unknown[], unknown>>();
  return (sql) => {
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = sqlite.prepare<unknown[], unknown>(sql);
      if (cache.size >= max) {
        const first = cache.keys().next();
        if (!first.done) cache.delete(first.value);
      }
      cache.set(sql, statement);
    }
    return statement;
  };
}
