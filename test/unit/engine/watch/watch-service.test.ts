/**
 * The app's watched folders on real temp folders: the list is saved in the
 * settings file the CLI reads, a paused folder imports nothing, a rejected
 * file is listed with its errors and retried after a fix, and the list
 * survives a restart (files that arrived meanwhile are imported at start).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileEvent } from '../../../../electron/engine/watch/hot-folder';
import { readWatchConfig } from '../../../../electron/engine/watch/watch-config';
import { watchConfigPathFor, WatchService } from '../../../../electron/engine/watch/watch-service';
import { csv, openPlant, RECEIPTS, type Plant } from '../../../fixtures/import/helpers';

let plant: Plant;
let inbox: string;
let service: WatchService;
let events: FileEvent[];

const receipt = (lot: string, date = '2026-04-02T08:00:00'): string => csv(RECEIPTS, `${date},RYE,Rye flour,${lot},100,kg,Mill Co,MC-${lot},PO-1,WH1,`);
const lotCount = (): number => plant.db.prepare('SELECT count(*) FROM lot').pluck().get() as number;

beforeEach(() => {
  plant = openPlant();
  inbox = join(plant.dir, 'inbox');
  mkdirSync(inbox);
  events = [];
  service = new WatchService(plant.engine, watchConfigPathFor(join(plant.dir, 'plant.db')), (e) => events.push(e));
});
afterEach(async () => {
  await service.close();
  plant.close();
});

describe('watched folders of the app', () => {
  it('keeps the list beside the database in the CLI settings format', async () => {
    await service.start();
    expect(service.configPath).toBe(join(plant.dir, 'plant.watch.json'));
    await service.add({ path: inbox, stableMs: 50 });
    expect(readWatchConfig(service.configPath)).toEqual([{ path: inbox, profile: 'auto', after: 'archive', poll: false, stableMs: 50, paused: false }]);
    expect(service.list()).toMatchObject([{ path: inbox, status: 'watching', rejected: [] }]);
    await expect(service.add({ path: inbox })).rejects.toThrow(/already watched/);
  });

  it('imports a dropped file once and archives it', async () => {
    await service.start();
    await service.add({ path: inbox, stableMs: 50 });
    writeFileSync(join(inbox, 'r1.csv'), receipt('RY-1'));
    await expect.poll(() => events.length, { timeout: 10_000 }).toBe(1);
    await service.idle();
    expect(events[0]).toMatchObject({ file: 'r1.csv', outcome: 'imported' });
    expect(existsSync(join(inbox, 'r1.csv'))).toBe(false);
    expect(lotCount()).toBe(1);
  });

  it('a paused folder imports nothing until resumed', async () => {
    await service.start();
    await service.add({ path: inbox, stableMs: 50 });
    await service.setPaused(inbox, true);
    expect(service.list()[0]!.status).toBe('paused');
    writeFileSync(join(inbox, 'r2.csv'), receipt('RY-2'));
    await new Promise((r) => setTimeout(r, 500));
    expect(lotCount()).toBe(0);
    expect(readWatchConfig(service.configPath)[0]!.paused).toBe(true);
    await service.setPaused(inbox, false);
    await service.idle();
    expect(lotCount()).toBe(1);
  });

  it('lists a rejected file with its errors and imports it on retry after a fix', async () => {
    await service.start();
    await service.add({ path: inbox, stableMs: 50 });
    writeFileSync(join(inbox, 'bad.csv'), receipt('RY-3', 'yesterday'));
    await expect.poll(() => service.list()[0]!.rejected.length, { timeout: 10_000 }).toBe(1);
    const [rejected] = service.list()[0]!.rejected;
    expect(rejected!.name).toBe('bad.csv');
    expect(rejected!.errors).toContain('received_at');
    // The same errors as rows for the app's error table, tied to the import-log entry of the rejected import.
    expect(rejected!.error_count).toBe(1);
    expect(rejected!.problems).toEqual([expect.objectContaining({ line: 2, column: 'received_at', value: 'yesterday' })]);
    const logged = plant.db.prepare("SELECT id, errors FROM import_file WHERE outcome = 'rejected'").get() as { id: number; errors: string };
    expect(rejected!.import_id).toBe(logged.id);
    expect(JSON.parse(logged.errors)).toEqual([{ file: expect.stringContaining('bad.csv'), ...rejected!.problems![0] }]);
    expect(lotCount()).toBe(0);

    writeFileSync(join(inbox, 'rejected', 'bad.csv'), receipt('RY-3'));
    expect(service.retry(inbox, 'bad.csv')).toBe(join(inbox, 'bad.csv'));
    await expect.poll(() => lotCount(), { timeout: 10_000 }).toBe(1);
    expect(service.list()[0]!.rejected).toEqual([]);
    expect(existsSync(join(inbox, 'rejected', 'bad.csv.errors.json'))).toBe(false);
    expect(() => service.retry(inbox, '../plant.db')).toThrow(/not a file name/);
    expect(() => service.retry(inbox, 'missing.csv')).toThrow(/is not in/);
  });

  it('shows a file it could not file away on the folder status, until a later file goes through', async () => {
    writeFileSync(join(inbox, 'archive'), '');
    await service.start();
    await service.add({ path: inbox, stableMs: 50 });
    writeFileSync(join(inbox, 'first.csv'), receipt('RY-1'));
    let status = '';
    for (let i = 0; i < 200 && !status.startsWith('error'); i++) {
      await service.idle();
      status = service.list()[0]!.status;
      await new Promise((ok) => setTimeout(ok, 50));
    }
    expect(status).toMatch(/^error: first\.csv: .*archive.* cannot hold files/);
    expect(lotCount()).toBe(0);
    expect(existsSync(join(inbox, 'first.csv'))).toBe(true);
  });

  it('reports a folder that disappeared, and picks up files that arrived while closed', async () => {
    await service.start();
    await service.add({ path: inbox, stableMs: 50 });
    await service.add({ path: join(plant.dir, 'nowhere'), stableMs: 50 });
    expect(service.list().map((f) => f.status)).toEqual(['watching', 'error: folder missing']);
    await service.close();

    writeFileSync(join(inbox, 'while-closed.csv'), receipt('RY-4'));
    const again = new WatchService(plant.engine, service.configPath);
    try {
      await again.start();
      await again.idle();
      expect(lotCount()).toBe(1);
      await again.remove(join(plant.dir, 'nowhere'));
      expect(JSON.parse(readFileSync(again.configPath, 'utf8')).folders).toHaveLength(1);
    } finally {
      await again.close();
    }
  });
});
