/**
 * The audit trail as a PDF an inspector can take away (21 CFR 11.10(b),
 * 11.10(e)): the filter it was printed with, the result of verifying the
 * whole hash chain at that moment and the chain head, then one row per
 * entry — when (plant-local, with the zone in force when it was written),
 * who, what, which record, the fields that changed (before → after, as the
 * app's audit page shows them) and why. Same header, footer and fingerprint
 * as every other LotTrace report (layout.ts, render.ts).
 */
import type { AuditEntry, AuditFilter } from '../../contract/dto/audit';
import { describeChange } from '../../shared/audit-change';
import { listAudit } from '../audit/audit-trail';
import { verifyAudit } from '../audit/verify';
import type { Engine } from '../engine';
import { plantTime, renderReport, type RenderOptions, type RenderResult } from './render';
import { reportOptions } from './report-context';

/** The filter in words, as the report's subtitle and first line say it. */
export function describeAuditFilter(filter: AuditFilter): string {
  const parts = [
    filter.lot ? `lot ${filter.lot}` : '',
    filter.user ? `user ${filter.user}` : '',
    filter.action ? `action ${filter.action}` : '',
    filter.from ? `from ${filter.from}` : '',
    filter.to ? `to ${filter.to}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'all entries';
}

/** The record an entry is about, e.g. "lot FLOUR-A100", "recall RC-2026-001". */
function record(e: AuditEntry): string {
  return e.key ? `${e.entity} ${e.key}` : e.entity;
}

export async function writeAuditTrailReport(engine: Engine, filter: AuditFilter, path: string, options: Partial<RenderOptions> = {}): Promise<RenderResult> {
  // Listed before anything is opened for writing: a bad date fails here and leaves no file.
  const entries = listAudit(engine.db, filter);
  const check = verifyAudit(engine.db);
  const settings = reportOptions(engine, options);
  const zone = settings.timezone;
  const scope = describeAuditFilter(filter);
  const data = { filter, entries, chain: { ok: check.ok, entries: check.entries, head: check.head } };
  return renderReport(path, 'Audit trail', data, settings, async (r) => {
    await r.title('Audit trail', scope);
    await r.keyValues([
      ['Entries shown', `${entries.length} (${scope})`],
      ['Chain verification', check.ok ? `Chain intact: ${check.entries} entries` : `CHAIN BROKEN at entry #${check.bad?.id ?? '?'} (${check.bad?.action ?? ''}): ${check.bad?.why ?? ''}`],
      ['Chain head at printing', check.head || '(empty trail)'],
      ['Times', `plant-local; each entry in the zone in force when it was written (plant zone now ${zone})`],
    ]);
    if (!check.ok) await r.paragraph('The audit trail does not verify: entries from the one named above on cannot be relied on. Run lottrace audit verify.', { bold: true, color: '#a00000' });
    await r.heading('Entries');
    await r.table(
      [
        { header: '#', width: 0.45, align: 'right' },
        { header: 'When', width: 1.25 },
        { header: 'User', width: 0.8 },
        { header: 'Action', width: 1.05 },
        { header: 'Record', width: 1.25 },
        { header: 'Before → after', width: 3 },
        { header: 'Reason', width: 1.4 },
      ],
      entries.map((e) => [String(e.id), `${plantTime(e.at, e.zone)}\n${e.zone}`, e.user, e.action, record(e), describeChange(e.before, e.after) || '-', e.reason || '-']),
      { emptyText: 'No audit entry matches this filter.' },
    );
  });
}
