/**
 * The record writer's prepared statements, made once per writer (one file's
 * import). Kept apart from the writer's logic so the SQL it runs can be read
 * in one place and the rules in another.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/database';

export type WriterStatements = ReturnType<typeof prepareWriterStatements>;

export function prepareWriterStatements(db: Db) {
  const p = (sql: string): Statement => db.prepare(sql);
  return {
    itemByCode: p('SELECT id, kind, kind_source, description, shelf_life_days, gtin, brand, pack_size, pack_style, ftl, ftl_category FROM item WHERE code = ?'),
    insertItem: p("INSERT INTO item (code, description, kind) VALUES (?, ?, ?)"),
    itemDescription: p('UPDATE item SET description = ? WHERE id = ?'),
    itemKind: p("UPDATE item SET kind = ? WHERE id = ? AND kind_source = 'inferred'"),
    // The FSMA 204 fields are NULL when the file has no such column: the value on record stays.
    upsertItemMaster: p(`INSERT INTO item (code, description, kind, kind_source, shelf_life_days, gtin, brand, pack_size, pack_style, ftl, ftl_category)
      VALUES (@code, @description, @kind, 'master', @days, coalesce(@gtin, ''), coalesce(@brand, ''), coalesce(@pack_size, ''), coalesce(@pack_style, ''), coalesce(@ftl, 0), coalesce(@ftl_category, ''))
      ON CONFLICT (code) DO UPDATE SET description = excluded.description, kind = excluded.kind, kind_source = 'master', shelf_life_days = excluded.shelf_life_days,
        gtin = coalesce(@gtin, gtin), brand = coalesce(@brand, brand), pack_size = coalesce(@pack_size, pack_size), pack_style = coalesce(@pack_style, pack_style),
        ftl = coalesce(@ftl, ftl), ftl_category = coalesce(@ftl_category, ftl_category)`),
    insertParty: p('INSERT OR IGNORE INTO party (role, name) VALUES (?, ?)'),
    partyId: p('SELECT id FROM party WHERE role = ? AND name = ?'),
    insertLocation: p('INSERT OR IGNORE INTO location (code) VALUES (?)'),
    locationId: p('SELECT id FROM location WHERE code = ?'),
    lotByKey: p('SELECT id, uom, quantity, consumed, shipped, adjusted, last_event_at, unconvertible, origin, produced_at, expires_on, home FROM lot WHERE item_id = ? AND code = ?'),
    insertLot: p("INSERT INTO lot (item_id, code, uom, origin, created_at) VALUES (?, ?, ?, 'unknown', ?)"),
    insertLotWhole: p(`INSERT INTO lot (id, item_id, code, uom, quantity, consumed, shipped, unconvertible, origin, produced_at, expires_on, created_at, adjusted, last_event_at, home)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    maxLotId: p('SELECT max(id) FROM lot').pluck(),
    itemHasLots: p('SELECT EXISTS (SELECT 1 FROM lot WHERE item_id = ?)').pluck(),
    updateLot: p('UPDATE lot SET uom = ?, quantity = ?, consumed = ?, shipped = ?, unconvertible = ?, origin = ?, produced_at = ?, expires_on = ?, adjusted = ?, last_event_at = ?, home = ? WHERE id = ?'),
    insertReceipt: p(`INSERT OR IGNORE INTO receipt (lot_id, supplier_id, supplier_lot, po, received_at, location_id, quantity, uom, lot_generated, import_id, po_date)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertAdjustment: p(`INSERT OR IGNORE INTO adjustment (lot_id, adjusted_at, reason, location_id, quantity, uom, delta, note, import_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    adjustmentByKey: p('SELECT quantity, uom, import_id FROM adjustment WHERE lot_id = ? AND adjusted_at = ? AND reason = ? AND ifnull(location_id, 0) = ?'),
    insertTransfer: p(`INSERT OR IGNORE INTO transfer (lot_id, moved_at, from_location_id, to_location_id, quantity, uom, import_id) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    transferByKey: p('SELECT quantity, uom, import_id FROM transfer WHERE lot_id = ? AND moved_at = ? AND from_location_id = ? AND to_location_id = ?'),
    adjustmentQuantities: p('SELECT -delta AS quantity, uom FROM adjustment WHERE lot_id = ?'),
    generatedReceipt: p(`SELECT r.quantity, r.uom, r.import_id FROM receipt r JOIN lot l ON l.id = r.lot_id
      WHERE l.item_id = ? AND r.supplier_id = ? AND r.supplier_lot = ? AND r.po = ? AND r.received_at = ? AND r.lot_generated = 1`),
    batchByCode: p('SELECT id, produced_at, import_id, location_id FROM batch WHERE code = ?'),
    insertBatch: p('INSERT OR IGNORE INTO batch (code, produced_at, location_id, import_id) VALUES (?, ?, ?, ?)'),
    batchOutputs: p('SELECT lot_id, quantity, uom FROM batch_output WHERE batch_id = ?'),
    insertOutput: p('INSERT INTO batch_output (batch_id, lot_id, quantity, uom, import_id) VALUES (?, ?, ?, ?, ?)'),
    insertInput: p('INSERT OR IGNORE INTO batch_input (batch_id, output_lot_id, input_lot_id, quantity, uom, import_id) VALUES (?, ?, ?, ?, ?, ?)'),
    receiptByKey: p('SELECT quantity, uom, import_id FROM receipt WHERE lot_id = ? AND received_at = ? AND supplier_id = ? AND supplier_lot = ? AND po = ?'),
    inputByKey: p('SELECT quantity, uom FROM batch_input WHERE batch_id = ? AND output_lot_id = ? AND input_lot_id = ?'),
    shipmentByKey: p('SELECT quantity, uom, import_id FROM shipment WHERE lot_id = ? AND shipped_at = ? AND customer_id = ? AND ship_to = ? AND order_no = ? AND bol = ?'),
    insertShipment: p(`INSERT OR IGNORE INTO shipment (lot_id, customer_id, ship_to, order_no, bol, shipped_at, quantity, uom, import_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    sequenceNext: p('SELECT next FROM lot_sequence WHERE item_id = ? AND prefix = ?'),
    sequenceSet: p(`INSERT INTO lot_sequence (item_id, prefix, next) VALUES (?, ?, ?)
      ON CONFLICT (item_id, prefix) DO UPDATE SET next = excluded.next`),
    receiptQuantities: p('SELECT quantity, uom FROM receipt WHERE lot_id = ?'),
    outputQuantities: p('SELECT quantity, uom FROM batch_output WHERE lot_id = ?'),
    inputQuantities: p('SELECT quantity, uom FROM batch_input WHERE input_lot_id = ?'),
    shipmentQuantities: p('SELECT quantity, uom FROM shipment WHERE lot_id = ?'),
  };
}
