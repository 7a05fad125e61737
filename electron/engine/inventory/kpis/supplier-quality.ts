/**
 * Supplier quality by lot: per supplier, how many lots were received and how
 * many of them were ever put on hold, quarantined, rejected or recalled
 * (from the status_change history, so a hold later released still counts),
 * with the share and the lots listed. A lot in a real (not mock) recall, as
 * its root or as an affected lot, counts as flagged too, even when its own
 * status never changed (a consumed raw lot that drives a class I recall):
 * the "recalled lots" column. Reads a supplier's receipts through the
 * receipt_supplier index (migration 5) and only the status changes to a
 * blocking status and the recall lots, which are few.
 */
import type { Db } from '../../db/database';
import type { QaStatus } from '../../../contract/dto/lots';
import type { Period } from '../period';
import type { FlaggedLot, SupplierQualityReport, SupplierQualityRow } from '../../../contract/dto/inventory';

export const SUPPLIER_QUALITY_DEFINITION =
  'Per supplier: lots received = distinct lots with a receipt from the supplier (in the period, by receipt date); flagged lots = those lots ' +
  'ever put on hold, quarantined, rejected or recalled (at any time, even if released later), or in a real (not mock) recall as its root or an ' +
  'affected lot (recalled lots); share = flagged / received, in %.';

const FLAGS = ['on_hold', 'quarantined', 'rejected', 'recalled'] as const;

/** Distinct lots a supplier delivered in [from, to): supplier_id, from, to. */
export const SUPPLIER_LOTS_SQL = 'SELECT count(DISTINCT lot_id) FROM receipt WHERE supplier_id = ? AND received_at >= ? AND received_at < ?';

export function supplierQuality(db: Db, p?: Period, options: { supplier?: string } = {}): SupplierQualityReport {
  const from = p?.fromAt ?? Number.MIN_SAFE_INTEGER;
  const to = p?.toCutoff ?? Number.MAX_SAFE_INTEGER;
  const suppliers = db
    .prepare(`SELECT id, name FROM party WHERE role = 'supplier' ${options.supplier !== undefined ? 'AND name = ?' : ''} ORDER BY name`)
    .raw()
    .all(...(options.supplier !== undefined ? [options.supplier] : [])) as [number, string][];
  const received = db.prepare(SUPPLIER_LOTS_SQL).pluck();
  const flagged = db
    .prepare(`SELECT DISTINCT r.supplier_id, s.lot_id, s.to_status, i.code AS item, l.code AS lot, l.status
      FROM status_change s JOIN receipt r ON r.lot_id = s.lot_id JOIN lot l ON l.id = s.lot_id JOIN item i ON i.id = l.item_id
      WHERE s.to_status IN ('on_hold', 'quarantined', 'rejected', 'recalled') AND r.received_at >= ? AND r.received_at < ?`)
    .raw()
    .all(from, to) as [number, number, QaStatus, string, string, QaStatus][];
  const inRecalls = db
    .prepare(`SELECT DISTINCT r.supplier_id, rl.lot_id, c.code, i.code AS item, l.code AS lot, l.status
      FROM recall_lot rl JOIN recall c ON c.id = rl.recall_id JOIN receipt r ON r.lot_id = rl.lot_id JOIN lot l ON l.id = rl.lot_id JOIN item i ON i.id = l.item_id
      WHERE c.mock = 0 AND r.received_at >= ? AND r.received_at < ? ORDER BY c.code`)
    .raw()
    .all(from, to) as [number, number, string, string, string, QaStatus][];
  const bySupplier = new Map<number, Map<number, FlaggedLot>>();
  const entry = (supplierId: number, lotId: number, item: string, lot: string, current: QaStatus): FlaggedLot => {
    let lots = bySupplier.get(supplierId);
    if (!lots) bySupplier.set(supplierId, (lots = new Map()));
    let f = lots.get(lotId);
    if (!f) lots.set(lotId, (f = { item, lot, statuses: [], current_status: current, recalls: [] }));
    return f;
  };
  for (const [supplierId, lotId, status, item, lot, current] of flagged) {
    const f = entry(supplierId, lotId, item, lot, current);
    if (!f.statuses.includes(status)) f.statuses.push(status);
  }
  for (const [supplierId, lotId, recall, item, lot, current] of inRecalls) {
    const f = entry(supplierId, lotId, item, lot, current);
    if (!f.recalls.includes(recall)) f.recalls.push(recall);
  }
  const rows: SupplierQualityRow[] = [];
  for (const [id, name] of suppliers) {
    const lotsReceived = received.get(id, from, to) as number;
    if (lotsReceived === 0 && p) continue;
    const lots = [...(bySupplier.get(id)?.values() ?? [])]
      .map((l): FlaggedLot => ({ ...l, statuses: FLAGS.filter((s) => l.statuses.includes(s)) }))
      .sort((a, b) => a.item.localeCompare(b.item) || a.lot.localeCompare(b.lot));
    const count = (s: QaStatus): number => lots.filter((l) => l.statuses.includes(s)).length;
    rows.push({
      supplier: name, lots_received: lotsReceived, on_hold: count('on_hold'), quarantined: count('quarantined'), rejected: count('rejected'),
      recalled: count('recalled'), recalled_lots: lots.filter((l) => l.recalls.length > 0).length, lots_flagged: lots.length, flagged_pct: lotsReceived > 0 ? Math.round((lots.length / lotsReceived) * 10000) / 100 : 0, lots,
    });
  }
  return { from: p?.from ?? null, to: p?.to ?? null, suppliers: rows, definition: SUPPLIER_QUALITY_DEFINITION };
}
