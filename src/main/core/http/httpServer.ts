/**
 * The one node:http listener (SPEC 3, 6, 7): `/mcp` goes straight to the gateway, `/api/v1`
 * to the REST table, `/events` to SSE, everything else to the static UI. Every route first
 * passes the DNS-rebinding guard; REST and SSE also need the api key.
 */
import { OAUTH_REFUSAL, oauthRefusalStatus } from './oauthRefusal';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Switchboard } from '../switchboard';
import { apiRoutes } from './apiRoutes';
import { checkApiKey } from './apiKeyAuth';
import type { ApiDeps, HttpLog } from './apiDeps';
import {
  DEFAULT_EVENT_STREAM_OPTIONS,
  EventStreamHub,
  type EventStreamOptions,
} from './eventStream';
import { toHttpError } from './httpErrors';
import { sendFailure, sendJsonRpcFailure } from './httpResponses';
import { DEFAULT_BODY_LIMIT_BYTES } from './jsonBody';
import { formatHostPort, parseListenAddress } from './listenAddress';
import { checkHostHeader, checkOriginHeader, type AllowedHosts } from './requestGuards';
import { setApiKeySource } from './requestChannel';
import { RouteTable } from './routeTable';
import { defaultUiDir, serveStaticUi } from './staticUi';
import { handleUiLogin } from './uiSession';

/** The downstream MCP endpoint (src/main/core/gateway). */
export interface McpRequestHandler {
  handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export interface HttpServerOptions {
  switchboard: Switchboard;
  gateway: McpRequestHandler;
  /** The built renderer; default `<package root>/out/renderer`. */
  uiDir?: string;
  /** `host:port`; port 0 binds a free port. */
  listen: string;
  /** Unexpected errors and dropped SSE clients; default console.error. */
  log?: HttpLog;
  /** JSON request bodies above this are refused with 413; default 1 MiB. */
  bodyLimitBytes?: number;
  eventStream?: Partial<EventStreamOptions>;
}

export interface SwitchboardHttpServer {
  listen(): Promise<{ host: string; port: number }>;
  close(): Promise<void>;
  /** Open `/events` streams (status and tests). */
  eventStreamClients(): number;
}

/** Thrown by listen() when the address is taken; the desktop app offers the next free port. */
export class ListenError extends Error {
  constructor(
    readonly code: string,
    readonly address: string,
    message: string,
  ) {
    super(message);
    this.name = 'ListenError';
  }
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

function allowedHostsFor(host: string): AllowedHosts {
  const names = new Set<string>([host.toLowerCase()]);
  if (WILDCARD_HOSTS.has(host)) {
    // A wildcard bind is reachable by the machine's own addresses; names still need to be loopback.
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) names.add(address.address.toLowerCase());
    }
  }
  return { names };
}

function isMcpPath(pathname: string): boolean {
  return pathname === '/mcp' || pathname === '/mcp/';
}

