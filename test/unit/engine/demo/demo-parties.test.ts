/**
 * The demo plant ships a parties.csv and an items.csv with the FSMA 204
 * columns: imported with the rest, every party but three (the lid supplier,
 * one feed buyer with its farm, and the honey supplier's phone) has an
 * address and a phone, so the master-data gaps show something; the items on
 * the Food Traceability List (nut butters: hazelnut paste, spread base,
 * spread) make the default FTL-only FSMA 204 export non-empty and free of
 * gaps, while --all-items shows the gaps.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDemoPlant } from '../../../../electron/engine/demo/demo-database';
import { Engine } from '../../../../electron/engine/engine';
import { writeFsma204 } from '../../../../electron/engine/export/fsma204';
import { listParties } from '../../../../electron/engine/parties/party-locations';

let dir: string;
let engine: Engine;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-demo-parties-'));
  engine = Engine.open(join(dir, 'plant.db'));
  engine.setSetting('timezone', 'America/Chicago');
});
afterEach(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo parties.csv', () => {
  it('gives every party but the chosen few an address and a phone', async () => {
    const demo = await importDemoPlant(engine, { lots: 120, seed: 7, outDir: join(dir, 'csv') });
    expect(demo.imports.map((r) => [r.layout, r.outcome])).toContainEqual(['parties', 'imported']);
    // Logged under the file name, not the temp folder's path.
    expect(engine.db.prepare('SELECT path FROM import_file ORDER BY id').pluck().all()).toEqual(demo.plant.files.map((f) => basename(f)));
    const all = listParties(engine.db);
    expect(all.filter((p) => p.role === 'site').map((p) => p.party)).toEqual(['Acme Biscuit Co.']);
    expect(all.filter((p) => p.role === 'customer' && p.location !== '').length).toBeGreaterThan(10);
    expect(listParties(engine.db, { missing: true }).map((p) => [p.role, p.party, p.location, p.gaps])).toEqual([
      ['customer', 'Porcinos del Valle, S.L.', '', ['address', 'phone']],
      ['customer', 'Porcinos del Valle, S.L.', 'Granja 7, Lleida', ['address', 'phone']],
      ['supplier', "Miel de l'Ardèche", '', ['phone']],
      ['supplier', 'Ørsted Emballage A/S', '', ['address', 'phone']],
    ]);
    // The default export: FTL foods only, and none of them passes through a party with a gap.
    const ftl = await writeFsma204(engine, { from: '2016-01-01', to: '2016-12-31' }, join(dir, 'fsma.csv'));
    expect(ftl.rows).toEqual({ Receiving: 1, Transformation: 4, Shipping: 3 });
    const text = readFileSync(ftl.path, 'utf8');
    expect(text).not.toMatch(/missing\]/);
    expect(text).toContain('Cocoa hazelnut spread 350 g x 6');
    expect(text).not.toContain('Vanilla biscuits');
    // Every item: the lids' supplier shows its gap.
    const every = await writeFsma204(engine, { from: '2016-01-01', to: '2016-12-31', allItems: true }, join(dir, 'fsma-all.csv'));
    expect(every.rows.Shipping).toBeGreaterThan(ftl.rows.Shipping);
    expect(readFileSync(every.path, 'utf8')).toContain('Ørsted Emballage A/S, DK [address incomplete], [phone missing]');
  });

  it('writes the FSMA 204 item columns: GTINs with check digits on finished goods, FTL flags on the nut butters only', async () => {
    await importDemoPlant(engine, { lots: 120, seed: 7, outDir: join(dir, 'csv') });
    const rows = engine.db.prepare("SELECT code, gtin, brand, pack_size, pack_style, ftl, ftl_category FROM item WHERE code IN ('FG-SPREAD', 'FG-BISC-VAN', 'RM-HAZELNUT', 'RM-EGG', 'PK-LID-63', 'RM-FLOUR-BULK') ORDER BY code").raw().all();
    expect(rows).toEqual([
      ['FG-BISC-VAN', '10614141000118', 'Acme', '200 g x 12', 'flow-wrap pack; case of 12', 0, ''],
      ['FG-SPREAD', '10614141000163', 'Acme', '350 g x 6', 'glass jar, twist-off lid; case of 6', 1, 'Nut butters'],
      ['PK-LID-63', '', 'Ørsted Emballage A/S', '5000 ea', 'carton', 0, ''],
      ['RM-EGG', '', 'Midwest Egg Products LLC', '50 lb', 'bag', 0, ''],
      ['RM-FLOUR-BULK', '', 'Great Plains Milling Co.', 'bulk', 'tanker', 0, ''],
      ['RM-HAZELNUT', '', 'Fındık Tarım A.Ş.', '20 kg', 'bag', 1, 'Nut butters'],
    ]);
    expect(engine.db.prepare('SELECT code FROM item WHERE ftl = 1 ORDER BY code').pluck().all()).toEqual(['FG-SPREAD', 'RM-HAZELNUT', 'WIP-SPREAD-BASE']);
  });
});
