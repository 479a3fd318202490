/**
 * Decisions taken once per request from cheap probes, then used by every query it runs: which
 * column a `token` value names, and whether the full-text condition drives the query or filters a
 * walk of another index. Shared by the store (its connection) and the export (its own).
 */
import type Database from 'better-sqlite3';
import type { ActivityFilter } from '../../../shared/activity';
import { isNameGlob, toolFilterTest } from '../../../shared/nameGlob';
import type { FullTextRole, TokenMatch } from './activityFilterSql';
import { toFullTextQuery } from './fullTextQuery';

/** Above this many full-text matches, pages walk the time index instead of sorting matches. */
export const FULL_TEXT_DRIVER_MAX = 2000;

export interface QueryPlan {
  tokenMatch: TokenMatch;
  fullText: FullTextRole;
  /** Rows the full-text condition alone matches, when there is one. */
  fullTextMatches: number | null;
  /** The logged tool names a `tool` glob matches (an exact `tool` needs none). */
  toolNames?: string[];
}

export function createQueryPlanner(
  sqlite: Database.Database,
  fullTextDriverMax = FULL_TEXT_DRIVER_MAX,
): (filter: ActivityFilter) => QueryPlan {
  const hasTokenId = sqlite
    .prepare<[string], number>('SELECT 1 FROM activity WHERE token_id = ? LIMIT 1')
    .pluck();
  const hasTokenName = sqlite
    .prepare<[string], number>('SELECT 1 FROM activity WHERE token_name = ? LIMIT 1')
    .pluck();
  // One index seek per distinct name (activity_by_tool), not a scan of every row.
  const nextToolName = sqlite
    .prepare<[string], string>(
      'SELECT tool_name FROM activity WHERE tool_name > ? ORDER BY tool_name LIMIT 1',
    )
    .pluck();
  const loggedToolNames = (): string[] => {
    const names: string[] = [];
    for (let name = nextToolName.get(''); name !== undefined; name = nextToolName.get(name))
      names.push(name);
    return names;
  };
  const fullTextCount = sqlite
    .prepare<[string], number>('SELECT count(*) FROM activity_fts WHERE activity_fts MATCH ?')
    .pluck();

  /**
   * `token` matches token_id or token_name. An OR over two columns cannot walk one index in
   * time order, so two index probes decide which column the value actually names. A full-text
   * condition is counted once (the FTS index alone answers that) to choose how it joins.
   */
  return (filter) => {
    let tokenMatch: TokenMatch = 'either';
    if (filter.token !== undefined) {
      const isId = hasTokenId.get(filter.token) !== undefined;
      const isName = hasTokenName.get(filter.token) !== undefined;
      tokenMatch = isId && isName ? 'either' : isName ? 'name' : 'id';
    }
    const match = filter.q !== undefined ? toFullTextQuery(filter.q) : null;
    const fullTextMatches = match !== null ? (fullTextCount.get(match) ?? 0) : null;
    const fullText =
      fullTextMatches !== null && fullTextMatches > fullTextDriverMax ? 'filter' : 'driver';
    const plan: QueryPlan = { tokenMatch, fullText, fullTextMatches };
    if (filter.tool !== undefined && isNameGlob(filter.tool)) {
      const test = toolFilterTest(filter.tool);
      plan.toolNames = loggedToolNames().filter(test);
    }
    return plan;
  };
}
