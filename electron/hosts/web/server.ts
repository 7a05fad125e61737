/**
 * Browser mode: the same renderer and the same contract, carried over HTTP
 * instead of Electron IPC, for end-to-end tests and for a PC where the
 * Electron runtime is missing. Calls go to the same engine worker the
 * Electron main process uses (service/engine-client.ts).
 *
 * Another web page open on the same PC must not be able to use it:
 * - it listens on loopback only;
 * - the Host header must name that loopback address and port (defeats DNS
 *   rebinding, where evil.example resolves to 127.0.0.1);
 * - every request needs the per-run random key: the printed URL carries it
 *   once (?key=…), the server answers with an HttpOnly SameSite=Strict
 *   cookie, which browsers never attach to requests started by other sites;
 * - calls are POSTs with a JSON body, which a cross-site form cannot send.
 *
 * Routes: GET /…static renderer files; POST /api/call/<name> → {ok, result |
 * error}; GET /api/events → server-sent events (the contract's push events).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContractError, EVENT_NAMES } from '../../contract/contract';
import { EngineClient } from '../../service/engine-client';
import { checkWatchAdd, underRoot } from '../../service/watch-folder-policy';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy, MIME_TYPES, newStyleNonce, withStyleNonce } from './renderer-files';
import { jsonDepthExceeds, MAX_NESTING_DEPTH } from '../../shared/limits';

export const RENDERER_DIR = fileURLToPath(new URL('../../../out/renderer/', import.meta.url));

export { CONTENT_SECURITY_POLICY };

const COOKIE = 'lottrace_key';
/** Uploads carry files as base64 in JSON: 64 MB of file is ~86 MB of body. */
const MAX_BODY_BYTES = 100 * 1024 * 1024;
/**
 * Request bodies held in memory at once, across requests: two full-size
 * uploads. More arriving together are told to retry (503) instead of taking
 * the server to gigabytes (five parallel 95 MB bodies once reached 4.2 GB).
 */
const MAX_BODY_BYTES_IN_FLIGHT = 2 * MAX_BODY_BYTES;
/** JSON nesting a call may carry; no call's input is deeper than a few levels. */
const MAX_JSON_DEPTH = MAX_NESTING_DEPTH;

export interface WebServerOptions {
  dbPath: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only: 127.0.0.1 (default) or ::1. */
  host?: '127.0.0.1' | '::1';
  /** Folder with the built renderer (index.html); defaults to out/renderer. */
  rendererDir?: string;
  /** Fixed access key (tests); random per run by default. */
  key?: string;
  /**
   * The folder under which watch:add may name folders (--watch-root,
   * LOTTRACE_WATCH_ROOT); without one, browser mode adds no watched folder.
   */
  watchRoot?: string;
}

export interface WebServer {
  /** The URL to open: carries the access key. */
  url: string;
  origin: string;
  key: string;
  engine: EngineClient;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** Bytes of request bodies being read right now (see MAX_BODY_BYTES_IN_FLIGHT). */
let bodyBytesInFlight = 0;

/**
 * Reads a request body, refusing one over MAX_BODY_BYTES with 413 (from its
 * Content-Length before reading, or as soon as it grows past the cap) and
 * answering 503 while other bodies fill the in-flight budget.
 */
function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > MAX_BODY_BYTES) return Promise.reject(new HttpError(413, `request too large (at most ${MAX_BODY_BYTES} bytes)`));
  if (bodyBytesInFlight + (Number.isFinite(declared) ? declared : 0) > MAX_BODY_BYTES_IN_FLIGHT) {
    return Promise.reject(new HttpError(503, 'busy receiving other uploads: retry in a moment'));
  }
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (): void => {
      done = true;
      bodyBytesInFlight -= size;
      req.removeAllListeners('data');
    };
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      bodyBytesInFlight += c.length;
      if (size > MAX_BODY_BYTES || bodyBytesInFlight > MAX_BODY_BYTES_IN_FLIGHT) {
        const tooBig = size > MAX_BODY_BYTES;
        finish();
        chunks.length = 0;
        reject(tooBig ? new HttpError(413, `request too large (at most ${MAX_BODY_BYTES} bytes)`) : new HttpError(503, 'busy receiving other uploads: retry in a moment'));
        // Read and drop the rest so the client receives the answer instead of a
        // reset; a client that keeps sending far beyond the cap is cut off.
        let discarded = 0;
        req.on('data', (more: Buffer) => {
          discarded += more.length;
          if (discarded > MAX_BODY_BYTES) req.destroy();
        });
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (done) return;
      finish();
      resolveBody(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (e) => {
      if (!done) finish();
      reject(e);
    });
  });
}

/** A URL path decoded, or a 400 for malformed percent-encoding or a control character (a NUL would reach the file system). */
function decodePath(encoded: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    throw new HttpError(400, 'malformed address (bad percent-encoding)');
  }
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(decoded)) throw new HttpError(400, 'malformed address (control character)');
  return decoded;
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

