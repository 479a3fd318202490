/**
 * Turns what a user typed into an FTS5 MATCH expression (SPEC 5): every word must match, the last
 * one as a prefix. Each word becomes a quoted FTS5 string (inner quotes doubled), so operators
 * (`AND`, `OR`, `NOT`, `NEAR`), `*`, `-`, `:`, `^` and parentheses are plain text and no input is
 * a syntax error. Pure.
 */

// A word with no letter or digit has no token for the unicode61 tokenizer to match.
const HAS_TOKEN = /[\p{L}\p{N}]/u;

/** The MATCH expression, or null when the input holds no searchable word. */
export function toFullTextQuery(input: string): string | null {
  const words = input
    .split(/\s+/u)
    .filter((word) => HAS_TOKEN.test(word))
    .slice(0, 32);
  if (words.length === 0) return null;
  return words
    .map((word, i) => {
      const quoted = `"${word.replace(/"/g, '""')}"`;
      return i === words.length - 1 ? `${quoted}*` : quoted;
    })
    .join(' AND ');
}
