/** Untrusted text from an upstream, made safe to read (STYLE 4). */

/** Control and invisible characters (zero-width, bidi overrides) shown as `\u{…}` escapes. */
export function visibleText(value: string): string {
  return value.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g,
    (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}}`,
  );
}
