/**
 * Takes an imported EPCIS event's effect back out of the engine tables when
 * an errorDeclaration retracts it: the receipt, shipment, adjustment and batch rows it
 * wrote are archived with all their values in retracted_row and deleted, and each touched lot's running totals are rebuilt from
 * the rows that remain, the way record-writer.ts builds them (convert each
 * row to the lot's unit and add; rows whose unit cannot be converted count
 * in 'unconvertible'). A batch left without outputs is archived and taken
 * out too. A lot is never deleted, even when every record that named it was
 * retracted: its page is where the struck-through records are read
 * (retracted-records.ts finds them by lot id, and a deleted id could be
 * given to the next new lot, which would then show another lot's records).
 * It stays with zero totals and origin 'unknown'. Runs after the RecordWriter of
 * the same import has flushed (its cached totals would otherwise overwrite
 * these), inside the import's transaction.
 */
import type { Db } from '../db/database';
import * as feed from '../memory/change-feed';
import { convert, roundQuantity } from '../domain/units';
import { RECOMPUTE_LOT_HOME_SQL } from '../inventory/lot-home';
import { ADJUSTMENT, archiveRows, BATCH, BATCH_INPUT, BATCH_OUTPUT, RECEIPT, SHIPMENT, type Archived, type EventTable } from '../audit/event-tables';

export type Effect =
  | { t: 'receipt'; lot: number; at: number; supplier: number; supplierLot: string; po: string }
  | { t: 'shipment'; lot: number; at: number; customer: number; shipTo: string; order: string; bol: string }
  | { t: 'output'; batch: number; lot: number }
  | { t: 'input'; batch: number; out: number; in: number }
  | { t: 'adjustment'; lot: number; at: number; reason: string; location: number | null };

interface Row {
  quantity: number;
  uom: string;
}

export interface UndoOutcome {
  rowsRemoved: number;
  /** Output rows kept because inputs recorded by other events still hang on them. */
  outputsKept: number;
}

export function undoEffects(db: Db, effects: readonly Effect[], archive: Archived): UndoOutcome {
  // Each row's full values go to retracted_row first: the delete triggers allow removing archived rows only.
  const remove = (t: EventTable, where: string, key: readonly unknown[]): void => {
    archiveRows(db, t, where, key, archive);
    db.prepare(`DELETE FROM ${t.table} WHERE ${where}`).run(...key);
  };
  const outcome: UndoOutcome = { rowsRemoved: 0, outputsKept: 0 };
  const lots = new Map<number, { unconvertibleRemoved: number }>();
  const batches = new Set<number>();
  const touch = (lot: number): { unconvertibleRemoved: number } => {
    let t = lots.get(lot);
    if (!t) lots.set(lot, (t = { unconvertibleRemoved: 0 }));
    return t;
  };
  const lotUom = db.prepare('SELECT uom FROM lot WHERE id = ?').pluck();
  const removed = (lot: number, row: Row): void => {
    const uom = lotUom.get(lot) as string | undefined;
    if (uom !== undefined && convert(row.quantity, row.uom, uom) === undefined) touch(lot).unconvertibleRemoved++;
    else touch(lot);
    outcome.rowsRemoved++;
  };
  // Inputs before outputs: an input row references its output row.
  const ordered = [...effects].sort((a, b) => (a.t === 'input' ? 0 : 1) - (b.t === 'input' ? 0 : 1));
  for (const e of ordered) {
    if (e.t === 'receipt') {
      const key = [e.lot, e.at, e.supplier, e.supplierLot, e.po];
      const row = db.prepare('SELECT quantity, uom FROM receipt WHERE lot_id = ? AND received_at = ? AND supplier_id = ? AND supplier_lot = ? AND po = ?').get(...key) as Row | undefined;
      if (!row) continue;
      remove(RECEIPT, 'lot_id = ? AND received_at = ? AND supplier_id = ? AND supplier_lot = ? AND po = ?', key);
      removed(e.lot, row);
    } else if (e.t === 'shipment') {
      const key = [e.lot, e.at, e.customer, e.shipTo, e.order, e.bol];
      const where = 'lot_id = ? AND shipped_at = ? AND customer_id = ? AND ship_to = ? AND order_no = ? AND bol = ?';
      const row = db.prepare(`SELECT quantity, uom FROM shipment WHERE ${where}`).get(...key) as Row | undefined;
      if (!row) continue;
      remove(SHIPMENT, where, key);
      removed(e.lot, row);
    } else if (e.t === 'adjustment') {
      const where = 'lot_id = ? AND adjusted_at = ? AND reason = ? AND ifnull(location_id, 0) = ?';
      const key = [e.lot, e.at, e.reason, e.location ?? 0];
      const row = db.prepare(`SELECT -delta AS quantity, uom FROM adjustment WHERE ${where}`).get(...key) as Row | undefined;
      if (!row) continue;
      remove(ADJUSTMENT, where, key);
      removed(e.lot, row);
    } else if (e.t === 'input') {
      const row = db.prepare('SELECT quantity, uom FROM batch_input WHERE batch_id = ? AND output_lot_id = ? AND input_lot_id = ?').get(e.batch, e.out, e.in) as Row | undefined;
      if (!row) continue;
      remove(BATCH_INPUT, 'batch_id = ? AND output_lot_id = ? AND input_lot_id = ?', [e.batch, e.out, e.in]);
      removed(e.in, row);
      batches.add(e.batch);
    } else {
      const row = db.prepare('SELECT quantity, uom FROM batch_output WHERE batch_id = ? AND lot_id = ?').get(e.batch, e.lot) as Row | undefined;
      if (!row) continue;
      batches.add(e.batch);
      if (db.prepare('SELECT 1 FROM batch_input WHERE batch_id = ? AND output_lot_id = ? LIMIT 1').get(e.batch, e.lot)) {
        outcome.outputsKept++;
        continue;
      }
      remove(BATCH_OUTPUT, 'batch_id = ? AND lot_id = ?', [e.batch, e.lot]);
      removed(e.lot, row);
    }
  }
  for (const batch of batches) {
    if (!db.prepare('SELECT 1 FROM batch_output WHERE batch_id = ? LIMIT 1').get(batch)) remove(BATCH, 'id = ?', [batch]);
  }
  // Which columns the lot table has, read once per undo rather than per lot (a database at an older schema lacks some).
  const lotColumns = new Set(db.prepare("SELECT name FROM pragma_table_info('lot')").pluck().all() as string[]);
  for (const [lot, t] of lots) rebuildLot(db, lot, t.unconvertibleRemoved, lotColumns);
  // No append records: the copies of what a retraction changed load again (memory/change-feed.ts).
  if (lots.size > 0) feed.bump(db, 'lots', 'shipments_and_receipts');
  if (batches.size > 0) feed.bump(db, 'genealogy');
  return outcome;
}

