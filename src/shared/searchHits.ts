/**
 * Where a full-text search hits inside a text, for highlighting: the text cut into tokens exactly
 * as the index cuts it (fullTextSearch.ts), and a token is a hit when the search would match it
 * (equal after folding; the last search token as a prefix when it is one).
 */
import { fold, type SearchTokens } from './fullTextSearch';

export interface TextSegment {
  text: string;
  hit: boolean;
}

/** Letters, digits and private-use characters: the complement of TOKEN_SEPARATORS. */
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;

export function hitSegments(text: string, search: SearchTokens): TextSegment[] {
  const exact = new Set<string>();
  let prefix: string | null = null;
  search.tokens.forEach((token, index) => {
    if (index === search.tokens.length - 1 && search.lastIsPrefix) prefix = fold(token);
    else exact.add(fold(token));
  });
  const segments: TextSegment[] = [];
  let at = 0;
  for (const match of text.matchAll(TOKEN)) {
    const folded = fold(match[0]);
    const hit = exact.has(folded) || (prefix !== null && folded.startsWith(prefix));
    if (!hit) continue;
    if (match.index > at) segments.push({ text: text.slice(at, match.index), hit: false });
    segments.push({ text: match[0], hit: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) segments.push({ text: text.slice(at), hit: false });
  return segments;
}
