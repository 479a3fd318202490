/**
 * REST and SSE authentication with the config's `api_key` (SPEC 6): the `X-API-Key` header, the
 * `apikey` query parameter, or the UI session cookie that `GET /?apikey=KEY` sets. The cookie
 * holds an HMAC of the key, not the key itself, so it stops working when the key changes.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ApiKeySource } from './requestChannel';

/** One cookie per port: two instances on localhost share a browser's cookie jar. */
export function sessionCookieName(port: number): string {
  return `switchboard_ui_${port}`;
}

export function sessionCookieValue(apiKey: string): string {
  return createHmac('sha256', apiKey).update('switchboard-ui-session').digest('base64url');
}

/** 30 days: the cookie is bound to the key, so rotating `api_key` revokes it sooner. */
const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

export function sessionCookieHeader(port: number, apiKey: string): string {
  return `${sessionCookieName(port)}=${sessionCookieValue(apiKey)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_MAX_AGE_S}`;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (header === undefined) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? '' : part.slice(0, eq).trim();
    if (name !== '') cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/** Constant-time: hashing first makes both sides the same length. */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export type ApiKeyCheck = { ok: true; source: ApiKeySource } | { ok: false; message: string };

export function checkApiKey(
  req: IncomingMessage,
  url: URL,
  options: { apiKey: string; port: number; configPath: string },
): ApiKeyCheck {
  const header = req.headers['x-api-key'];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  const fromQuery = url.searchParams.get('apikey') ?? undefined;
  const fromCookie = parseCookies(req.headers.cookie).get(sessionCookieName(options.port));
  const given = [fromHeader, fromQuery].filter((value): value is string => value !== undefined);
  if (fromHeader !== undefined && secretsEqual(fromHeader, options.apiKey))
    return { ok: true, source: 'header' };
  if (fromQuery !== undefined && secretsEqual(fromQuery, options.apiKey))
    return { ok: true, source: 'query' };
  if (fromCookie !== undefined && secretsEqual(fromCookie, sessionCookieValue(options.apiKey))) {
    return { ok: true, source: 'cookie' };
  }
  const how = `send the api key as the X-API-Key header or the apikey query parameter (it is "api_key" in ${options.configPath}), or open the UI link that "switchboard serve" prints`;
  if (given.length === 0 && fromCookie === undefined) {
    return { ok: false, message: `Authentication required: ${how}` };
  }
  return { ok: false, message: `Invalid api key: ${how}` };
}
