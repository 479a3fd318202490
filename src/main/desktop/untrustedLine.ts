/**
 * Text an upstream wrote, cut to one line for a notification or a menu item. The OS shows no
 * escapes, so controls, bidi embeddings/overrides/isolates and zero-width characters (which could
 * reorder or hide what was written) become U+FFFD.
 */

const HIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

export function untrustedLine(text: string, maxChars: number): string {
  const line = text.replace(HIDDEN, '\ufffd').replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join('')}…` : line;
}
