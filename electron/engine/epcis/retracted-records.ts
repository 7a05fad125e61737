/**
 * The records EPCIS error declarations retracted, per lot: the receipt,
 * shipment, batch and adjustment rows epcis-undo.ts archived in retracted_row
 * before taking them out of the live tables, decoded back into readable
 * records with the declaration's reason and time and the file that carried
 * it. The live tables (and so every total) stay without them; this is where
 * lot pages, recalls and reports find what was retracted, so nothing an
 * import retracts disappears from view.
 */
import type { Db } from '../db/database';
import { toIso } from '../domain/dates';
import type { RetractedRecord } from '../../contract/dto/lots';
import type { TraceResult } from '../../contract/dto/trace';

interface ArchivedRow {
  tbl: string;
  row_values: string;
  event_id: string | null;
  reason: string | null;
  declared_at: number | null;
  file: string | null;
}

type Values = Record<string, string | number | null>;

const KIND: Record<string, RetractedRecord['kind']> = {
  receipt: 'receipt', shipment: 'shipment', batch_output: 'produced', batch_input: 'consumed', adjustment: 'adjustment',
};

/**
 * Retracted records of the given lots, keyed by lot id, each list in the
 * order the rows were retracted. A lot with none is absent from the map.
 */
export function retractedRecords(db: Db, lotIds: readonly number[]): Map<number, RetractedRecord[]> {
  const out = new Map<number, RetractedRecord[]>();
  if (lotIds.length === 0) return out;
  const rows = db
    .prepare(`SELECT r.tbl, r.row_values, e.event_id, e.retracted_reason AS reason, e.retracted_at AS declared_at, f.path AS file
      FROM retracted_row r LEFT JOIN epcis_event e ON e.id = r.event_id LEFT JOIN import_file f ON f.id = r.retracted_import_id
      WHERE r.tbl IN ('receipt', 'shipment', 'batch_output', 'batch_input', 'adjustment')
        AND coalesce(json_extract(r.row_values, '$.lot_id'), json_extract(r.row_values, '$.input_lot_id')) IN (SELECT value FROM json_each(?))
      ORDER BY r.id`)
    .all(JSON.stringify(lotIds)) as ArchivedRow[];
  if (rows.length === 0) return out;
  const lotName = db.prepare('SELECT i.code AS item, l.code AS lot FROM lot l JOIN item i ON i.id = l.item_id WHERE l.id = ?');
  const partyName = db.prepare('SELECT name FROM party WHERE id = ?').pluck();
  // A batch the retraction took out as well is only in retracted_row.
  const batch = (id: number): { code: string; produced_at: number | null } =>
    (db.prepare('SELECT code, produced_at FROM batch WHERE id = ?').get(id) as { code: string; produced_at: number } | undefined) ??
    ((): { code: string; produced_at: number | null } => {
      const archived = db.prepare("SELECT row_values FROM retracted_row WHERE tbl = 'batch' AND json_extract(row_values, '$.id') = ? ORDER BY id DESC LIMIT 1").pluck().get(id) as string | undefined;
      const v = archived ? (JSON.parse(archived) as Values) : {};
      return { code: String(v.code ?? ''), produced_at: typeof v.produced_at === 'number' ? v.produced_at : null };
    })();
  for (const row of rows) {
    const kind = KIND[row.tbl]!;
    const v = JSON.parse(row.row_values) as Values;
    const lotId = Number(kind === 'consumed' ? v.input_lot_id : v.lot_id);
    const name = (lotName.get(lotId) as { item: string; lot: string } | undefined) ?? { item: '', lot: '' };
    let at: number | null = null;
    let party = '';
    let shipTo = '';
    let reference = '';
    if (kind === 'receipt') {
      at = v.received_at as number;
      party = (partyName.get(v.supplier_id) as string | undefined) ?? '';
      reference = String(v.po ?? '');
    } else if (kind === 'shipment') {
      at = v.shipped_at as number;
      party = (partyName.get(v.customer_id) as string | undefined) ?? '';
      shipTo = String(v.ship_to ?? '');
      reference = [v.order_no, v.bol].filter((x) => x !== null && x !== '').join(' / ');
    } else if (kind === 'adjustment') {
      at = v.adjusted_at as number;
      reference = String(v.reason ?? '');
    } else {
      const b = batch(Number(v.batch_id));
      at = b.produced_at;
      reference = b.code;
    }
    const record: RetractedRecord = {
      kind, item: name.item, lot: name.lot, at: toIso(at), quantity: Number(v.quantity), uom: String(v.uom ?? ''), party, ship_to: shipTo, reference,
      event_id: row.event_id ?? '', reason: row.reason ?? '', declared_at: toIso(row.declared_at), retracted_by_file: row.file ?? '',
    };
    const list = out.get(lotId);
    if (list) list.push(record);
    else out.set(lotId, [record]);
  }
  return out;
}

