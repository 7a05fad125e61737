/**
 * Event tables refuse UPDATE and DELETE at the database level (migration 9's
 * triggers), on a real SQLite file opened by a plain connection as anyone
 * with the file could; an attacker who drops the triggers and edits rows or
 * trail entries is caught by `verifyAudit` and by `lottrace audit verify`
 * (the real bin, exit 1 naming the first bad entry).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../../../electron/engine/audit/verify';
import { openRecall, completeRecall, holdAffectedLots } from '../../../../electron/engine/recall/recall-store';
import { recordConsigneeEvent } from '../../../../electron/engine/recall/consignees';
import { importSmallPlant, openPlant, type Plant } from '../../../fixtures/import/helpers';
import { REAL_RECALL } from '../../../fixtures/recall/facts';

const REPO = resolve(import.meta.dirname, '..', '..', '..', '..');

let plant: Plant;
let path: string;
beforeEach(async () => {
  plant = openPlant();
  await importSmallPlant(plant);
  plant.engine.changeStatus('C-1', 'COOKIE', 'hold', 'metal detector alarm', 'qa.anna');
  const r = openRecall(plant.engine, { scope: { kind: 'lots', lots: [{ lot: 'A100', item: 'FLOUR' }] }, class: 'I', depth: 'retail', reason: 'Salmonella', user: 'qa.anna', ...REAL_RECALL });
  holdAffectedLots(plant.engine, r.recall.id, 'qa.anna');
  recordConsigneeEvent(plant.db, r.recall.id, { customer: 'Grocer Two', ship_to: 'Store 12', kind: 'notified', at: Date.now(), method: 'letter', user: 'qa.ben' });
  completeRecall(plant.db, r.recall.id, { correctiveActions: 'new supplier', user: 'qa.ben' });
  path = plant.engine.path;
  plant.engine.close();
});
afterEach(() => plant.close());

/** A plain connection to the file, as any SQLite tool would open it. */
function raw(): Database.Database {
  return new Database(path);
}

function cliVerify(): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['electron/hosts/cli/lottrace.mjs', 'audit', 'verify', '--db', path], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const EDITS: [table: string, update: string, del: string][] = [
  ['status_change', "UPDATE status_change SET reason = 'x'", 'DELETE FROM status_change'],
  ['shipment', 'UPDATE shipment SET quantity = quantity / 2', 'DELETE FROM shipment'],
  ['receipt', "UPDATE receipt SET po = 'PO-X'", 'DELETE FROM receipt'],
  ['batch', "UPDATE batch SET code = 'B-X'", 'DELETE FROM batch'],
  ['batch_input', 'UPDATE batch_input SET quantity = 1', 'DELETE FROM batch_input'],
  ['batch_output', 'UPDATE batch_output SET quantity = 1', 'DELETE FROM batch_output'],
  ['adjustment', 'UPDATE adjustment SET quantity = 1', 'DELETE FROM adjustment'],
  ['transfer', 'UPDATE transfer SET quantity = 1', 'DELETE FROM transfer'],
  ['recall', "UPDATE recall SET class = 'III', reason = 'changed later'", 'DELETE FROM recall'],
  ['recall_lot', 'UPDATE recall_lot SET depth = depth + 1', 'DELETE FROM recall_lot'],
  ['recall_consignee', "UPDATE recall_consignee SET ship_to = 'x'", 'DELETE FROM recall_consignee'],
  ['recall_consignee_event', "UPDATE recall_consignee_event SET method = 'phone'", 'DELETE FROM recall_consignee_event'],
  ['recall_completion', "UPDATE recall_completion SET corrective_actions = 'none'", 'DELETE FROM recall_completion'],
  ['recall_facts', "UPDATE recall_facts SET hazard = 'none'", 'DELETE FROM recall_facts'],
  ['audit_entry', "UPDATE audit_entry SET user = 'someone'", 'DELETE FROM audit_entry'],
  ['retracted_row', "UPDATE retracted_row SET tbl = 'x'", 'DELETE FROM retracted_row'],
  ['item_history', "UPDATE item_history SET description = 'x'", 'DELETE FROM item_history'],
];

