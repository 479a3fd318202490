/**
 * Turns what a user typed into an FTS5 MATCH expression (SPEC 5): every word must match, the last
 * one as a prefix. Pure. The tokens are cut by src/shared/fullTextSearch.ts, which the UI's live
 * filter uses too.
 *
 * The index uses the unicode61 tokenizer (letters, digits and private-use characters make tokens;
 * everything else separates them) and detail=none (no positions, so no phrase queries). The input
 * is split the same way, and each token becomes a quoted FTS5 string, so operators (`AND`, `OR`,
 * `NOT`, `NEAR`), `*`, `-`, `:`, `^`, quotes and parentheses are plain text and no input is a
 * syntax error. `foo.ba` is searched as `foo` AND `ba*`.
 */

import { searchTokens } from '../../../shared/fullTextSearch';

/**
 * The MATCH expression, or null when the input holds no searchable token: then the search
 * matches nothing, unless the input is blank (no search at all; activityFilterSql).
 */
export function toFullTextQuery(input: string): string | null {
  const search = searchTokens(input);
  if (search === null) return null;
  const { tokens, lastIsPrefix } = search;
  return tokens
    .map((token, i) => `"${token}"${i === tokens.length - 1 && lastIsPrefix ? '*' : ''}`)
    .join(' AND ');
}
