/**
 * Items as master data for FSMA 204 (issue 15): the listing the app's
 * master-data page shows (GTIN, brand, pack size and style, FTL flag and
 * category) and an edit of those fields through the audit trail. The item
 * row is updated in place; the history trigger of migration 13 keeps the
 * earlier values in item_history, and an 'item.update' entry records before,
 * after, who and why with the hash of that history row (version 2: the FSMA
 * fields included, audit/row-hashes.ts), as an import's item change does.
 */
import type { Db } from '../db/database';
import { EngineError } from '../errors';
import { appendAudit } from '../audit/audit-trail';
import { itemHistoryHash, ITEM_HISTORY_HASH_VERSION } from '../audit/row-hashes';
import { gs1CheckDigitOk } from '../parties/party-locations';
import { MAX_IDENTIFIER_LENGTH } from '../../shared/limits';
import type { ItemFsmaField, ItemMasterList, ItemMasterRow } from '../../contract/dto/master-data';
import type { ItemOption } from '../../contract/dto/trends';

export class ItemMasterError extends EngineError {
  readonly code = 'rejected';
}

export type ItemChanges = Partial<{ gtin: string; brand: string; pack_size: string; pack_style: string; ftl: boolean; ftl_category: string }>;

const COLUMNS = 'i.code, i.description, i.kind, i.gtin, i.brand, i.pack_size, i.pack_style, i.ftl, i.ftl_category';
const TEXT_FIELDS = ['gtin', 'brand', 'pack_size', 'pack_style', 'ftl_category'] as const;
/** What an item.update entry shows before and after (the import's entries show the same). */
const AUDITED = ['description', 'kind', 'kind_source', 'shelf_life_days', 'gtin', 'brand', 'pack_size', 'pack_style', 'ftl', 'ftl_category'] as const;

type Row = { code: string; description: string; kind: string; gtin: string; brand: string; pack_size: string; pack_style: string; ftl: number; ftl_category: string; versions: number };

function toRow(r: Row): ItemMasterRow {
  return { item: r.code, description: r.description, kind: r.kind, gtin: r.gtin, brand: r.brand, pack_size: r.pack_size, pack_style: r.pack_style, ftl: r.ftl === 1, ftl_category: r.ftl_category, versions: r.versions };
}

/** Items by code, optionally only those whose code, description, GTIN or brand contain `text`. */
export function listItemMaster(db: Db, opts: { text?: string; offset?: number; limit?: number } = {}): ItemMasterList {
  const text = (opts.text ?? '').trim();
  const where = text ? "WHERE instr(lower(i.code || ' ' || i.description || ' ' || i.gtin || ' ' || i.brand), lower(?)) > 0" : '';
  const params = text ? [text] : [];
  const total = db.prepare(`SELECT count(*) FROM item i ${where}`).pluck().get(...params) as number;
  const rows = db
    .prepare(`SELECT ${COLUMNS}, (SELECT count(*) FROM item_history h WHERE h.item_id = i.id) AS versions FROM item i ${where} ORDER BY i.code LIMIT ? OFFSET ?`)
    .all(...params, opts.limit ?? 500, opts.offset ?? 0) as Row[];
  return { total, rows: rows.map(toRow) };
}

/**
 * Items for a picker as the user types: codes starting with `text` first,
 * then codes or descriptions containing it, at most `limit`. Blank text
 * gives the first items by code.
 */
export function searchItems(db: Db, text: string, limit = 20): ItemOption[] {
  const t = text.trim().toLowerCase();
  return db
    .prepare(`SELECT code AS item, description, kind FROM item
      WHERE @t = '' OR instr(lower(code), @t) > 0 OR instr(lower(description), @t) > 0
      ORDER BY substr(lower(code), 1, length(@t)) <> @t, code LIMIT @limit`)
    .all({ t, limit }) as ItemOption[];
}

export function itemMaster(db: Db, code: string): ItemMasterRow | undefined {
  const r = db.prepare(`SELECT ${COLUMNS}, (SELECT count(*) FROM item_history h WHERE h.item_id = i.id) AS versions FROM item i WHERE i.code = ?`).get(code) as Row | undefined;
  return r ? toRow(r) : undefined;
}

/** The first thing wrong with the changes, or ''. */
function problem(changes: ItemChanges): string {
  for (const f of Object.keys(changes)) if (!([...TEXT_FIELDS, 'ftl'] as readonly string[]).includes(f)) return `unknown item field "${f}" (known: ${[...TEXT_FIELDS, 'ftl'].join(', ')})`;
  const gtin = changes.gtin?.trim();
  if (gtin && !(/^(\d{8}|\d{12,14})$/.test(gtin) && gs1CheckDigitOk(gtin))) return `gtin "${gtin}" is not a GTIN (8, 12, 13 or 14 digits with a valid check digit)`;
  for (const f of TEXT_FIELDS) if ((changes[f]?.trim().length ?? 0) > MAX_IDENTIFIER_LENGTH) return `${f} is longer than ${MAX_IDENTIFIER_LENGTH} characters`;
  if (changes.ftl !== undefined && typeof changes.ftl !== 'boolean') return 'ftl must be true or false';
  return '';
}

/**
 * Changes an item's FSMA 204 fields: the row in place (its earlier values go
 * to item_history by trigger) and an 'item.update' audit entry with before,
 * after and reason, in one transaction. Fields not given keep their values.
 * Returns false when nothing changed (then nothing is written).
 */
export function editItemMaster(db: Db, code: string, changes: ItemChanges, user: string, reason: string): boolean {
  if (!user.trim()) throw new ItemMasterError('changing an item needs a user');
  if (!reason.trim()) throw new ItemMasterError('changing an item needs a reason');
  const bad = problem(changes);
  if (bad) throw new ItemMasterError(bad);
  return db.transaction(() => {
    const before = db.prepare(`SELECT id, ${AUDITED.join(', ')} FROM item WHERE code = ?`).get(code) as (Record<string, unknown> & { id: number }) | undefined;
    if (!before) throw new ItemMasterError(`no item ${code} on record`);
    const after: Record<string, unknown> = { ...before };
    for (const f of TEXT_FIELDS) if (changes[f] !== undefined) after[f] = changes[f].trim();
    if (changes.ftl !== undefined) after.ftl = changes.ftl ? 1 : 0;
    const changed: ItemFsmaField[] = ([...TEXT_FIELDS, 'ftl'] as const).filter((f) => after[f] !== before[f]);
    if (changed.length === 0) return false;
    db.prepare(`UPDATE item SET ${changed.map((f) => `${f} = @${f}`).join(', ')} WHERE id = @id`).run({ id: before.id, ...Object.fromEntries(changed.map((f) => [f, after[f]])) });
    const historyId = db.prepare('SELECT max(id) FROM item_history WHERE item_id = ?').pluck().get(before.id) as number;
    appendAudit(db, {
      user, action: 'item.update', entity: 'item', key: code, reason: reason.trim(),
      before: Object.fromEntries(AUDITED.map((f) => [f, before[f]])),
      after: { history_id: historyId, row_hash_version: ITEM_HISTORY_HASH_VERSION, ...Object.fromEntries(AUDITED.map((f) => [f, after[f]])) },
      rowHash: itemHistoryHash(db, historyId),
    });
    return true;
  })();
}
