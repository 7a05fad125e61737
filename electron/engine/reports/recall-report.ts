/**
 * The recall report: the facts 21 CFR 7.46 asks a firm to give FDA —
 * product identity (items, descriptions, lot codes), reason and how it was
 * found, total amount produced and the production time span, the amount
 * estimated in distribution, the distribution list (number of direct
 * accounts, who, with quantities and dates) and the recall strategy — then
 * the affected-lot table, the consignee table, the shipments and the mass
 * balance of each implicated lot, and the signature block: the recall's
 * electronic signatures (opened, approved, closed) where it has them.
 */
import type { Engine } from '../engine';
import type { StoredRecall } from '../../contract/dto/recall';
import { formatNumber, formatQuantities, totalsOf } from '../recall/unit-totals';
import { formatGenerated, plantTime, renderReport, type RenderOptions, type RenderResult } from './render';
import { reportOptions } from './report-context';
import type { PrintedSignature, ReportLayout } from './layout';
import { recallSignatures, SIGNATURE_VALID } from '../users/signatures';

const DEPTH_TEXT = { wholesale: 'wholesale level', retail: 'retail level', consumer: 'consumer or user level' } as const;

const day = (iso: string | null, zone: string): string => plantTime(iso, zone, true);

export async function affectedLotTable(r: ReportLayout, recall: StoredRecall): Promise<void> {
  await r.table(
    // Lot codes get the room to print unbroken; descriptions wrap instead.
    [{ header: 'Item', width: 1.25 }, { header: 'Lot', width: 1.2 }, { header: 'Description', width: 1.25 }, { header: 'Hops', width: 0.55, align: 'right' }, { header: 'Status', width: 0.85 },
      { header: 'Produced / received', width: 1.1, align: 'right' }, { header: 'Consumed', width: 0.9, align: 'right' }, { header: 'Shipped', width: 0.85, align: 'right' },
      { header: 'On hand', width: 0.8, align: 'right' }, { header: 'Location', width: 0.9 }],
    recall.lots.map((l) => [l.item, l.lot + (l.implicated ? ' *' : ''), l.description, String(l.depth), l.status,
      `${formatNumber(l.quantity)} ${l.uom}`, formatNumber(l.consumed), formatNumber(l.shipped), formatNumber(l.on_hand), l.location]),
  );
  await r.paragraph('* implicated lot. Hops: links from the nearest implicated lot. Consumed, shipped and on hand are in the lot\'s unit.', { size: 7, color: '#555' });
}

export async function consigneeTable(r: ReportLayout, recall: StoredRecall, zone: string): Promise<void> {
  await r.table(
    [{ header: 'Customer', width: 2 }, { header: 'Ship to', width: 1.4 }, { header: 'Lots', width: 2 }, { header: 'Quantity', width: 1.1, align: 'right' }, { header: 'Ship- ments', width: 0.8, align: 'right' },
      { header: 'First shipped', width: 0.9 }, { header: 'Last shipped', width: 0.9 }],
    (function* rows() {
      for (const c of recall.consignees) {
        yield [c.customer, c.ship_to, c.lots.map((l) => `${l.item} / ${l.lot}`).join(', '), formatQuantities(c.quantities), String(c.shipments), day(c.first_shipped_at, zone), day(c.last_shipped_at, zone)];
      }
    })(),
    { emptyText: 'No affected lot has been shipped.' },
  );
}

/** The recall's electronic signatures as the report prints them (none for a preview). */
export function printedRecallSignatures(engine: Engine, code: string): PrintedSignature[] {
  return recallSignatures(engine.db, code).map((s) => ({
    printed_name: s.printed_name, user: s.user, meaning: s.meaning, at: formatGenerated(new Date(s.at), s.zone), valid: s.status === SIGNATURE_VALID,
  }));
}

