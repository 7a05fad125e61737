/**
 * An import keeps its transaction open while it waits for the file; a write
 * queued with afterImports (what the app's worker does for a status change
 * during a watched-folder import) must run after the import has committed,
 * outside its transaction, and survive an import that is rolled back.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Engine } from '../../../../electron/engine/engine';
import { afterImports } from '../../../../electron/engine/import/import-file';

let dir: string;
let engine: Engine;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-exclusive-'));
  engine = Engine.open(join(dir, 'plant.db'));
  writeFileSync(join(dir, 'salt.csv'), 'received_at,item,lot,quantity,uom,supplier\n2026-03-01T08:00:00,SALT,S-1,100,kg,Salt Works\n');
  expect((await engine.importFile(join(dir, 'salt.csv'))).outcome).toBe('imported');
});
afterEach(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A receipts file big enough that its import awaits the file many times. */
function bigReceipts(rows: number, badLast: boolean): string {
  const lines = ['received_at,item,lot,quantity,uom,supplier'];
  for (let i = 0; i < rows; i++) lines.push(`2026-03-02T08:00:00,FLOUR,F-${i},25,kg,Mill Co`);
  if (badLast) lines.push('2026-03-02T08:00:00,FLOUR,F-bad,not-a-number,kg,Mill Co');
  const path = join(dir, `receipts-${rows}-${badLast}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

it('a write queued during an import runs after the commit, outside the transaction', async () => {
  const importing = engine.importFile(bigReceipts(60_000, false));
  let sawTransaction: boolean | undefined;
  let lotsSeen = -1;
  const held = afterImports(engine.db, () => {
    sawTransaction = engine.db.inTransaction;
    lotsSeen = engine.db.prepare("SELECT count(*) FROM lot l JOIN item i ON i.id = l.item_id WHERE i.code = 'FLOUR'").pluck().get() as number;
    return engine.changeStatus('S-1', 'SALT', 'hold', 'suspected contamination', 'qa');
  });
  expect((await importing).outcome).toBe('imported');
  expect((await held).to).toBe('on_hold');
  expect(sawTransaction).toBe(false);
  expect(lotsSeen).toBe(60_000);
});

it('a write queued during an import that is rolled back is kept', async () => {
  const importing = engine.importFile(bigReceipts(60_000, true));
  const held = afterImports(engine.db, () => engine.changeStatus('S-1', 'SALT', 'hold', 'suspected contamination', 'qa'));
  const result = await importing;
  expect(result.outcome).toBe('rejected');
  await held;
  expect(engine.lotDetails('S-1', 'SALT').lot.status).toBe('on_hold');
  expect(engine.db.prepare("SELECT count(*) FROM item WHERE code = 'FLOUR'").pluck().get()).toBe(0);
  expect(engine.db.prepare('SELECT count(*) FROM status_change').pluck().get()).toBe(1);
});
