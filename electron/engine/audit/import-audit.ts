/**
 * The audit entries of an import, written in its transaction just before
 * the commit: one per item whose master data the file changed (its earlier
 * values are in item_history, kept there by a trigger) and one for the
 * import itself, with its counts and the hash of every row it inserted (one
 * ordered read per table, row-hashes.ts importHash). Party master data
 * (migration 13) gets one party.update entry per party location whose values
 * the file changed, with before and after, and one party.import entry with
 * the hash of every party version row the import wrote from master data
 * (new and changed; not the empty ones made for parties first met in events).
 */
import type { Db } from '../db/database';
import { appendAudit } from './audit-trail';
import { importHash, itemHistoryHash, ITEM_HISTORY_HASH_VERSION, partyVersionsHash } from './row-hashes';
import { ADDRESS_FIELDS } from '../parties/party-values';
import { partyKeyText } from '../parties/party-locations';

/** Where item_history and the item table stood before the import, so its entries cover only the changes it made to items it found. */
export interface ItemMark {
  history: number;
  item: number;
}

export function markItems(db: Db): ItemMark {
  return db.prepare('SELECT (SELECT coalesce(max(id), 0) FROM item_history) AS history, (SELECT coalesce(max(id), 0) FROM item) AS item').get() as ItemMark;
}

/** The item fields an item.update entry shows before and after (the FSMA 204 ones from migration 13). */
const FIELDS = ['description', 'kind', 'kind_source', 'shelf_life_days', 'gtin', 'brand', 'pack_size', 'pack_style', 'ftl', 'ftl_category'] as const;

type HistoryRow = { id: number; code: string } & Record<string, unknown>;

/**
 * One item.update entry per item_history row written since `mark` for an
 * item that existed before the import (an item the file created and then,
 * say, inferred as WIP is part of the import, not a change to a record).
 */
export function auditItemChanges(db: Db, mark: ItemMark, user: string, file: string): void {
  const rows = db
    .prepare(`SELECT h.id, i.code, ${FIELDS.map((f) => `h.${f}, i.${f} AS now_${f}`).join(', ')}
      FROM item_history h JOIN item i ON i.id = h.item_id WHERE h.id > ? AND h.item_id <= ? ORDER BY h.id`)
    .all(mark.history, mark.item) as HistoryRow[];
  for (const h of rows) {
    appendAudit(db, {
      user, action: 'item.update', entity: 'item', key: h.code, reason: `import of ${file}`,
      before: Object.fromEntries(FIELDS.map((f) => [f, h[f]])),
      after: { history_id: h.id, row_hash_version: ITEM_HISTORY_HASH_VERSION, ...Object.fromEntries(FIELDS.map((f) => [f, h[`now_${f}`]])) },
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

/** The party entries of an import: party.update per changed party location, party.import over all its version rows. */
export function auditPartyChanges(db: Db, importId: number, user: string, file: string): void {
  const cols = ADDRESS_FIELDS.map((f) => `v.${f}`).join(', ');
  const rows = db
    .prepare(`SELECT v.id, p.role, p.name, pl.location, ${cols}, (SELECT max(x.id) FROM party_location_version x WHERE x.party_location_id = v.party_location_id AND x.id < v.id) AS prev
      FROM party_location_version v JOIN party_location pl ON pl.id = v.party_location_id JOIN party p ON p.id = pl.party_id
      WHERE v.import_id = ? AND v.source <> 'auto' ORDER BY v.id`)
    .all(importId) as (Record<string, unknown> & { id: number; role: string; name: string; location: string; prev: number | null })[];
  if (rows.length === 0) return;
  const prevOf = db.prepare(`SELECT ${ADDRESS_FIELDS.join(', ')} FROM party_location_version WHERE id = ?`);
  for (const r of rows) {
    if (r.prev === null) continue;
    appendAudit(db, {
      user, action: 'party.update', entity: 'party_location', key: partyKeyText(r.role, r.name, r.location), reason: `import of ${file}`,
      before: prevOf.get(r.prev), after: { version_id: r.id, ...Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, r[f]])) },
    });
  }
  appendAudit(db, { user, action: 'party.import', entity: 'import_file', key: file, after: { import_id: importId, party_versions: rows.length }, rowHash: partyVersionsHash(db, importId) });
}
