/**
 * Browser mode's HTTP transport, over real sockets, on a real database:
 * loopback only, Host header checked, access key required, calls validated
 * and answered with the contract's typed errors, push events delivered.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../../../electron/hosts/web/server';
import { importSmallPlant, openPlant } from '../../../fixtures/import/helpers';

let dir: string;
let server: WebServer;
let port: number;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function http(method: string, path: string, options: { headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { Host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const cookie = (): string => `lottrace_key=${server.key}`;
const callApi = (name: string, payload: unknown, headers: Record<string, string> = {}): Promise<Reply> =>
  http('POST', `/api/call/${name}`, { headers: { Cookie: cookie(), 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(payload) });

beforeAll(async () => {
  const plant = openPlant();
  await importSmallPlant(plant);
  plant.engine.close();
  dir = plant.dir;
  const dbPath = join(dir, 'plant.db');
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>LotTrace test page</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'not for the browser');
  server = await startWebServer({ dbPath, rendererDir });
  port = Number(new URL(server.origin).port);
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('browser-mode server', () => {
  it('listens on loopback and prints an address carrying the access key', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/?key=${server.key}`);
    expect(server.key.length).toBeGreaterThanOrEqual(32);
  });

  it('trades the key in the address for an HttpOnly SameSite=Strict cookie', async () => {
    const r = await http('GET', `/?key=${server.key}`);
    expect(r.status).toBe(303);
    expect(r.headers['set-cookie']?.[0]).toBe(`lottrace_key=${server.key}; HttpOnly; SameSite=Strict; Path=/`);
    expect(r.headers.location).toBe('/');
    expect((await http('GET', '/?key=wrong')).status).toBe(403);
  });

  it('serves the app only with the key, with a strict Content-Security-Policy', async () => {
    const locked = await http('GET', '/');
    expect(locked.status).toBe(401);
    expect(locked.body).toContain('needs its access key');
    const page = await http('GET', '/', { headers: { Cookie: cookie() } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('LotTrace test page');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect((await http('GET', '/assets/app.js', { headers: { Cookie: cookie() } })).body).toBe('console.log(1)');
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    expect((await http('GET', '/', { headers: { Host: 'evil.example:80', Cookie: cookie() } })).status).toBe(421);
    expect((await callApi('app:info', {}, { Origin: 'http://evil.example' })).status).toBe(403);
  });

  it('does not serve files outside the renderer folder', async () => {
    const r = await http('GET', '/..%2Fsecret.txt', { headers: { Cookie: cookie() } });
    expect(r.status).toBe(403);
    expect(r.body).not.toContain('not for the browser');
    expect((await http('GET', '/assets/missing.js', { headers: { Cookie: cookie() } })).status).toBe(404);
  });

  it('answers calls with the contract result', async () => {
    const r = await callApi('lots:search', { text: 'C-', sort: 'lot' });
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as { ok: true; result: { total: number; rows: { item: string; lot: string }[] } };
    expect(body.result.total).toBe(2);
    expect(body.result.rows.map((l) => `${l.item}/${l.lot}`)).toEqual(['COOKIE/C-1', 'COOKIE/C-2']);
  });

  it('requires the key, POST and JSON for calls', async () => {
    expect((await http('POST', '/api/call/app:info', { headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await http('GET', '/api/call/app:info', { headers: { Cookie: cookie() } })).status).toBe(405);
    // A cross-site HTML form can only send form encodings: refused.
    expect((await http('POST', '/api/call/app:info', { headers: { Cookie: cookie(), 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1' })).status).toBe(415);
  });

  it('rejects malformed payloads and unknown calls with typed errors', async () => {
    const bad = await callApi('lot:setStatus', { item: 'SALT', lot: 'A100', action: 'destroy', reason: 'x' });
    expect(bad.status).toBe(400);
    const body = JSON.parse(bad.body) as { ok: false; error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.issues.map((i) => i.path)).toEqual(['action']);
    const unknown = JSON.parse((await callApi('db:exec', { sql: 'DROP TABLE lot' })).body) as { error: { code: string } };
    expect(unknown.error.code).toBe('unknown_call');
    const notJson = await http('POST', '/api/call/app:info', { headers: { Cookie: cookie(), 'Content-Type': 'application/json' }, body: '{' });
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const missing = JSON.parse((await callApi('lot:get', { item: 'SALT', lot: 'NOPE' })).body) as { error: { code: string } };
    expect(missing.error.code).toBe('not_found');
  });

  it('refuses malformed addresses, deep JSON and oversized bodies with typed answers, never a 500 or a dropped connection (issue 19)', async () => {
    for (const path of ['/%00', '/%E0%A4%A', '/assets/%ZZ.js', '/api/call/%E0%A4%A']) {
      const r = path.startsWith('/api/')
        ? await http('POST', path, { headers: { Cookie: cookie(), 'Content-Type': 'application/json' }, body: '{}' })
        : await http('GET', path, { headers: { Cookie: cookie() } });
      expect(r.status, path).toBe(400);
      expect(r.body, path).toMatch(/malformed address/);
    }
    const deep = await http('POST', '/api/call/app:info', { headers: { Cookie: cookie(), 'Content-Type': 'application/json' }, body: '['.repeat(100_000) + ']'.repeat(100_000) });
    expect(deep.status).toBe(400);
    expect(JSON.parse(deep.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'the body is nested deeper than 64 levels' } });
    // Brackets inside strings are text, not nesting.
    expect((await callApi('lots:search', { text: '['.repeat(150) })).status).toBe(200);
    const declared = await http('POST', '/api/call/app:info', { headers: { Cookie: cookie(), 'Content-Type': 'application/json', 'Content-Length': String(200 * 1024 * 1024) }, body: '' }).catch((e: Error) => e);
    expect(declared).toMatchObject({ status: 413 });
    expect((declared as Reply).body).toMatch(/request too large/);
    // Still serving afterwards.
    expect((await callApi('app:info', {})).status).toBe(200);
  });

  it('answers 413 to a body that grows past the cap while it streams, before closing', async () => {
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/call/app:info', headers: { Host: `127.0.0.1:${port}`, Cookie: cookie(), 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(8 * 1024 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent < 14) {
          sent++;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      pump();
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('pushes lot:statusChanged and data:changed to subscribed pages', async () => {
    const events: string[] = [];
    const stream = request({ host: '127.0.0.1', port, path: '/api/events', headers: { Host: `127.0.0.1:${port}`, Cookie: cookie() } });
    const got = new Promise<void>((resolve) => {
      stream.on('response', (res) => {
        res.on('data', (c: Buffer) => {
          events.push(c.toString());
          if (events.join('').includes('event: lot:statusChanged') && events.join('').includes('event: data:changed')) resolve();
        });
      });
    });
    stream.end();
    await new Promise((r) => setTimeout(r, 100));
    const r = await callApi('lot:setStatus', { item: 'SALT', lot: 'A100', action: 'hold', reason: 'supplier recall notice' });
    expect(r.status).toBe(200);
    await got;
    stream.destroy();
    expect(events.join('')).toContain('data: {"item":"SALT","lot":"A100","status":"on_hold"}');
    // Every write call is followed by data:changed naming it (service/engine-worker.ts), which open pages refetch on.
    expect(events.join('')).toContain('event: data:changed\ndata: {"call":"lot:setStatus"}');
  });
});
