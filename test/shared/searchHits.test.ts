import { describe, expect, it } from 'vitest';
import { searchTokens } from '../../src/shared/fullTextSearch';
import { hitSegments } from '../../src/shared/searchHits';

const hits = (text: string, q: string): string[] =>
  hitSegments(text, searchTokens(q) ?? { tokens: [], lastIsPrefix: false })
    .filter((segment) => segment.hit)
    .map((segment) => segment.text);

describe('search hits', () => {
  it('marks whole tokens as the index matches them: folded, the last one as a prefix', () => {
    expect(hits('{"path":"/tmp/Résumé.txt","kube":"kubernetes"}', 'resume kube')).toEqual([
      'Résumé',
      'kube',
      'kubernetes',
    ]);
  });

  it('does not mark a word that only contains a non-last token', () => {
    expect(hits('reading read reader', 'read ')).toEqual(['read']);
  });

  it('keeps every character of the text, hits and the rest', () => {
    const text = 'a—b 🚀 echo, ECHO!';
    const segments = hitSegments(text, searchTokens('echo') ?? { tokens: [], lastIsPrefix: false });
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
    expect(segments.filter((segment) => segment.hit)).toHaveLength(2);
  });
});
