/**
 * Product identity for 21 CFR 7.46(a)(1) and 7.49(c)(1)(ii): per affected
 * finished product its item, description, brand, GTIN/UPC, pack size and
 * style, and every lot code with its production date and best-by/expiry.
 * The item fields come from item master data when the database has them
 * (issue 15 adds the columns); a field the plant has not recorded is
 * reported as null, and reports print "not on record" plainly.
 */
import type { Db } from '../db/database';
import { toIso } from '../domain/dates';

export interface LotIdentity {
  lot: string;
  produced_at: string | null;
  /** Best-by / expiry date (YYYY-MM-DD) as recorded on the lot. */
  expires_on: string | null;
}

export interface ProductIdentity {
  item: string;
  description: string;
  brand: string | null;
  gtin: string | null;
  pack_size: string | null;
  pack_style: string | null;
  lots: LotIdentity[];
}

export const NOT_ON_RECORD = 'not on record';

const OPTIONAL_ITEM_FIELDS = ['brand', 'gtin', 'pack_size', 'pack_style'] as const;

/** Identity of each item's lots, in the order given; items and lots by code. */
export function productIdentity(db: Db, products: readonly { item: string; lots: readonly string[] }[]): ProductIdentity[] {
  const present = new Set((db.prepare('PRAGMA table_info(item)').all() as { name: string }[]).map((c) => c.name));
  const extra = OPTIONAL_ITEM_FIELDS.filter((f) => present.has(f));
  const itemRow = db.prepare(`SELECT id, description${extra.map((f) => `, ${f}`).join('')} FROM item WHERE code = ?`);
  // Production time: the batch that made the lot (the earliest, if several did).
  const lotRow = db.prepare(`SELECT l.expires_on, (SELECT min(b.produced_at) FROM batch_output o JOIN batch b ON b.id = o.batch_id WHERE o.lot_id = l.id) AS produced_at
    FROM lot l WHERE l.item_id = ? AND l.code = ?`);
  return products.map((p) => {
    const row = itemRow.get(p.item) as (Record<string, unknown> & { id: number; description: string }) | undefined;
    const field = (f: (typeof OPTIONAL_ITEM_FIELDS)[number]): string | null => {
      const v = row?.[f];
      return v === undefined || v === null || String(v).trim() === '' ? null : String(v);
    };
    return {
      item: p.item, description: row?.description ?? '', brand: field('brand'), gtin: field('gtin'), pack_size: field('pack_size'), pack_style: field('pack_style'),
      lots: p.lots.map((lot) => {
        const l = row ? (lotRow.get(row.id, lot) as { expires_on: string | null; produced_at: number | null } | undefined) : undefined;
        return { lot, produced_at: toIso(l?.produced_at ?? null), expires_on: l?.expires_on ?? null };
      }),
    };
  });
}
