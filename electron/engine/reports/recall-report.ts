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
import type { RecallEffectiveness, RecallFacts, StoredRecall } from '../../contract/dto/recall';
import { formatNumber, formatQuantities, lessPerGroup, totalsOf } from '../recall/unit-totals';
import { recallEffectiveness } from '../recall/consignees';
import { NOT_ON_RECORD, productIdentity } from '../recall/product-identity';
import { formatGenerated, plantTime, renderReport, type RenderOptions, type RenderResult } from './render';
import { reportOptions } from './report-context';
import type { PrintedSignature, ReportLayout } from './layout';
import { recallSignatures, SIGNATURE_VALID } from '../users/signatures';
import { retractedSection } from './retracted-section';
import { recallLetters } from '../recall/recall-letters';
import { drawLetter } from './recall-letters-report';

const DEPTH_TEXT = { wholesale: 'wholesale level', retail: 'retail level', consumer: 'consumer or user level' } as const;

const day = (iso: string | null, zone: string): string => plantTime(iso, zone, true);

export async function affectedLotTable(r: ReportLayout, recall: StoredRecall): Promise<void> {
  await r.table(
    // Lot codes get the room to print unbroken; descriptions wrap instead.
    [{ header: 'Item', width: 1.85 }, { header: 'Lot', width: 1.1 }, { header: 'Description', width: 1.2 }, { header: 'Hops', width: 0.55, align: 'right' }, { header: 'Status', width: 0.85 },
      { header: 'Produced / received', width: 1.1, align: 'right' }, { header: 'Consumed', width: 0.9, align: 'right' }, { header: 'Shipped', width: 0.85, align: 'right' },
      { header: 'On hand', width: 0.8, align: 'right' }, { header: 'Location', width: 0.9 }],
    recall.lots.map((l) => [l.item, l.lot + (l.implicated ? ' *' : ''), l.description, String(l.depth), l.status,
      `${formatNumber(l.quantity)} ${l.uom}`, formatNumber(l.consumed), formatNumber(l.shipped), formatNumber(l.on_hand), l.location]),
  );
  await r.paragraph('* implicated lot. Hops: links from the nearest implicated lot. Consumed, shipped and on hand are in the lot\'s unit.', { size: 7, color: '#555' });
}

/** Up to this many consignees that have not responded are named in the summary. */
const NAMED_SILENT = 25;

