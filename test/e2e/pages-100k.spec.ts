/**
 * Every page of browser mode on the generated 100,000-lot plant (issue 20):
 * no console error, no failed request, each page settles, and each is
 * photographed at 1400×900 and 1280×720 for a person to look at. The time
 * each page took to settle is printed (not asserted: timings belong to the
 * benchmarks).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../electron/engine/engine';
import { expect, setUpAccounts, startServer, stopServer, test } from './fixtures';
import { ADMIN, visitEveryPage } from './every-page';
import { cachedPlant100k, LOTS_100K, plantLots } from './plant-100k';

test('every page of browser mode on the 100,000-lot plant: no console error, no failed request; screenshots at 1400×900 and 1280×720', async ({ page }, testInfo) => {
  // A bigger plant (LOTTRACE_E2E_PLANT_LOTS, a measurement) takes minutes to generate and longer per page.
  test.setTimeout(plantLots() > LOTS_100K ? 90 * 60_000 : 10 * 60_000);
  const dir = mkdtempSync(join(tmpdir(), 'lottrace-e2e-pages-100k-'));
  const dbPath = join(dir, 'plant.db');
  copyFileSync(await cachedPlant100k(), dbPath);
  const engine = Engine.open(dbPath);
  // The same example lot the demo names: a raw lot that went into production.
  const example = engine.db
    .prepare(`SELECT i.code AS item, l.code AS lot FROM lot l JOIN item i ON i.id = l.item_id
      WHERE i.kind = 'raw' AND EXISTS (SELECT 1 FROM link WHERE from_lot_id = l.id) ORDER BY l.id LIMIT 1`)
    .get() as { item: string; lot: string };
  engine.close();
  setUpAccounts(dbPath, { users: [ADMIN], part11: false });
  const { url, server } = await startServer(dbPath, { LOTTRACE_WATCH_ROOT: dir });
  try {
    const { problems, seen } = await visitEveryPage(page, testInfo, url, example, plantLots() > LOTS_100K ? 600_000 : 120_000);
    console.log(seen.join('\n'));
    expect(problems, seen.join('\n')).toEqual([]);
  } finally {
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  }
});
