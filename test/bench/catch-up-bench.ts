/**
 * How long the first trace after a day's imports waits on a big plant: the
 * app keeps the genealogy, the lot table and the shipments/receipts in
 * memory, and brings them up to date after each import (memory/*.ts, the
 * catch-up paths of migration 8). Works on a copy of an imported plant
 * database, e.g. one kept by `npm run bench -- --db PATH --keep`:
 *
 *   node --import tsx test/bench/catch-up-bench.ts --db /tmp/bench.db
 *
 * Prints the full load of each copy, then imports a day of production (300
 * batches of 6 inputs, consuming the newest lots) and of shipments (2,000,
 * of other recent lots), then times each copy's catch-up, then a hold and
 * the lot table's catch-up after it.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Engine } from '../../electron/engine/engine';
import type { MemoryGenealogy } from '../../electron/engine/memory/genealogy-copy';

const { values } = parseArgs({ options: { db: { type: 'string' } } });
if (!values.db) throw new Error('--db PATH (an imported plant database) is required');
const dir = mkdtempSync(join(tmpdir(), 'lottrace-catch-up-'));
const path = join(dir, 'plant.db');
copyFileSync(values.db, path);

const engine = Engine.open(path, { memoryCopies: true });
const time = (label: string, f: () => unknown): number => {
  const t = performance.now();
  f();
  const ms = performance.now() - t;
  console.log(`${label.padEnd(40)} ${ms.toFixed(ms < 10 ? 2 : 0).padStart(8)} ms`);
  return ms;
};
try {
  const full = time('full load: genealogy', () => engine.genealogy()) + time('full load: lot table', () => engine.lots()) + time('full load: shipments and receipts', () => engine.reachWalker());
  console.log(`${'full load: total'.padEnd(40)} ${full.toFixed(0).padStart(8)} ms`);

  const recent = engine.db.prepare('SELECT i.code AS item, l.code AS lot, l.uom FROM lot l JOIN item i ON i.id = l.item_id ORDER BY l.id DESC LIMIT 3800').all() as { item: string; lot: string; uom: string }[];
  const production = ['batch,produced_at,output_item,output_description,output_lot,output_quantity,output_uom,input_item,input_lot,input_quantity,input_uom,location,expires_on'];
  for (let b = 0; b < 300; b++) {
    for (let k = 0; k < 6; k++) {
      const l = recent[b * 6 + k]!;
      production.push(`DAY-${b},2040-01-05T06:00:00,FG-DAY,,DAY-${b},100,kg,${l.item},${l.lot},1,${l.uom},LINE1,`);
    }
  }
  const shipments = ['shipped_at,item,lot,quantity,uom,customer,ship_to,order,bol'];
  for (let i = 0; i < 2000; i++) {
    const l = recent[1800 + i]!;
    shipments.push(`2040-01-05T15:00:00,${l.item},${l.lot},1,${l.uom},Customer ${i % 50},DC ${i % 7},SO-DAY-${i},BOL-DAY-${i >> 3}`);
  }
  for (const [name, lines] of [['day-production.csv', production], ['day-shipments.csv', shipments]] as const) {
    const file = join(dir, name);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const result = await engine.importFile(file);
    if (result.outcome !== 'imported') throw new Error(`${name}: ${result.outcome}`);
    console.log(`imported ${name}: ${result.rows} rows`);
  }
  const caught =
    time('after the imports: genealogy', () => engine.genealogy()) +
    time('after the imports: lot table', () => engine.lots()) +
    time('after the imports: shipments and receipts', () => engine.reachWalker());
  console.log(`${'after the imports: total'.padEnd(40)} ${caught.toFixed(0).padStart(8)} ms`);
  console.log(`(genealogy ${(engine.genealogy() as MemoryGenealogy).loadedBy}, shipments and receipts ${engine.reachWalker()!.shipmentsAndReceipts.loadedBy})`);

  const lot = recent[0]!;
  engine.changeStatus(lot.lot, lot.item, 'hold', 'catch-up bench', 'bench');
  time('after a hold: lot table', () => engine.lots());
} finally {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
}
