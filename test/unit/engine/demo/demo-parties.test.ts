/**
 * The demo plant ships a parties.csv: imported with the rest, every
 * supplier, customer and ship-to it used has an address and a phone (no
 * gaps), and its FSMA 204 export has full location descriptions.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  it('gives every party the demo uses an address and a phone', async () => {
    const demo = await importDemoPlant(engine, { lots: 120, seed: 7, outDir: join(dir, 'csv') });
    expect(demo.imports.map((r) => [r.layout, r.outcome])).toContainEqual(['parties', 'imported']);
    const all = listParties(engine.db);
    expect(all.filter((p) => p.role === 'site').map((p) => p.party)).toEqual(['Acme Biscuit Co.']);
    expect(all.filter((p) => p.role === 'customer' && p.location !== '').length).toBeGreaterThan(10);
    expect(listParties(engine.db, { missing: true })).toEqual([]);
    const r = await writeFsma204(engine, { from: '2016-01-01', to: '2016-12-31', allItems: true }, join(dir, 'fsma.csv'));
    expect(r.rows.Shipping).toBeGreaterThan(0);
    expect(readFileSync(r.path, 'utf8')).not.toMatch(/missing\]/);
  });
});