/** 21 CFR 7.53(b)(1)-(4): who was notified when and how, who responded, what they held, returned and destroyed. */
export async function followUpSection(r: ReportLayout, status: RecallEffectiveness, zone: string): Promise<void> {
  const silent = status.consignees.filter((c) => !c.responded_at);
  await r.heading('Consignee follow-up (21 CFR 7.53)');
  await r.keyValues([
    ['Consignees notified', `${status.notified} of ${status.total}`],
    ['Consignees responding', `${status.responded} of ${status.total}${status.responded_pct === null ? '' : ` (${status.responded_pct} %)`}`],
    // Named while the list is short; beyond that the table below says it per consignee (a 10,000-name cell would run for pages).
    ['Not responded', silent.length === 0 ? 'none' : silent.length <= NAMED_SILENT ? silent.map((c) => (c.ship_to ? `${c.customer} (${c.ship_to})` : c.customer)).join('; ') : `${silent.length} consignees: each shows "-" under Responded in the table below`],
    ['Returned or destroyed', `${formatQuantities(status.recovered)} (shipped ${formatQuantities(status.shipped)})`],
    ['Recovered, per unit', status.recovered_per_unit.length ? status.recovered_per_unit.map((u) => `${u.pct} % of the ${formatNumber(u.shipped)} ${u.uom} shipped`).join('; ') : '-'],
  ]);
  await r.table(
    [{ header: 'Customer', width: 1.4 }, { header: 'Ship to', width: 0.9 }, { header: 'Received', width: 0.9, align: 'right' }, { header: 'Notified', width: 1.05 }, { header: 'Method', width: 0.75 },
      { header: 'Responded', width: 1.05 }, { header: 'On hand when notified', width: 0.9, align: 'right' }, { header: 'Returned', width: 0.8, align: 'right' },
      { header: 'Destroyed', width: 0.85, align: 'right' }, { header: 'Recovered', width: 0.85, align: 'right' }],
    status.consignees.map((c) => [c.customer, c.ship_to, formatQuantities(c.shipped), plantTime(c.notified_at, zone), c.method || '-', plantTime(c.responded_at, zone),
      c.on_hand_when_notified.length ? formatQuantities(c.on_hand_when_notified) : '-', c.returned.length ? formatQuantities(c.returned) : '-',
      c.destroyed.length ? formatQuantities(c.destroyed) : '-', c.recovered_per_unit.length ? c.recovered_per_unit.map((u) => `${u.pct} % (${u.uom})`).join('; ') : '-']),
    { emptyText: 'No consignees.' },
  );
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

const WARNING_TEXT = { none: 'none', general: 'general public warning (national press release)', local: 'local public warning (local media)' } as const;

const orNot = (v: string | null): string => v ?? NOT_ON_RECORD;

/** "Anna Quality, QA Manager, +1 312 555 0100, anna@example.com" or what is missing said plainly. */
function contactText(f: RecallFacts | null): string {
  if (!f || (!f.contact_name && !f.contact_phone)) return NOT_ON_RECORD;
  return [f.contact_name, f.contact_title, f.contact_phone, f.contact_email].filter(Boolean).join(', ');
}

/** The follow-up of a stored recall; a preview (id 0) has none. */
function followUp(engine: Engine, recall: StoredRecall): RecallEffectiveness | null {
  return recall.recall.id > 0 ? recallEffectiveness(engine, recall.recall.id) : null;
}

/** What the recall report is built from (and its data fingerprint hashes): the recall and its follow-up. */
export function recallReportData(engine: Engine, recall: StoredRecall): { recall: StoredRecall; status: RecallEffectiveness | null } {
  return { recall, status: followUp(engine, recall) };
}

export async function writeRecallReport(engine: Engine, recall: StoredRecall, path: string, options: Partial<RenderOptions> = {}): Promise<RenderResult> {
  const info = recall.recall;
  const facts = info.facts;
  const finished = recall.products.filter((p) => p.kind === 'finished');
  const produced = totalsOf(finished.flatMap((p) => p.quantity));
  const first = finished.map((p) => p.first_produced_at).filter((x): x is string => !!x).sort()[0] ?? null;
  const last = finished.map((p) => p.last_produced_at).filter((x): x is string => !!x).sort().pop() ?? null;
  const customers = new Set(recall.consignees.map((c) => c.customer));
  const settings = reportOptions(engine, { ...(info.id === 0 ? { draft: true } : {}), ...options });
  const zone = settings.timezone;
  const signatures = info.id ? printedRecallSignatures(engine, info.code) : [];
  const data = recallReportData(engine, recall);
  const status = data.status;
  const recovered = status?.recovered ?? [];
  const identity = productIdentity(engine.db, finished.map((p) => ({ item: p.item, lots: p.lots })));
  const kind = info.id === 0 ? 'PREVIEW (not stored, not issued)' : info.mock ? 'mock recall' : 'recall';
  return renderReport(path, `Recall report ${info.code}`, data, settings, async (r) => {
    await r.title(`Recall report ${info.code}${info.mock ? ' (mock recall)' : ''}${info.id === 0 ? ' - DRAFT PREVIEW' : ''}`,
      `Proposed classification: Class ${info.class} (FDA assigns the class). Recall to the ${DEPTH_TEXT[info.depth]}. Opened ${plantTime(info.started_at, zone)} by ${info.created_by}.`);
    await r.heading('Recall facts (21 CFR 7.46(a))');
    await r.keyValues([
      ['Recall', info.id === 0 ? kind : `${info.code}, ${kind}`],
      ['Recall contact (7.46(a)(9))', contactText(facts)],
      ['Started from', info.scope_text],
      ['Implicated lots', recall.implicated.map((l) => `${l.item} / ${l.lot}`).join(', ')],
      ['Reason for the recall', info.reason],
      ['Date of discovery', facts?.discovered_on || NOT_ON_RECORD],
      ['Circumstances of discovery', info.discovered || NOT_ON_RECORD],
      ['Health hazard evaluation (7.46(a)(3))', facts?.hazard ? `${facts.hazard} (by ${facts.hazard_by || NOT_ON_RECORD}, ${facts.hazard_on || 'date not on record'})` : NOT_ON_RECORD],
      ['Proposed classification', `Class ${info.class} (FDA assigns the class)`],
      ['Product identity', finished.length ? `${finished.length} finished products, ${finished.reduce((s, p) => s + p.lots.length, 0)} lots: every lot listed under "Product identity" below` : 'No finished product is affected.'],
      ['Total amount produced', `${formatQuantities(produced)} of finished product in ${finished.reduce((s, p) => s + p.lots.length, 0)} lots`],
      ['Production time span', first ? `${day(first, zone)} to ${day(last, zone)}` : '-'],
      ['Amount still in distribution', `${formatQuantities(lessPerGroup(recall.totals.shipped, recovered))} (shipped ${formatQuantities(recall.totals.shipped)} less returned or destroyed ${formatQuantities(recovered)}, per unit)`],
      ['On hand at the firm', formatQuantities(recall.totals.on_hand)],
      ['Distribution list', `${recall.consignees.length} direct accounts (consignees) of ${customers.size} customers; listed below`],
      ['Recall strategy (7.42)', [
        `Depth: ${DEPTH_TEXT[info.depth]}.`,
        `Public warning: ${facts?.public_warning ? WARNING_TEXT[facts.public_warning] : NOT_ON_RECORD}.`,
        `Effectiveness checks: ${facts?.effectiveness_level ? `level ${facts.effectiveness_level} (${facts.effectiveness_pct ?? 0} % of consignees)` : NOT_ON_RECORD}.`,
        info.strategy || 'Consignees are notified and asked to stop distribution, report quantities on hand and return or destroy them.',
      ].join(' ')],
      ['Facts recorded', facts ? `version ${facts.version}, by ${facts.recorded_by} at ${plantTime(facts.recorded_at, zone)}` : NOT_ON_RECORD],
    ]);
    await r.heading('Product identity (21 CFR 7.46(a)(1))');
    await r.table(
      [{ header: 'Item', width: 1.8 }, { header: 'Description', width: 1.3 }, { header: 'Brand', width: 0.9 }, { header: 'GTIN / UPC', width: 0.95 }, { header: 'Pack size / style', width: 0.9 },
        { header: 'Lot code', width: 1.1 }, { header: 'Produced', width: 1.05 }, { header: 'Best by / expiry', width: 0.85 }],
      (function* rows() {
        for (const p of identity) {
          for (const [i, l] of p.lots.entries()) {
            yield i === 0
              ? [p.item, p.description, orNot(p.brand), orNot(p.gtin), p.pack_size || p.pack_style ? [p.pack_size, p.pack_style].filter(Boolean).join(', ') : NOT_ON_RECORD, l.lot, plantTime(l.produced_at, zone), l.expires_on ?? NOT_ON_RECORD]
              : ['', '', '', '', '', l.lot, plantTime(l.produced_at, zone), l.expires_on ?? NOT_ON_RECORD];
          }
        }
      })(),
      { emptyText: 'No finished product is affected.' },
    );
    await r.heading('Products affected');
    await r.table(
      [{ header: 'Item', width: 1.8 }, { header: 'Description', width: 1.4 }, { header: 'Kind', width: 0.6 }, { header: 'Lot codes', width: 2 }, { header: 'Produced / received', width: 1.2, align: 'right' },
        { header: 'Shipped', width: 1, align: 'right' }, { header: 'On hand', width: 1, align: 'right' }],
      recall.products.map((p) => [p.item, p.description, p.kind, p.lots.join(', '), formatQuantities(p.quantity), formatQuantities(p.shipped), formatQuantities(p.on_hand)]),
    );
    await r.heading(`Distribution list: ${recall.consignees.length} direct accounts`);
    await consigneeTable(r, recall, zone);
    if (status) await followUpSection(r, status, zone);
    await r.heading(`Affected lots (${recall.lots.length})`);
    await affectedLotTable(r, recall);
    await r.heading(`Shipments of affected lots (${recall.shipments.length})`);
    await r.table(
      [{ header: 'Shipped', width: 0.9 }, { header: 'Customer', width: 1.5 }, { header: 'Ship to', width: 1 }, { header: 'Item / lot', width: 1.6 }, { header: 'Quantity', width: 0.8, align: 'right' },
        { header: 'Order', width: 1.25 }, { header: 'BOL', width: 1.25 }],
      (function* rows() {
        for (const s of recall.shipments) yield [day(s.shipped_at, zone), s.customer, s.ship_to, `${s.item} / ${s.lot}`, `${formatNumber(s.quantity)} ${s.uom}`, s.order, s.bol];
      })(),
      { emptyText: 'No affected lot has been shipped.' },
    );
    await r.paragraph(`Total shipped: ${formatQuantities(recall.totals.shipped)}`, { bold: true });
    await retractedSection(r, recall.retracted, zone);
    await r.heading('Mass balance of the implicated lots');
    await r.table(
      [{ header: 'Item / lot', width: 1.6 }, ...['In', 'Consumed', 'Shipped', 'On hand', 'Unaccounted'].map((h) => ({ header: h, width: 1, align: 'right' as const })), { header: 'Accounted', width: 0.9, align: 'right' }],
      recall.mass_balance.map((m) => [`${m.item} / ${m.lot}`, `${formatNumber(m.received + m.produced)} ${m.uom}`, formatNumber(m.consumed), formatNumber(m.shipped), formatNumber(m.on_hand),
        formatNumber(m.unaccounted), m.accounted_pct === null ? '-' : `${m.accounted_pct} %`]),
    );
    const gaps = recall.mass_balance.flatMap((m) => m.gaps.map((g) => `${m.item} / ${m.lot}: ${g}`));
    await r.paragraph(gaps.length ? gaps.map((g) => `Gap: ${g}`).join('\n') : 'No mass-balance gaps in the implicated lots.', { color: gaps.length ? '#a00000' : '#000' });
    await r.signatureBlock(undefined, signatures);
    await communicationCopy(r, engine, recall, zone, settings.generatedAt ?? new Date());
  });
}

/**
 * 21 CFR 7.46(a)(8): a copy of the recall communication, on its own pages
 * after the signatures: the letter as the first consignee of the
 * distribution list receives it (every consignee's letter is the same text
 * with its own products, lots, quantities, ship dates, orders and BOLs).
 */
async function communicationCopy(r: ReportLayout, engine: Engine, recall: StoredRecall, zone: string, at: Date): Promise<void> {
  await r.newPage();
  await r.heading('Copy of the recall communication (21 CFR 7.46(a)(8), 7.49)');
  const [letter] = recallLetters(engine, recall, recall.consignees[0]);
  if (!letter) {
    await r.paragraph('No affected lot has been shipped: no recall letter goes out.');
    return;
  }
  await r.paragraph(`Each of the ${recall.consignees.length} consignees receives this letter with its own products, lots, quantities, ship dates, orders and BOLs `
    + `(lottrace recall-letters). The copy below is the letter to ${letter.consignee.name}${letter.consignee.location ? ` (${letter.consignee.location})` : ''}.`, { size: 8, color: '#555' });
  await drawLetter(r, letter, zone, plantTime(at.toISOString(), zone, true));
}
