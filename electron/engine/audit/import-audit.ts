/**
 * The audit entries of an import, written in its transaction just before
 * the commit: one per item whose master data the file changed (its earlier
 * values are in item_history, kept there by a trigger) and one for the
 * import itself, with its counts and the hash of every row it inserted (one
 * ordered read per table, row-hashes.ts importHash).
 */
import type { Db } from '../db/database';
import { appendAudit } from './audit-trail';
import { importHash, itemHistoryHash } from './row-hashes';

/** Where item_history and the item table stood before the import, so its entries cover only the changes it made to items it found. */
export interface ItemMark {
  history: number;
  item: number;
}

export function markItems(db: Db): ItemMark {
  return db.prepare('SELECT (SELECT coalesce(max(id), 0) FROM item_history) AS history, (SELECT coalesce(max(id), 0) FROM item) AS item').get() as ItemMark;
}

interface HistoryRow {
  id: number;
  code: string;
  description: string;
  kind: string;
  kind_source: string;
  shelf_life_days: number | null;
  now_description: string;
  now_kind: string;
  now_kind_source: string;
  now_shelf_life_days: number | null;
}

/**
 * One item.update entry per item_history row written since `mark` for an
 * item that existed before the import (an item the file created and then,
 * say, inferred as WIP is part of the import, not a change to a record).
 */
export function auditItemChanges(db: Db, mark: ItemMark, user: string, file: string): void {
  const rows = db
    .prepare(`SELECT h.id, i.code, h.description, h.kind, h.kind_source, h.shelf_life_days, i.description AS now_description, i.kind AS now_kind,
        i.kind_source AS now_kind_source, i.shelf_life_days AS now_shelf_life_days
      FROM item_history h JOIN item i ON i.id = h.item_id WHERE h.id > ? AND h.item_id <= ? ORDER BY h.id`)
    .all(mark.history, mark.item) as HistoryRow[];
  for (const h of rows) {
    appendAudit(db, {
      user, action: 'item.update', entity: 'item', key: h.code, reason: `import of ${file}`,
      before: { description: h.description, kind: h.kind, kind_source: h.kind_source, shelf_life_days: h.shelf_life_days },
      after: { history_id: h.id, description: h.now_description, kind: h.now_kind, kind_source: h.now_kind_source, shelf_life_days: h.now_shelf_life_days },
      rowHash: itemHistoryHash(db, h.id),
    });
  }
}

/** The import's own entry: outcome and counts from its log row, and the hash of what it stored. */
export function auditImport(db: Db, importId: number, file: string, user: string): void {
  const log = db.prepare('SELECT outcome, layout, sha256, rows, inserted, duplicates FROM import_file WHERE id = ?').get(importId) as Record<string, unknown>;
  const { hash, rows } = importHash(db, importId);
  appendAudit(db, { user, action: 'import', entity: 'import_file', key: file, after: { import_id: importId, ...log, rows_stored: rows }, rowHash: hash });
}