export async function writeRecallReport(engine: Engine, recall: StoredRecall, path: string, options: Partial<RenderOptions> = {}): Promise<RenderResult> {
  const info = recall.recall;
  const finished = recall.products.filter((p) => p.kind === 'finished');
  const produced = totalsOf(finished.flatMap((p) => p.quantity));
  const first = finished.map((p) => p.first_produced_at).filter((x): x is string => !!x).sort()[0] ?? null;
  const last = finished.map((p) => p.last_produced_at).filter((x): x is string => !!x).sort().pop() ?? null;
  const customers = new Set(recall.consignees.map((c) => c.customer));
  const settings = reportOptions(engine, options);
  const zone = settings.timezone;
  const signatures = info.id ? printedRecallSignatures(engine, info.code) : [];
  return renderReport(path, `Recall report ${info.code}`, recall, settings, async (r) => {
    await r.title(`Recall report ${info.code}${info.mock ? ' (mock recall)' : ''}`, `Class ${info.class} recall to the ${DEPTH_TEXT[info.depth]} — opened ${plantTime(info.started_at, zone)} (${zone}) by ${info.created_by}`);
    await r.heading('Recall facts (21 CFR 7.46)');
    await r.keyValues([
      ['Recall', `${info.code}, class ${info.class}, ${info.mock ? 'mock recall' : 'recall'}`],
      ['Started from', info.scope_text],
      ['Implicated lots', recall.implicated.map((l) => `${l.item} / ${l.lot}`).join(', ')],
      ['Reason for the recall', info.reason],
      ['How it was discovered', info.discovered],
      ['Product identity', finished.length ? finished.map((p) => `${p.item} ${p.description} — lots ${p.lots.join(', ')}`).join('\n') : 'No finished product is affected.'],
      ['Total amount produced', `${formatQuantities(produced)} of finished product in ${finished.reduce((s, p) => s + p.lots.length, 0)} lots`],
      ['Production time span', first ? `${day(first, zone)} to ${day(last, zone)}` : '-'],
      ['Amount in distribution', `${formatQuantities(recall.totals.shipped)} shipped (estimated in distribution)`],
      ['Still on hand', formatQuantities(recall.totals.on_hand)],
      ['Distribution list', `${recall.consignees.length} direct accounts (consignees) of ${customers.size} customers; listed below`],
      ['Recall strategy', `Depth: ${DEPTH_TEXT[info.depth]}. ${info.strategy || 'Consignees are notified and asked to stop distribution, report quantities on hand and return or destroy them.'}`],
    ]);
    await r.heading('Products affected');
    await r.table(
      [{ header: 'Item', width: 1 }, { header: 'Description', width: 2 }, { header: 'Kind', width: 0.7 }, { header: 'Lot codes', width: 2 }, { header: 'Produced / received', width: 1.2, align: 'right' },
        { header: 'Shipped', width: 1, align: 'right' }, { header: 'On hand', width: 1, align: 'right' }],
      recall.products.map((p) => [p.item, p.description, p.kind, p.lots.join(', '), formatQuantities(p.quantity), formatQuantities(p.shipped), formatQuantities(p.on_hand)]),
    );
    await r.heading(`Distribution list: ${recall.consignees.length} direct accounts`);
    await consigneeTable(r, recall, zone);
    await r.heading(`Affected lots (${recall.lots.length})`);
    await affectedLotTable(r, recall);
    await r.heading(`Shipments of affected lots (${recall.shipments.length})`);
    await r.table(
      [{ header: 'Shipped', width: 0.9 }, { header: 'Customer', width: 2 }, { header: 'Ship to', width: 1.3 }, { header: 'Item / lot', width: 1.5 }, { header: 'Quantity', width: 0.9, align: 'right' },
        { header: 'Order', width: 0.9 }, { header: 'BOL', width: 0.9 }],
      (function* rows() {
        for (const s of recall.shipments) yield [day(s.shipped_at, zone), s.customer, s.ship_to, `${s.item} / ${s.lot}`, `${formatNumber(s.quantity)} ${s.uom}`, s.order, s.bol];
      })(),
      { emptyText: 'No affected lot has been shipped.' },
    );
    await r.paragraph(`Total shipped: ${formatQuantities(recall.totals.shipped)}`, { bold: true });
    await r.heading('Mass balance of the implicated lots');
    await r.table(
      [{ header: 'Item / lot', width: 1.6 }, ...['In', 'Consumed', 'Shipped', 'On hand', 'Unaccounted'].map((h) => ({ header: h, width: 1, align: 'right' as const })), { header: 'Accounted', width: 0.9, align: 'right' }],
      recall.mass_balance.map((m) => [`${m.item} / ${m.lot}`, `${formatNumber(m.received + m.produced)} ${m.uom}`, formatNumber(m.consumed), formatNumber(m.shipped), formatNumber(m.on_hand),
        formatNumber(m.unaccounted), m.accounted_pct === null ? '-' : `${m.accounted_pct} %`]),
    );
    const gaps = recall.mass_balance.flatMap((m) => m.gaps.map((g) => `${m.item} / ${m.lot}: ${g}`));
    await r.paragraph(gaps.length ? gaps.map((g) => `Gap: ${g}`).join('\n') : 'No mass-balance gaps in the implicated lots.', { color: gaps.length ? '#a00000' : '#000' });
    await r.signatureBlock(undefined, signatures);
  });
}