const LOCKED_PAGE = `<!doctype html><meta charset="utf-8"><title>LotTrace</title>
<body style="font: 18px system-ui, sans-serif; margin: 3em">
<h1>LotTrace</h1><p>This address needs its access key. Open the full address printed by <code>npm run web</code> (or <code>npm start</code>) in the terminal.</p>`;

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const rendererDir = resolve(options.rendererDir ?? RENDERER_DIR);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`the renderer is not built (${join(rendererDir, 'index.html')} missing): run npm run build:renderer`);
  }
  const host = options.host ?? '127.0.0.1';
  const key = options.key ?? randomBytes(24).toString('base64url');
  const watchPolicy = underRoot(options.watchRoot);
  const engine = await EngineClient.start(options.dbPath, { ownerName: 'LotTrace browser mode' });
  const sseClients = new Set<ServerResponse>();
  let allowedHosts = new Set<string>();

  const unsubscribe = engine.onEvent((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const res of sseClients) res.write(frame);
  });

  const serveStatic = (req: IncomingMessage, res: ServerResponse, pathname: string): void => {
    const rel = pathname === '/' ? 'index.html' : decodePath(pathname.slice(1));
    const file = normalize(join(rendererDir, rel));
    if (!file.startsWith(rendererDir.endsWith(sep) ? rendererDir : rendererDir + sep)) throw new HttpError(403, 'forbidden');
    const stat = statSync(file, { throwIfNoEntry: false });
    // Unknown paths get the app (client-side routes); assets must exist.
    const target = stat?.isFile() ? file : join(rendererDir, 'index.html');
    if (!stat?.isFile() && extname(rel) !== '') throw new HttpError(404, 'not found');
    const page = target.endsWith('index.html');
    // The page gets a fresh style nonce each time it is served (renderer-files.ts).
    const nonce = page ? newStyleNonce() : undefined;
    res.writeHead(200, {
      'Content-Type': MIME_TYPES[extname(target)] ?? 'application/octet-stream',
      'Content-Security-Policy': contentSecurityPolicy(nonce),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': page ? 'no-store' : 'max-age=3600',
    });
    if (req.method === 'HEAD') res.end();
    else if (nonce) res.end(withStyleNonce(readFileSync(target, 'utf8'), nonce));
    else createReadStream(target).pipe(res);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!allowedHosts.has(req.headers.host ?? '')) throw new HttpError(421, 'wrong host');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const offered = url.searchParams.get('key');
    if (offered !== null && req.method === 'GET') {
      if (!sameSecret(offered, key)) throw new HttpError(403, 'wrong access key');
      // Trade the key in the address for a cookie, and drop it from the address bar.
      res.writeHead(303, {
        'Set-Cookie': `${COOKIE}=${key}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.hash,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    const cookie = cookieValue(req, COOKIE);
    if (cookie === undefined || !sameSecret(cookie, key)) {
      if (req.method === 'GET' && !url.pathname.startsWith('/api/')) send(res, 401, LOCKED_PAGE, 'text/html; charset=utf-8');
      else throw new HttpError(401, 'missing access key');
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) throw new HttpError(403, 'foreign origin');

    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST') throw new HttpError(405, 'calls are POST');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new HttpError(415, 'calls are JSON');
      const name = decodePath(url.pathname.slice('/api/call/'.length));
      const body = await readBody(req);
      if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) {
        sendJson(res, 400, { ok: false, error: new ContractError('invalid_input', `the body is nested deeper than ${MAX_JSON_DEPTH} levels`).toJSON() });
        return;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(body) as unknown;
      } catch {
        sendJson(res, 400, { ok: false, error: new ContractError('invalid_input', 'the body is not JSON').toJSON() });
        return;
      }
      try {
        checkWatchAdd(name, payload, watchPolicy);
        sendJson(res, 200, { ok: true, result: await engine.call(name, payload) });
      } catch (e) {
        const error = e instanceof ContractError ? e : new ContractError('internal', (e as Error).message);
        const status = error.code === 'invalid_input' || error.code === 'unknown_call' ? 400 : error.code === 'busy' ? 503 : error.code === 'internal' ? 500 : 422;
        if (status === 503) res.setHeader('Retry-After', '2');
        sendJson(res, status, { ok: false, error: error.toJSON() });
      }
      return;
    }
    if (url.pathname === '/api/events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(`: events ${EVENT_NAMES.join(' ')}\n\n`);
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method not allowed');
    serveStatic(req, res, url.pathname);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // An unexpected error is logged here and answered without Node's own text.
      if (!(e instanceof HttpError)) console.error('lottrace web:', e);
      const status = e instanceof HttpError ? e.status : 500;
      const message = e instanceof HttpError ? e.message : 'internal error';
      if (res.headersSent) {
        res.end();
        return;
      }
      const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
      // A refused body was not read to its end: close the connection once the answer is out.
      if (status === 413 || status === 503) headers.Connection = 'close';
      if (status === 503) headers['Retry-After'] = '5';
      const api = req.url?.startsWith('/api/') === true;
      res.writeHead(status, { ...headers, 'Content-Type': api ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8' });
      const code = status === 400 || status === 413 ? 'invalid_input' : status === 503 ? 'busy' : status === 500 ? 'internal' : 'rejected';
      res.end(api ? JSON.stringify({ ok: false, error: { code, message } }) : message);
    });
  });
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(options.port ?? 0, host, () => ok());
    });
  } catch (e) {
    await engine.close();
    throw e;
  }
  const { port } = server.address() as AddressInfo;
  const hostPart = host === '::1' ? '[::1]' : host;
  allowedHosts = new Set([`${hostPart}:${port}`, `localhost:${port}`]);
  const origin = `http://${hostPart}:${port}`;

  return {
    url: `${origin}/?key=${key}`,
    origin,
    key,
    engine,
    close: async () => {
      unsubscribe();
      for (const res of sseClients) res.end();
      sseClients.clear();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await engine.close();
    },
  };
}
