/**
 * Turns what a user typed into an FTS5 MATCH expression (SPEC 5): every word must match, the last
 * one as a prefix. Pure.
 *
 * The index uses the unicode61 tokenizer (letters, digits and private-use characters make tokens;
 * everything else separates them) and detail=none (no positions, so no phrase queries). The input
 * is split the same way, and each token becomes a quoted FTS5 string, so operators (`AND`, `OR`,
 * `NOT`, `NEAR`), `*`, `-`, `:`, `^`, quotes and parentheses are plain text and no input is a
 * syntax error. `foo.ba` is searched as `foo` AND `ba*`.
 */

import { FULL_TEXT_SEPARATORS as SEPARATORS, fullTextTokens } from '../../../shared/fullTextTokens';

const MAX_TOKENS = 32;

/**
 * The MATCH expression, or null when the input holds no searchable token: then the search
 * matches nothing, unless the input is blank (no search at all).
 */
export function toFullTextQuery(input: string): string | null {
  const tokens = fullTextTokens(input).slice(-MAX_TOKENS);
  if (tokens.length === 0) return null;
  // Only the input's last word is a prefix: when the input ends in a separator ("foo "), the
  // user finished that word.
  const lastIsPrefix = !SEPARATORS.test(input.slice(-1));
  return tokens
    .map((token, i) => `"${token}"${i === tokens.length - 1 && lastIsPrefix ? '*' : ''}`)
    .join(' AND ');
}
