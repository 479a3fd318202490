import { describe, expect, it } from 'vitest';
import {
  createKeyMatcher,
  redactResponse,
  redactText,
  redactValue,
  REDACTED,
} from '../../../../src/main/core/activity/redaction';
import { DEFAULT_SETTINGS } from './activityFixtures';

// Realistic shapes, not real credentials.
export const SEEDED_SECRETS = {
  bearer: 'Bearer abcDEF123456ghiJKL789mnoPQR',
  openai: 'sk-proj-4fG7hK2mN9pQ1rS5tV8wX3yZ6aB0cD4eF7gH',
  anthropic: 'sk-ant-api03-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe',
  githubClassic: 'ghp_1A2b3C4d5E6f7G8h9I0jK1lM2nO3pQ4rS5tU6',
  githubOauth: 'gho_16C7e42F292c6912E7710c838347Ae178B4a',
  githubPat: 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEF',
  aws: 'AKIAIOSFODNN7EXAMPLE',
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  pem: '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7v2Nf0h1kQ\nq9Zx8yTt3LwP0aBcDeFgHiJk\n-----END RSA PRIVATE KEY-----',
  switchboard: 'swb_q3J8vK1mZp9xW2rT7yL4nB6cD0fG5hJ8kM1oP3sU6w',
};

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
