/**
 * Redaction (SPEC 5): no secret reaches the database, an export or an event. Pure functions.
 *
 * Two rules, applied to arguments, response, error_message, reason and metadata:
 * - a value under a key that names a secret (`redact_keys`, compared word by word, any case,
 *   any depth: `api_key` matches `X-Api-Key` and `apiKey`, `password` matches `db_password`);
 * - a string that looks like a secret anywhere in text (bearer tokens, OpenAI/Anthropic keys,
 *   GitHub tokens, AWS access keys, PEM private keys, JWTs, Switchboard `swb_` tokens).
 */
export const REDACTED = '[REDACTED]';

const SECRET_PATTERNS: readonly RegExp[] = [
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/,
  /\b(?:[Bb]earer|BEARER)\s+[A-Za-z0-9\-._~+/]{8,}=*/,
  /\bsk-[A-Za-z0-9_-]{20,}/,
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/,
  /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}/,
  /\bswb_[A-Za-z0-9_-]{16,}/,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/,
  /\bAIza[0-9A-Za-z_-]{35}/,
];

// One alternation: a single pass over each string instead of one per pattern.
const SECRET_TEXT = new RegExp(SECRET_PATTERNS.map((p) => `(?:${p.source})`).join('|'), 'g');
// Cheap pre-check: every pattern above contains one of these fragments (case-insensitive).
const SECRET_HINT = /bearer|sk-|gh[pousr]_|github_pat_|AKIA|ASIA|eyJ|swb_|xox|AIza|PRIVATE KEY/i;

/** Replaces every secret-shaped substring of `text` with `[REDACTED]`. */
export function redactText(text: string): string {
  if (!SECRET_HINT.test(text)) return text;
  return text.replace(SECRET_TEXT, REDACTED);
}

/** Splits a key into lower-case words: `X-Api-Key` -> [x, api, key], `apiKey` -> [api, key]. */
function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

export type KeyMatcher = (key: string) => boolean;

/**
 * A key matches a redact key when the redact key's words appear consecutively in it, or their
 * concatenation equals consecutive words of it (`apikey` matches `api_key`). Whole words only, so
 * `token` redacts `access_token` but not `max_tokens`.
 */
export function createKeyMatcher(redactKeys: readonly string[]): KeyMatcher {
  const wanted = redactKeys.map((k) => keyWords(k).join('')).filter((k) => k.length > 0);
  const cache = new Map<string, boolean>();
  return (key) => {
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const words = keyWords(key);
    let matched = false;
    for (let start = 0; start < words.length && !matched; start++) {
      let joined = '';
      for (let end = start; end < words.length; end++) {
        joined += words[end];
        if (wanted.includes(joined)) {
          matched = true;
          break;
        }
        if (!wanted.some((w) => w.startsWith(joined))) break;
      }
    }
    if (cache.size < 10_000) cache.set(key, matched);
    return matched;
  };
}

/**
 * Returns `value` with secrets replaced. Objects and arrays are copied only where something
 * changed, so the common case (nothing to redact) allocates nothing.
 */
export function redactValue(value: unknown, isSecretKey: KeyMatcher): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const next = redactValue(value[i], isSecretKey);
      if (next !== value[i]) {
        copy ??= value.slice();
        copy[i] = next;
      }
    }
    return copy ?? value;
  }
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    let copy: Record<string, unknown> | null = null;
    for (const key of Object.keys(source)) {
      const current = source[key];
      const next =
        isSecretKey(key) && current !== null && current !== undefined
          ? REDACTED
          : redactValue(current, isSecretKey);
      if (next !== current) {
        copy ??= { ...source };
        copy[key] = next;
      }
    }
    return copy ?? value;
  }
  return value;
}

/**
 * A response is text; when it is JSON, secret keys inside it are redacted too (and it is
 * re-serialised only if something changed). Secret-shaped text is redacted either way.
 */
export function redactResponse(response: string, isSecretKey: KeyMatcher): string {
  const text = redactText(response);
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  const redacted = redactValue(parsed, isSecretKey);
  return redacted === parsed ? text : JSON.stringify(redacted);
}
