import { describe, expect, it } from 'vitest';
import {
  createKeyMatcher,
  redactResponse,
  redactText,
  redactValue,
  REDACTED,
} from '../../../../src/main/core/activity/redaction';
import { DEFAULT_SETTINGS, SEEDED_SECRETS } from './activityFixtures';

const isSecretKey = createKeyMatcher(DEFAULT_SETTINGS.redact_keys);

describe('key matching', () => {
  it.each([
    'api_key',
    'X-Api-Key',
    'apiKey',
    'APIKEY',
    'db_password',
    'Authorization',
    'client_secret',
    'access_token',
    'refreshToken',
    'Set-Cookie',
    'private_key',
    'PRIVATE-KEY',
  ])('redacts %s', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });
  it.each(['path', 'max_tokens', 'query', 'keyboard', 'tokenizer', 'author'])('keeps %s', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });
});

describe('redactText', () => {
  it.each(Object.entries(SEEDED_SECRETS))('removes a %s anywhere in text', (_kind, secret) => {
    const text = `before ${secret} after`;
    const redacted = redactText(text);
    expect(redacted).toContain(REDACTED);
    expect(redacted).toMatch(/^before /);
    expect(redacted).toMatch(/ after$/);
    // No 8-character run of the secret survives.
    const body = secret.replace(/^(Bearer |-----BEGIN RSA PRIVATE KEY-----\n)/, '');
    for (let i = 0; i + 8 <= body.length; i += 4)
      expect(redacted).not.toContain(body.slice(i, i + 8));
  });

  it('leaves ordinary text alone', () => {
    const text =
      'The task-runner said: skip the risk-assessment; AKIA is a prefix; eyJ alone is fine.';
    expect(redactText(text)).toBe(text);
  });
});

describe('redactValue', () => {
  it('redacts values under secret keys at any depth and secret-shaped values anywhere', () => {
    const input = {
      path: '/tmp/a',
      api_key: 'plain-looking-value',
      nested: {
        headers: { 'X-Api-Key': 'abc', Authorization: SEEDED_SECRETS.bearer },
        list: [{ db_password: 42 }],
      },
      note: `use ${SEEDED_SECRETS.openai} please`,
      max_tokens: 1000,
    };
    const out = redactValue(input, isSecretKey) as typeof input;
    expect(out).toEqual({
      path: '/tmp/a',
      api_key: REDACTED,
      nested: {
        headers: { 'X-Api-Key': REDACTED, Authorization: REDACTED },
        list: [{ db_password: REDACTED }],
      },
      note: `use ${REDACTED} please`,
      max_tokens: 1000,
    });
    expect(input.api_key).toBe('plain-looking-value'); // the caller's object is not mutated
  });

  it('returns the same object when nothing needs redacting', () => {
    const input = { a: [1, 'two', { three: null }] };
    expect(redactValue(input, isSecretKey)).toBe(input);
  });
});

describe('redactResponse', () => {
  it('redacts secret keys inside a JSON response', () => {
    const response = JSON.stringify({ user: 'ada', token: 'opaque-session-value', items: [1, 2] });
    expect(JSON.parse(redactResponse(response, isSecretKey))).toEqual({
      user: 'ada',
      token: REDACTED,
      items: [1, 2],
    });
  });
  it('keeps a JSON response byte-for-byte when nothing changes', () => {
    const response = '{\n  "user": "ada"\n}';
    expect(redactResponse(response, isSecretKey)).toBe(response);
  });
  it('redacts secret-shaped text in a non-JSON response', () => {
    expect(redactResponse(`key=${SEEDED_SECRETS.aws}\n{broken`, isSecretKey)).toBe(
      `key=${REDACTED}\n{broken`,
    );
  });
});
