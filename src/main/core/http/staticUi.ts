/**
 * The built renderer at `/` (SPEC 6): pages and assets carry no data and need no key. Hash
 * routing keeps every view at `/`; a path without an extension falls back to index.html.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type { HttpLog } from './apiDeps';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Inline styles stay allowed: charts set style attributes. Everything else comes from this origin only. */
export const UI_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export const UI_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': UI_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // The UI link carries the api key until the redirect drops it: never send it anywhere.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** `<package root>/out/renderer`, found from this module's location (source or bundled build). */
export function defaultUiDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'out', 'renderer');
    const parent = dirname(dir);
    if (parent === dir) return resolve('out', 'renderer');
    dir = parent;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}code{background:#eee;padding:.1rem .3rem;border-radius:3px}@media (prefers-color-scheme:dark){body{background:#111;color:#ddd}code{background:#333}}</style>
</head><body>${body}</body></html>
`;
}

export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...UI_HEADERS,
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': String(Buffer.byteLength(html)),
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : html);
}

function notBuiltPage(uiDir: string): string {
  return htmlPage(
    'Switchboard: UI not built',
    `<h1>The Switchboard UI is not built</h1>
<p>There is no <code>index.html</code> in <code>${escapeHtml(uiDir)}</code>.</p>
<p>Run <code>npm run build</code> in the Switchboard checkout, then reload this page. The REST API at <code>/api/v1</code> and the MCP endpoint at <code>/mcp</code> work without it.</p>`,
  );
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function serveStaticUi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  uiDir: string,
  log: HttpLog,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, {
      ...UI_HEADERS,
      Allow: 'GET, HEAD',
      'Content-Type': 'text/plain; charset=utf-8',
    });
    res.end('Method not allowed\n');
    return;
  }
  const root = resolve(uiDir);
  const index = join(root, 'index.html');
  if (!isFile(index)) {
    sendHtml(res, 503, notBuiltPage(root));
    return;
  }
  let file = index;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    pathname = '\0';
  }
  if (pathname !== '/') {
    const candidate = resolve(root, `.${pathname}`);
    const inside = candidate.startsWith(root + sep) && !pathname.includes('\0');
    if (inside && isFile(candidate)) file = candidate;
    else if (!inside || extname(pathname) !== '') {
      res.writeHead(404, {
        ...UI_HEADERS,
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      res.end('Not found\n');
      return;
    }
  }
  const isHtml = file === index || extname(file) === '.html';
  // Vite names assets by content hash, so they can be cached for good; pages are revalidated.
  const hashedAsset = file.startsWith(join(root, 'assets') + sep);
  res.writeHead(200, {
    ...UI_HEADERS,
    'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(statSync(file).size),
    'Cache-Control': hashedAsset && !isHtml ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    await pipeline(createReadStream(file), res);
  } catch (error) {
    if (!res.destroyed) log(`Could not send ${file}`, error);
    res.destroy();
  }
}
