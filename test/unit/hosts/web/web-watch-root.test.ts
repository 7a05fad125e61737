/**
 * Browser mode's watch:add (issue 19 item 8): any caller holding the key
 * could add any folder with after: "delete" and have its files deleted.
 * Now only folders under the server's --watch-root are accepted (none
 * without one, symbolic links out of the root refused), and after:
 * "delete" needs confirm_delete: true. Real server, real sockets.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../../../electron/hosts/web/server';
import { openPlant } from '../../../fixtures/import/helpers';

let dir: string;
let withRoot: WebServer;
let withoutRoot: WebServer;

function callApi(server: WebServer, name: string, payload: unknown): Promise<{ status: number; body: { ok: boolean; result?: unknown; error?: { code: string; message: string } } }> {
  const port = Number(new URL(server.origin).port);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: `/api/call/${name}`, headers: { Host: `127.0.0.1:${port}`, Cookie: `lottrace_key=${server.key}`, 'Content-Type': 'application/json' } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) as never }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(payload));
  });
}

beforeAll(async () => {
  const plant = openPlant();
  plant.engine.close();
  dir = plant.dir;
  mkdirSync(join(dir, 'root', 'inbox'), { recursive: true });
  mkdirSync(join(dir, 'elsewhere'));
  writeFileSync(join(dir, 'elsewhere', 'precious.txt'), 'keep me');
  symlinkSync(join(dir, 'elsewhere'), join(dir, 'root', 'link-out'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
  withRoot = await startWebServer({ dbPath: join(dir, 'plant.db'), rendererDir, watchRoot: join(dir, 'root') });
  // One server per database (the owner lock): the server without a root gets a copy of the plant.
  copyFileSync(join(dir, 'plant.db'), join(dir, 'plant-copy.db'));
  withoutRoot = await startWebServer({ dbPath: join(dir, 'plant-copy.db'), rendererDir });
});

afterAll(async () => {
  await withRoot?.close();
  await withoutRoot?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('watch:add in browser mode', () => {
  it('without a watch root, no folder can be added', async () => {
    const r = await callApi(withoutRoot, 'watch:add', { path: join(dir, 'root', 'inbox') });
    expect(r.status).toBe(422);
    expect(r.body.error).toEqual({ code: 'rejected', message: 'watched folders cannot be added in browser mode unless the server is started with --watch-root FOLDER (or LOTTRACE_WATCH_ROOT); then folders under it can be' });
  });

  it('refuses a folder outside the root, also through a symbolic link or "..", and after "delete" without confirmation', async () => {
    for (const path of [join(dir, 'elsewhere'), join(dir, 'root', 'link-out'), join(dir, 'root', '..', 'elsewhere'), '/']) {
      const r = await callApi(withRoot, 'watch:add', { path, after: 'delete', confirm_delete: true });
      expect(r.status, path).toBe(422);
      expect(r.body.error?.code).toBe('rejected');
      expect(r.body.error?.message).toMatch(/^only folders under .*root can be watched in browser mode/);
    }
    const unconfirmed = await callApi(withRoot, 'watch:add', { path: join(dir, 'root', 'inbox'), after: 'delete' });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error?.code).toBe('invalid_input');
    expect(unconfirmed.body.error?.message).toContain('send confirm_delete: true to confirm');
    expect((await callApi(withRoot, 'watch:list', {})).body.result).toEqual([]);
  });

  it('adds a folder under the root', async () => {
    const r = await callApi(withRoot, 'watch:add', { path: join(dir, 'root', 'inbox'), after: 'delete', confirm_delete: true });
    expect(r.status).toBe(200);
    expect((r.body.result as { path: string; after: string }[]).map((f) => [f.path, f.after])).toEqual([[join(dir, 'root', 'inbox'), 'delete']]);
    await callApi(withRoot, 'watch:remove', { path: join(dir, 'root', 'inbox') });
  });
});
