/**
 * Untrusted text (STYLE 4): characters that change how text reads without being seen (controls,
 * bidi overrides and isolates, zero-width and other invisible characters, Unicode tag
 * characters) become visible escapes. Pure: splits a string into plain and escaped runs.
 */

export interface TextRun {
  text: string;
  /** The character(s) this run stands for when it is an escape, for a tooltip. */
  escaped: boolean;
}

const NAMED: Record<string, string> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

// C0 and C1 controls and DEL, soft hyphen, combining grapheme joiner, Arabic letter mark, Hangul
// fillers, Mongolian vowel separator, zero-width and bidi marks, line and paragraph separators,
// bidi embeddings/overrides/isolates, word joiner and invisible operators, BOM, interlinear
// annotations, and the tag block (used to smuggle hidden ASCII).
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x001f],
  [0x007f, 0x009f],
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x2028, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfeff, 0xfeff],
  [0xfff9, 0xfffb],
  [0xe0000, 0xe007f],
];

export function isInvisible(code: number): boolean {
  // Everything printable below U+00A0 except the controls is the common case: answer it first.
  if (code >= 0x20 && code < 0x7f) return false;
  return INVISIBLE_RANGES.some(([from, to]) => code >= from && code <= to);
}

function escapeOf(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase();
  return code > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}

/**
 * Splits `text` into runs; `keepLayout` leaves newlines and tabs as they are (multi-line bodies),
 * otherwise they are escaped too (one-line cells).
 */
export function visibleRuns(text: string, keepLayout = false): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  let at = 0;
  while (at < text.length) {
    const code = text.codePointAt(at) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    const char = text.slice(at, at + width);
    if (isInvisible(code) && !(keepLayout && (char === '\n' || char === '\t'))) {
      if (at > last) runs.push({ text: text.slice(last, at), escaped: false });
      runs.push({ text: escapeOf(char), escaped: true });
      last = at + width;
    }
    at += width;
  }
  if (last < text.length) runs.push({ text: text.slice(last), escaped: false });
  return runs;
}

/** The whole string with escapes inlined, for titles and other plain-text attributes. */
export function visibleText(text: string, keepLayout = false): string {
  return visibleRuns(text, keepLayout)
    .map((run) => run.text)
    .join('');
}

/** Cuts at most `max` UTF-16 units without splitting a surrogate pair. */
export function sliceWhole(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max + 1 : max);
}