export function createHttpServer(options: HttpServerOptions): SwitchboardHttpServer {
  const { switchboard, gateway } = options;
  const log: HttpLog = options.log ?? ((message, error) => console.error(message, error ?? ''));
  const address = parseListenAddress(options.listen);
  const uiDir = options.uiDir ?? defaultUiDir();
  const allowed = allowedHostsFor(address.host);
  const deps: ApiDeps = {
    switchboard,
    log,
    bodyLimitBytes: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
  };
  const routes = new RouteTable(apiRoutes);
  const events = new EventStreamHub(
    {
      events: switchboard.events,
      activity: switchboard.activity,
      approvals: switchboard.approvals,
    },
    { ...DEFAULT_EVENT_STREAM_OPTIONS, ...options.eventStream },
    log,
  );
  let boundPort = address.port;

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const auth = checkApiKey(req, url, {
      apiKey: switchboard.config.get().api_key,
      port: boundPort,
      configPath: switchboard.config.path,
    });
    if (!auth.ok) {
      sendFailure(res, 401, auth.message, { 'WWW-Authenticate': 'X-API-Key' });
      return;
    }
    setApiKeySource(req, auth.source);
    if (url.pathname === '/events') {
      if (req.method !== 'GET') {
        sendFailure(res, 405, `${req.method ?? ''} /events: the event stream answers GET only`, {
          Allow: 'GET',
        });
        return;
      }
      events.open(req, res, url);
      return;
    }
    const method = req.method ?? 'GET';
    const match = routes.match(method, url.pathname);
    if (match.kind === 'not_found') {
      sendFailure(res, 404, `no such endpoint: ${method} ${url.pathname} (see docs/API.md)`);
    } else if (match.kind === 'method_not_allowed') {
      sendFailure(
        res,
        405,
        `${method} ${url.pathname}: expected one of ${match.allow.join(', ')}`,
        {
          Allow: match.allow.join(', '),
        },
      );
    } else {
      await match.handler({ req, res, url, params: match.params, deps });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://switchboard.invalid');
    } catch {
      sendFailure(res, 400, `request target: ${JSON.stringify(req.url)} is not a valid path`);
      return;
    }
    const isMcp = isMcpPath(url.pathname);
    const refusal =
      checkHostHeader(req.headers.host, allowed) ?? checkOriginHeader(req.headers.origin, allowed);
    if (refusal !== null) {
      if (isMcp) sendJsonRpcFailure(res, 403, refusal);
      else sendFailure(res, 403, refusal);
      return;
    }
    const oauthStatus = oauthRefusalStatus(url.pathname);
    try {
      if (oauthStatus !== null) {
        sendFailure(res, oauthStatus, OAUTH_REFUSAL);
      } else if (isMcp) {
        await gateway.handleRequest(req, res);
      } else if (
        url.pathname === '/events' ||
        url.pathname === '/api' ||
        url.pathname.startsWith('/api/')
      ) {
        await handleApi(req, res, url);
      } else if (
        url.pathname === '/' &&
        url.searchParams.has('apikey') &&
        (req.method === 'GET' || req.method === 'HEAD')
      ) {
        handleUiLogin(res, url, { apiKey: switchboard.config.get().api_key, port: boundPort });
      } else {
        await serveStaticUi(req, res, url, uiDir, log);
      }
    } catch (error) {
      const known = toHttpError(error);
      if (known !== null) {
        sendFailure(res, known.status, known.message, known.headers);
        return;
      }
      log(`Unexpected error in ${req.method ?? ''} ${url.pathname}`, error);
      const message = `Internal error while handling ${req.method ?? ''} ${url.pathname}; the details are in the Switchboard log`;
      if (isMcp) sendJsonRpcFailure(res, 500, message);
      else sendFailure(res, 500, message);
    }
  }

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  server.on('clientError', (error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy(error);
  });

  return {
    listen() {
      return new Promise((resolve, reject) => {
        const onError = (error: NodeJS.ErrnoException): void => {
          server.off('listening', onListening);
          reject(
            listenError(error, formatHostPort(address.host, address.port), switchboard.config.path),
          );
        };
        const onListening = (): void => {
          server.off('error', onError);
          boundPort = (server.address() as AddressInfo).port;
          resolve({ host: address.host, port: boundPort });
        };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen(address.port, address.host);
      });
    },
    eventStreamClients: () => events.clientCount,
    async close() {
      events.closeAll();
      if (!server.listening) return;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function listenError(
  error: NodeJS.ErrnoException,
  address: string,
  configPath: string,
): ListenError {
  const fix = `set "listen" in ${configPath} to a free address or stop the other process`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new ListenError(error.code, address, `${address} is already in use; ${fix}`);
    case 'EACCES':
      return new ListenError(
        error.code,
        address,
        `${address} needs privileges this process lacks; set "listen" in ${configPath} to a port above 1023`,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new ListenError(
        error.code,
        address,
        `${address} is not an address of this machine; set "listen" in ${configPath} to one of its addresses, e.g. 127.0.0.1:8080`,
      );
    default:
      return new ListenError(
        error.code ?? 'ELISTEN',
        address,
        `Could not listen on ${address} (${error.message}); check "listen" in ${configPath}`,
      );
  }
}
