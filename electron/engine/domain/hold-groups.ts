/**
 * The lots waiting for a QA decision, grouped the way a QA manager works
 * through them: by status, by the reason they were held or quarantined,
 * and by how long they have waited (the dashboard, issue 20). A hold of
 * 8,000 lots for one recall is one line, not 8,000; a lot held for a month
 * stands apart from one held this morning. A lot whose status came with
 * its import (no status change recorded) has no reason and no age.
 */
import type { Db } from '../db/database';
import { toIso } from './dates';
import { itemsById, LOT_COLUMNS, summarize, type LotRow } from './lots';
import type { HoldGroup, HoldAge } from '../../contract/dto/lots';

const DAY_MS = 86_400_000;
/** Lots named in each group (the count says how many there are in all). */
const EXAMPLES = 3;

export function holdAge(since: number | null, now: number): HoldAge {
  if (since === null) return 'unknown';
  const days = (now - since) / DAY_MS;
  if (days < 1) return 'today';
  if (days < 8) return '1-7 days';
  if (days < 31) return '8-30 days';
  return 'over 30 days';
}

const AGE_ORDER: readonly HoldAge[] = ['over 30 days', '8-30 days', '1-7 days', 'today', 'unknown'];

/** Every on-hold or quarantined lot in one group each; the oldest waits first. */
export function holdGroups(db: Db, now: number): HoldGroup[] {
  // The change that put each blocked lot in its status: its latest one (the status is where that change led).
  const rows = db
    .prepare(
      `SELECT ${LOT_COLUMNS}, c.reason, c.at
       FROM lot l LEFT JOIN status_change c ON c.id = (
         SELECT s.id FROM status_change s WHERE s.lot_id = l.id ORDER BY s.at DESC, s.id DESC LIMIT 1)
       WHERE l.status IN ('on_hold', 'quarantined')
       ORDER BY c.at, l.code`,
    )
    .raw()
    .all() as [...LotRow, string | null, number | null][];
  const items = itemsById(db);
  const groups = new Map<string, HoldGroup>();
  for (const row of rows) {
    const lot = row.slice(0, 12) as LotRow;
    const [heldReason, heldAt] = [row[12], row[13]];
    const status = lot[3] as HoldGroup['status'];
    const age = holdAge(heldAt, now);
    const reason = heldReason ?? '';
    const key = JSON.stringify([status, reason, age]);
    let g = groups.get(key);
    if (!g) {
      g = { status, reason, age, lots: 0, oldest: toIso(heldAt), examples: [] };
      groups.set(key, g);
    }
    g.lots++;
    if (g.examples.length < EXAMPLES) g.examples.push(summarize(lot, items));
  }
  return [...groups.values()].sort((a, b) => AGE_ORDER.indexOf(a.age) - AGE_ORDER.indexOf(b.age) || b.lots - a.lots || a.reason.localeCompare(b.reason));
}