describe('append-only event tables', () => {
  it('an untouched database verifies, by the engine and by the real CLI (exit 0, entries and head)', () => {
    const db = raw();
    const r = verifyAudit(db);
    db.close();
    expect(r.ok).toBe(true);
    const cli = cliVerify();
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout.trim()).toBe(`audit trail verified: ${r.entries} entries, chain head ${r.head}`);
  });

  it.each(EDITS)('%s refuses UPDATE and DELETE on the file', (table, update, del) => {
    const db = raw();
    // Seed a row where the plant has none, through the triggers' front door (INSERT is allowed).
    if (table === 'transfer') db.exec("INSERT INTO location (code) VALUES ('A'), ('B'); INSERT INTO transfer (lot_id, moved_at, from_location_id, to_location_id, quantity, uom) VALUES (1, 1, 1, 2, 1, 'kg')");
    if (table === 'adjustment') db.exec("INSERT INTO adjustment (lot_id, adjusted_at, reason, quantity, uom, delta) VALUES (1, 1, 'scrap', 1, 'kg', -1)");
    if (table === 'retracted_row') db.exec("INSERT INTO retracted_row (tbl, row_key, row_values, at) VALUES ('receipt', '[]', '{}', 1)");
    if (table === 'item_history') db.exec("UPDATE item SET description = 'Flour, wheat' WHERE code = 'FLOUR'");
    expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBeGreaterThan(0);
    expect(() => db.exec(update)).toThrow(new RegExp(`LotTrace: ${table} rows are append-only`));
    expect(() => db.exec(del)).toThrow(new RegExp(`LotTrace: ${table} rows are append-only`));
    db.close();
  });

  it('recall_lot may only gain its hold link once', () => {
    const db = raw();
    const row = db.prepare('SELECT recall_id, lot_id, hold_change_id FROM recall_lot WHERE hold_change_id IS NOT NULL LIMIT 1').get() as { recall_id: number; lot_id: number; hold_change_id: number };
    expect(() => db.prepare('UPDATE recall_lot SET hold_change_id = NULL WHERE recall_id = ? AND lot_id = ?').run(row.recall_id, row.lot_id)).toThrow(/append-only/);
    db.close();
  });

  const tamper = (sql: string): void => {
    const db = raw();
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_no_%'").pluck().all() as string[];
    for (const t of triggers) db.exec(`DROP TRIGGER "${t}"`);
    db.exec(sql);
    db.close();
  };

  const badEntry = (): { id: number; action: string; why: string } => {
    const db = raw();
    const r = verifyAudit(db);
    db.close();
    expect(r.ok).toBe(false);
    return r.bad!;
  };

  it('a shipment quantity halved with triggers dropped: verify names the shipments import, and the CLI exits 1', () => {
    tamper("UPDATE shipment SET quantity = quantity / 2 WHERE order_no = 'SO-1'");
    const bad = badEntry();
    expect(bad.action).toBe('import');
    expect(bad.why).toMatch(/rows of import 3 \(shipments\.csv\) changed or removed/);
    const cli = cliVerify();
    expect(cli.status).toBe(1);
    expect(cli.stderr.trim()).toBe(`lottrace: audit trail does NOT verify: entry ${bad.id} (import): ${bad.why}`);
  });

  it('a hold whose user, reason and time were changed is named', () => {
    tamper("UPDATE status_change SET user = 'someone else', reason = 'routine', at = at - 86400000 WHERE action = 'hold' AND reason = 'metal detector alarm'");
    const bad = badEntry();
    expect(bad.action).toBe('lot.hold');
    expect(bad.why).toMatch(/^status_change \d+ changed or removed/);
  });

  it('a recall changed to class III with a new reason is named', () => {
    tamper("UPDATE recall SET class = 'III', reason = 'changed later'");
    expect(badEntry()).toMatchObject({ action: 'recall.open' });
  });

  it('a recall contact or hazard evaluation edited behind the app is named', () => {
    tamper("UPDATE recall_facts SET contact_phone = '000', hazard = 'no hazard'");
    expect(badEntry()).toMatchObject({ action: 'recall.facts' });
  });

  it('a consignee follow-up deleted is named', () => {
    tamper('DELETE FROM recall_consignee_event');
    expect(badEntry()).toMatchObject({ action: 'recall.consignee-event' });
  });

  it('a trail entry edited, or removed, breaks the chain at that entry', () => {
    tamper("UPDATE audit_entry SET reason = 'nothing to see' WHERE action = 'lot.hold'");
    const edited = badEntry();
    expect(edited.action).toBe('lot.hold');
    expect(edited.why).toMatch(/altered after it was written/);
  });

  it('a trail entry deleted from the middle is found', () => {
    tamper("DELETE FROM audit_entry WHERE action = 'recall.open'");
    expect(badEntry().why).toMatch(/entry \d+ is missing/);
    expect(cliVerify().status).toBe(1);
  });
});
