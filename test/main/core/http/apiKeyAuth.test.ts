import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  checkApiKey,
  parseCookies,
  secretsEqual,
  sessionCookieHeader,
  sessionCookieName,
  sessionCookieValue,
} from '../../../../src/main/core/http/apiKeyAuth';

const options = { apiKey: 'the-key', port: 8080, configPath: '/data/mcp_config.json' };

function request(headers: Record<string, string>): IncomingMessage {
  return { headers } as unknown as IncomingMessage;
}

describe('api key authentication', () => {
  it('accepts the X-API-Key header, the apikey query parameter and the session cookie', () => {
    expect(
      checkApiKey(request({ 'x-api-key': 'the-key' }), new URL('http://h/api'), options),
    ).toEqual({ ok: true, source: 'header' });
    expect(checkApiKey(request({}), new URL('http://h/api?apikey=the-key'), options)).toEqual({
      ok: true,
      source: 'query',
    });
    const cookie = `other=1; ${sessionCookieName(8080)}=${sessionCookieValue('the-key')}`;
    expect(checkApiKey(request({ cookie }), new URL('http://h/api'), options)).toEqual({
      ok: true,
      source: 'cookie',
    });
  });

  it('says how to authenticate when nothing or something wrong is sent', () => {
    const missing = checkApiKey(request({}), new URL('http://h/api'), options);
    expect(missing).toEqual({
      ok: false,
      message:
        'Authentication required: send the api key as the X-API-Key header or the apikey query parameter (it is "api_key" in /data/mcp_config.json), or open the UI link that "switchboard serve" prints',
    });
    const wrong = checkApiKey(request({ 'x-api-key': 'nope' }), new URL('http://h/api'), options);
    expect(wrong).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Invalid api key: send the api key/),
    });
  });

  it('refuses a cookie made for another key or another port', () => {
    const otherKey = `${sessionCookieName(8080)}=${sessionCookieValue('old-key')}`;
    expect(checkApiKey(request({ cookie: otherKey }), new URL('http://h/api'), options).ok).toBe(
      false,
    );
    const otherPort = `${sessionCookieName(9090)}=${sessionCookieValue('the-key')}`;
    expect(checkApiKey(request({ cookie: otherPort }), new URL('http://h/api'), options).ok).toBe(
      false,
    );
  });

  it('sets an HttpOnly, SameSite=Strict cookie that does not contain the key', () => {
    const header = sessionCookieHeader(8080, 'the-key');
    expect(header).toMatch(
      /^switchboard_ui_8080=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/,
    );
    expect(header).not.toContain('the-key');
  });

  it('parses cookies and compares secrets', () => {
    expect(parseCookies('a=1; b = two ; broken; =x')).toEqual(
      new Map([
        ['a', '1'],
        ['b', 'two'],
      ]),
    );
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
  });
});