/** Retracted records of one lot (an empty list when there are none). */
export function lotRetractedRecords(db: Db, lotId: number): RetractedRecord[] {
  return retractedRecords(db, [lotId]).get(lotId) ?? [];
}

/**
 * Retracted records of the lots a trace reached, for the trace to show
 * struck through: a forward trace leaves out retracted receipts and a
 * backward one retracted shipments, as the trace itself lists only
 * shipments forward and receipts backward. Looked up from the few retracted
 * rows, not from the trace's lots (which may be 200,000): none, one query.
 */
export function traceRetractedRecords(db: Db, trace: TraceResult): RetractedRecord[] {
  const lotIds = db
    .prepare(`SELECT DISTINCT coalesce(json_extract(row_values, '$.lot_id'), json_extract(row_values, '$.input_lot_id')) FROM retracted_row
      WHERE tbl IN ('receipt', 'shipment', 'batch_output', 'batch_input', 'adjustment')`)
    .pluck()
    .all() as number[];
  if (lotIds.length === 0) return [];
  const reached = new Set(trace.lots.map((l) => `${l.item}\u0000${l.lot}`));
  const left = trace.direction === 'forward' ? 'receipt' : trace.direction === 'backward' ? 'shipment' : undefined;
  const out: RetractedRecord[] = [];
  for (const records of retractedRecords(db, lotIds).values()) {
    for (const r of records) if (r.kind !== left && reached.has(`${r.item}\u0000${r.lot}`)) out.push(r);
  }
  return out;
}

/** How a retracted record reads in a sentence: "shipment of FG/L1 40 kg to Grocer One (DC North)". */
export function describeRetracted(r: RetractedRecord): string {
  const what = `${r.kind} of ${r.item}/${r.lot} ${r.quantity} ${r.uom}`;
  if (r.kind === 'shipment') return `${what} to ${r.party}${r.ship_to ? ` (${r.ship_to})` : ''}`;
  if (r.kind === 'receipt') return `${what} from ${r.party}`;
  return r.reference ? `${what} (${r.reference})` : what;
}

/**
 * The open recalls (real, not completed: a mock recall is an exercise and a
 * completed one is closed) that count a receipt or shipment retracted by one
 * event, as warning sentences naming the recall, the lot, the party and the
 * quantity. Called right after the event's rows were archived and removed.
 */
export function openRecallRetractions(db: Db, epcisEventId: number): string[] {
  const eventId = db.prepare('SELECT event_id FROM epcis_event WHERE id = ?').pluck().get(epcisEventId) as string | undefined;
  const lotIds = db
    .prepare(`SELECT DISTINCT json_extract(row_values, '$.lot_id') FROM retracted_row WHERE event_id = ? AND tbl IN ('receipt', 'shipment') ORDER BY 1`)
    .pluck()
    .all(epcisEventId) as number[];
  const recalls = db.prepare(`SELECT r.code FROM recall r JOIN recall_lot rl ON rl.recall_id = r.id
    WHERE rl.lot_id = ? AND r.mock = 0 AND r.completed_at IS NULL AND NOT EXISTS (SELECT 1 FROM recall_completion c WHERE c.recall_id = r.id) ORDER BY r.code`).pluck();
  const warnings: string[] = [];
  for (const [lotId, records] of retractedRecords(db, lotIds)) {
    const codes = recalls.all(lotId) as string[];
    if (codes.length === 0) continue;
    for (const r of records) {
      if (r.event_id !== eventId || (r.kind !== 'receipt' && r.kind !== 'shipment')) continue;
      for (const code of codes) warnings.push(`event ${r.event_id} retracted: ${describeRetracted(r)} was part of open recall ${code}; the recall now counts it as retracted`);
    }
  }
  return warnings;
}
