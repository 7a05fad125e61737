/**
 * A few QA decisions on the demo plant, as a plant's QA team would have made
 * them in its last days: finished lots held after a complaint or while a
 * micro test is pending, a received lot quarantined for a missing
 * certificate, one rejected at incoming inspection. Without them a new
 * user's dashboard shows no lot waiting for a decision and the holds grouped
 * by reason and age cannot be seen. Recorded through changeStatus, like any
 * status change: in the audit trail, with a reason, by the user "demo".
 */
import type { Db } from '../db/database';
import { changeStatus, type StatusAction } from '../domain/lots';

const HOUR = 3_600_000;

interface Decision {
  action: StatusAction;
  reason: string;
  /** Which lots: finished lots made, or raw lots received, with stock left, the newest made `daysBack` days before the plant's last lot or earlier. */
  kind: 'finished' | 'raw';
  lots: number;
  daysBack: number;
  /** Hours after the lot was made or received. */
  after: number;
}

const DECISIONS: readonly Decision[] = [
  { action: 'hold', reason: 'Customer complaint: foreign body in pack', kind: 'finished', lots: 2, daysBack: 4, after: 30 },
  { action: 'hold', reason: 'Micro test pending: Listeria environmental swab', kind: 'finished', lots: 3, daysBack: 0, after: 2 },
  { action: 'quarantine', reason: 'Supplier certificate of analysis missing', kind: 'raw', lots: 1, daysBack: 2, after: 1 },
  { action: 'reject', reason: 'Failed incoming inspection: moisture above specification', kind: 'raw', lots: 1, daysBack: 9, after: 3 },
];

/** Applies the decisions to lots with stock left (one lot code once); returns how many lots were changed. */
export function applyDemoQaDecisions(db: Db, now = Date.now()): number {
  const last = db.prepare('SELECT max(produced_at) FROM lot').pluck().get() as number | null;
  if (last === null) return 0;
  const candidates = db.prepare(`SELECT l.id, l.code, l.produced_at FROM lot l JOIN item i ON i.id = l.item_id
    WHERE i.kind = ? AND l.status = 'released' AND l.produced_at <= ? AND l.quantity - l.consumed - l.shipped > 0
    ORDER BY l.produced_at DESC, l.id LIMIT 50`);
  const taken = new Set<string>();
  let changed = 0;
  for (const d of DECISIONS) {
    const rows = candidates.all(d.kind, last - d.daysBack * 24 * HOUR) as { id: number; code: string; produced_at: number }[];
    let left = d.lots;
    for (const lot of rows) {
      if (left === 0) break;
      if (taken.has(lot.code)) continue;
      taken.add(lot.code);
      // Never in the future: a lot made an hour ago is decided on now.
      changeStatus(db, lot.id, { action: d.action, reason: d.reason, user: 'demo', at: Math.min(lot.produced_at + d.after * HOUR, now - 60_000) });
      changed++;
      left--;
    }
  }
  return changed;
}
