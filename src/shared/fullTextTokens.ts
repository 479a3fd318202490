/**
 * How full-text search splits what a user typed (SPEC 5), shared by the store's FTS5 query and
 * the renderer's live filter. Pure.
 *
 * The index uses the unicode61 tokenizer: letters, digits and private-use characters make tokens;
 * everything else separates them. A query with text but no token (`🚀`, `—`, `*`, `"`) matches
 * nothing: the index holds no such token, and matching everything would hide that the search
 * could not run (docs/MONITOR_UI.md).
 */

export const FULL_TEXT_SEPARATORS = /[^\p{L}\p{N}\p{Co}]+/u;

/** The searchable words of `input`, in order. */
export function fullTextTokens(input: string): string[] {
  return input.split(FULL_TEXT_SEPARATORS).filter((token) => token.length > 0);
}

/** Whether `input` is a search at all: blank input is no filter; anything else is one. */
export function isFullTextSearch(input: string | undefined): input is string {
  return input !== undefined && input.trim().length > 0;
}
