/**
 * What full-text search (SPEC 5) matches, in one place: the columns the index holds and how text
 * and input are cut into tokens. The store turns the tokens into an FTS5 MATCH expression
 * (src/main/core/activity/fullTextQuery.ts); the UI matches live records with the same rule, so
 * a live row and the same row after a reload agree.
 *
 * The index uses the unicode61 tokenizer with remove_diacritics 2: letters, digits and
 * private-use characters make tokens, everything else separates them, case and diacritics do not
 * count. Every input token must equal a token of the record; the last one is a prefix unless the
 * input ends in a separator.
 */

import type { ActivityListRow, ActivityRecord } from './activity';

/** The columns of `activity_fts` (the server name is not among them). */
export const FULL_TEXT_COLUMNS = [
  'tool_name',
  'arguments',
  'response',
  'error_message',
  'reason',
] as const;

export const TOKEN_SEPARATORS = /[^\p{L}\p{N}\p{Co}]+/u;
const MAX_TOKENS = 32;

export interface SearchTokens {
  tokens: string[];
  /** Whether the last token matches as a prefix. */
  lastIsPrefix: boolean;
}

/**
 * Whether `input` is a search at all: blank input is no filter. Input with text but no token
 * (`🚀`, `—`, `*`, `"`) is a search that matches nothing: the index holds no such token, and
 * matching everything would hide that the search could not run (docs/MONITOR_UI.md).
 */
export function isFullTextSearch(input: string | undefined): input is string {
  return input !== undefined && input.trim().length > 0;
}

/** The input's tokens (at most the last 32), or null when it holds none. */
export function searchTokens(input: string): SearchTokens | null {
  const tokens = input
    .split(TOKEN_SEPARATORS)
    .filter((token) => token.length > 0)
    .slice(-MAX_TOKENS);
  if (tokens.length === 0) return null;
  return { tokens, lastIsPrefix: !TOKEN_SEPARATORS.test(input.slice(-1)) };
}

/** Case and diacritics do not count (unicode61 with remove_diacritics 2). */
export function fold(token: string): string {
  return token.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether text made of these column values matches the input as the index would. */
export function matchesFullText(values: readonly (string | null)[], input: string): boolean {
  const search = searchTokens(input);
  // Text with no token (an emoji, punctuation) matches nothing; blank input is no search.
  if (search === null) return !isFullTextSearch(input);
  const have = new Set<string>();
  for (const value of values) {
    if (value === null) continue;
    for (const token of value.split(TOKEN_SEPARATORS)) if (token) have.add(fold(token));
  }
  return search.tokens.every((token, i) => {
    const wanted = fold(token);
    if (i === search.tokens.length - 1 && search.lastIsPrefix) {
      for (const candidate of have) if (candidate.startsWith(wanted)) return true;
      return false;
    }
    return have.has(wanted);
  });
}

/** The record's text in the index's columns (its server name is not one of them). */
function indexedText(record: ActivityListRow | ActivityRecord): (string | null)[] {
  const full = record as Partial<ActivityRecord>;
  const values: Record<(typeof FULL_TEXT_COLUMNS)[number], string | null> = {
    tool_name: record.tool_name,
    arguments: full.arguments ? JSON.stringify(full.arguments) : null,
    response: full.response ?? null,
    error_message: record.error_message,
    reason: record.reason,
  };
  return FULL_TEXT_COLUMNS.map((column) => values[column]);
}

/** Whether a record (a live one, in the UI) matches `q` as the store's search would. */
export function recordMatchesSearch(record: ActivityListRow | ActivityRecord, q: string): boolean {
  return matchesFullText(indexedText(record), q);
}