/** Rebuilds one lot's totals and origin from the rows that remain (none: zero totals, origin 'unknown'). */
function rebuildLot(db: Db, lotId: number, unconvertibleRemoved: number, lotColumns: ReadonlySet<string>): void {
  const lot = db.prepare('SELECT uom, unconvertible FROM lot WHERE id = ?').get(lotId) as { uom: string; unconvertible: number } | undefined;
  if (!lot) return;
  const sum = (sql: string): number => {
    let total = 0;
    for (const r of db.prepare(sql).all(lotId) as Row[]) {
      const q = convert(r.quantity, r.uom, lot.uom);
      if (q !== undefined) total = roundQuantity(total + q);
    }
    return total;
  };
  const received = sum('SELECT quantity, uom FROM receipt WHERE lot_id = ?');
  const produced = sum('SELECT quantity, uom FROM batch_output WHERE lot_id = ?');
  const consumed = sum('SELECT quantity, uom FROM batch_input WHERE input_lot_id = ?');
  const shipped = sum('SELECT quantity, uom FROM shipment WHERE lot_id = ?');
  // delta is the stock change an adjustment made; the lot's total counts removals.
  const adjusted = sum('SELECT -delta AS quantity, uom FROM adjustment WHERE lot_id = ?');
  const firstReceipt = db.prepare('SELECT min(received_at) FROM receipt WHERE lot_id = ?').pluck().get(lotId) as number | null;
  const firstBatch = db.prepare('SELECT min(b.produced_at) FROM batch_output o JOIN batch b ON b.id = o.batch_id WHERE o.lot_id = ?').pluck().get(lotId) as number | null;
  const origin = firstReceipt !== null ? 'received' : firstBatch !== null ? 'produced' : 'unknown';
  const producedAt = firstReceipt !== null && firstBatch !== null ? Math.min(firstReceipt, firstBatch) : (firstReceipt ?? firstBatch);
  db.prepare('UPDATE lot SET quantity = ?, consumed = ?, shipped = ?, adjusted = ?, unconvertible = ?, origin = ?, produced_at = ? WHERE id = ?').run(
    roundQuantity(received + produced), consumed, shipped, adjusted, Math.max(0, lot.unconvertible - unconvertibleRemoved), origin, producedAt, lotId,
  );
  if (lotColumns.has('last_event_at')) {
    // Same definition as migration 5, plus the adjustment and transfer rows it introduced.
    db.prepare(`UPDATE lot SET last_event_at = (SELECT max(t) FROM (
      SELECT max(received_at) AS t FROM receipt WHERE lot_id = lot.id
      UNION ALL SELECT max(b.produced_at) FROM batch_output o JOIN batch b ON b.id = o.batch_id WHERE o.lot_id = lot.id
      UNION ALL SELECT max(b.produced_at) FROM batch_input i JOIN batch b ON b.id = i.batch_id WHERE i.input_lot_id = lot.id
      UNION ALL SELECT max(shipped_at) FROM shipment WHERE lot_id = lot.id
      UNION ALL SELECT max(adjusted_at) FROM adjustment WHERE lot_id = lot.id
      UNION ALL SELECT max(moved_at) FROM transfer WHERE lot_id = lot.id)) WHERE id = ?`).run(lotId);
  }
  // The home only widens as rows arrive; with rows gone it is worked out again from those left (migration 18 added it).
  if (lotColumns.has('home')) db.prepare(RECOMPUTE_LOT_HOME_SQL).run(lotId);
}
