/**
 * `GET /?apikey=KEY` (SPEC 6): a valid key becomes an HttpOnly, SameSite=Strict cookie and a
 * redirect to the same page without the key, so it leaves the address bar and the history.
 */
import type { ServerResponse } from 'node:http';
import { secretsEqual, sessionCookieHeader } from './apiKeyAuth';
import { htmlPage, sendHtml } from './staticUi';

export function handleUiLogin(
  res: ServerResponse,
  url: URL,
  options: { apiKey: string; port: number },
): void {
  const given = url.searchParams.get('apikey') ?? '';
  if (!secretsEqual(given, options.apiKey)) {
    sendHtml(
      res,
      401,
      htmlPage(
        'Switchboard: invalid link',
        `<h1>This link's api key is not valid</h1>
<p>Open the UI link that <code>switchboard serve</code> printed, or use the <code>api_key</code> from your <code>mcp_config.json</code>: <code>/?apikey=KEY</code>.</p>`,
      ),
    );
    return;
  }
  const rest = new URLSearchParams(url.searchParams);
  rest.delete('apikey');
  const query = rest.toString();
  res.writeHead(302, {
    Location: query === '' ? '/' : `/?${query}`,
    'Set-Cookie': sessionCookieHeader(options.port, options.apiKey),
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'Content-Length': '0',
  });
  res.end();
}
