/**
 * `lottrace audit`: lists the audit trail (time in the zone it was recorded
 * in, user, action, record, before → after, reason), filtered by lot, user,
 * action and dates; `lottrace audit verify` recomputes the hash chain and the
 * hashes of the records it covers. Exit codes: 0 ok (verify: the trail and
 * its records match), 1 a mismatch or rejected input, 2 usage.
 */
import type { Engine } from '../../engine/engine';
import { AuditError, listAudit } from '../../engine/audit/audit-trail';
import { verifyAudit } from '../../engine/audit/verify';
import type { AuditEntry, AuditFilter } from '../../contract/dto/audit';
import { formatTable } from './table';
import { writeJson } from './json-out';

export const AUDIT_USAGE = `  audit [--lot LOT] [--user NAME] [--action ACTION] [--from DATE --to DATE] [--json]
                                    the audit trail: who changed what, when, from what to what, why
  audit verify [--json]             recompute the trail's hash chain and the records it covers;
                                    exit 1 naming the first entry that does not match`;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface AuditValues {
  json?: boolean;
  lot?: string | string[];
  user?: string;
  action?: string;
  from?: string;
  to?: string;
}

/** 2026-03-14 08:30:05 America/Chicago */
export function localTime(iso: string, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const p = (t: string): string => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}:${p('second')} ${zone}`;
}

/** Internal references (ids) are for verification, not for reading. */
function readable(text: string): Record<string, unknown> | string {
  if (!text) return '';
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v).filter(([k]) => !/_ids?$/.test(k) && k !== 'retracted_by_import'));
    }
    return text;
  } catch {
    return text;
  }
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** before → after, by field where both have it. */
export function change(e: Pick<AuditEntry, 'before' | 'after'>): string {
  const b = readable(e.before);
  const a = readable(e.after);
  if (typeof b === 'object' && typeof a === 'object') {
    return Object.keys({ ...b, ...a })
      .map((k) => (k in b && k in a ? (show(b[k]) === show(a[k]) ? `${k}: ${show(a[k])}` : `${k}: ${show(b[k])} → ${show(a[k])}`) : k in a ? `${k}: ${show(a[k])}` : `${k}: ${show(b[k])} → (none)`))
      .join(', ');
  }
  if (b === '') return typeof a === 'object' ? Object.entries(a).map(([k, v]) => `${k}: ${show(v)}`).join(', ') : a;
  return `${show(b)} → ${show(a)}`;
}

export function runAudit(args: string[], v: AuditValues, open: () => Engine, io: Io): number {
  const out = (data: unknown, text: () => string): void => (v.json ? writeJson(data, io.out) : io.out(text()));
  if (args[0] === 'verify') {
    if (args.length > 1) {
      io.err('lottrace: audit verify takes no other arguments');
      return 2;
    }
    const r = verifyAudit(open().db);
    if (r.ok) {
      out(r, () => `audit trail verified: ${r.entries} entr${r.entries === 1 ? 'y' : 'ies'}, chain head ${r.head || '(empty)'}`);
      return 0;
    }
    const bad = r.bad!;
    if (v.json) io.out(JSON.stringify(r, null, 2));
    io.err(`lottrace: audit trail does NOT verify: entry ${bad.id} (${bad.action}): ${bad.why}`);
    return 1;
  }
  if (args.length > 0) {
    io.err(`lottrace: audit takes no arguments but "verify" (got ${args.join(' ')})`);
    return 2;
  }
  const lots = v.lot === undefined ? [] : Array.isArray(v.lot) ? v.lot : [v.lot];
  if (lots.length > 1) {
    io.err('lottrace: audit takes one --lot');
    return 2;
  }
  const filter: AuditFilter = {
    ...(lots[0] ? { lot: lots[0] } : {}), ...(v.user ? { user: v.user } : {}), ...(v.action ? { action: v.action } : {}),
    ...(v.from ? { from: v.from } : {}), ...(v.to ? { to: v.to } : {}),
  };
  let entries: AuditEntry[];
  try {
    entries = listAudit(open().db, filter);
  } catch (e) {
    if (e instanceof AuditError) {
      io.err(`lottrace: ${e.message}`);
      return 1;
    }
    throw e;
  }
  out(entries, () =>
    entries.length === 0
      ? 'no audit entries match'
      : formatTable(
        ['#', 'time', 'user', 'action', 'record', 'before → after', 'reason'],
        entries.map((e) => [e.id, localTime(e.at, e.zone), e.user, e.action, `${e.entity} ${e.key}`, change(e), e.reason]),
      ),
  );
  return 0;
}
