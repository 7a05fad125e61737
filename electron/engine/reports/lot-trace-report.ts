/**
 * The lot traceability report: one lot's facts, its backward and forward
 * trace as indented trees and as tables (suppliers and supplier lots,
 * batches with consumed quantities, shipments), its mass balance, and the
 * genealogy picture — drawn as vector graphics, or the app's PNG when given.
 * The signature block prints the electronic signatures on the lot's status
 * changes (release, reject, and hold or quarantine where signed), each
 * shown invalid once the signed change record differs; blank boxes remain
 * only for the meanings no signature covers.
 */
import { createHash } from 'node:crypto';
import type { Engine } from '../engine';
import { formatNumber } from '../recall/unit-totals';
import { massBalance } from '../trace/mass-balance';
import type { MassBalance, TraceResult } from '../../contract/dto/trace';
import { drawGenealogy, genealogyHeight } from './genealogy-drawing';
import { formatGenerated, plantTime, renderReport, type RenderOptions, type RenderResult } from './render';
import type { PrintedSignature } from './signature-boxes';
import { lotSignatures, SIGNATURE_VALID } from '../users/signatures';
import { reportOptions } from './report-context';
import { retractedSection } from './retracted-section';
import { traceTree } from './trace-tree';
import { traceRetractedRecords } from '../epcis/retracted-records';

export interface LotTraceReportOptions extends Partial<RenderOptions> {
  /** A PNG of the genealogy graph rendered by the app, used instead of the drawing. */
  graphPng?: Buffer;
  /** Told how many table and tree rows the report lists once its data is built, before any page is laid out (a job's progress estimate). */
  onRows?: (rows: number) => void;
}

/** sha256 of the genealogy picture the app gave, or null when the report draws it. */
export function graphPngSha256(png: Buffer | undefined): string | null {
  return png ? createHash('sha256').update(png).digest('hex') : null;
}

/** The data a lot traceability report is built from (and fingerprinted over). */
export function lotTraceData(engine: Engine, lot: string, item: string | undefined, graphSha256: string | null): { trace: TraceResult; mass_balance: MassBalance; graph_png_sha256: string | null } {
  const id = engine.resolveLot(lot, item);
  const trace = engine.traceById(id, { direction: 'both' });
  // Records of the traced lots that EPCIS error declarations retracted: printed struck out of the figures, with the reason.
  const retracted = traceRetractedRecords(engine.db, trace);
  return { trace: retracted.length > 0 ? { ...trace, retracted } : trace, mass_balance: massBalance(engine.db, id), graph_png_sha256: graphSha256 };
}

/**
 * The electronic signatures on a lot's status changes as the report prints
 * them, oldest first, each with its validity now. Not part of the data
 * fingerprint (as with the recall report): a signature's validity is
 * rechecked against its own record, not against the report.
 */
export function printedLotSignatures(engine: Engine, lotId: number): PrintedSignature[] {
  return lotSignatures(engine.db, lotId).map((s) => ({
    printed_name: s.printed_name, user: s.user, meaning: s.meaning, at: formatGenerated(new Date(s.at), s.zone), valid: s.status === SIGNATURE_VALID,
  }));
}

/** Table rows made as the table reaches them, in each layout pass: a silo lot's 400,000 links are never all formatted at once. */
function* rowsOf<T>(list: readonly T[], row: (x: T) => string[]): Generator<string[]> {
  for (const x of list) yield row(x);
}

export async function writeLotTraceReport(engine: Engine, lot: string, item: string | undefined, path: string, options: LotTraceReportOptions = {}): Promise<RenderResult> {
  const { graphPng, onRows, ...renderOverrides } = options;
  const data = lotTraceData(engine, lot, item, graphPngSha256(graphPng));
  const { trace, mass_balance: mb } = data;
  // The two trees (each at most 400 lines, trace-tree.ts) and the three tables.
  onRows?.(2 * Math.min(trace.lots.length, 400) + trace.receipts.length + trace.links.length + trace.shipments.length);
  const root = trace.lots.find((l) => l.side === 'root')!;
  const settings = reportOptions(engine, renderOverrides);
  const t = (iso: string | null): string => plantTime(iso, settings.timezone);
  const signatures = printedLotSignatures(engine, engine.resolveLot(root.lot, root.item));
  return renderReport(path, `Lot traceability report — ${root.item} / ${root.lot}`, data, settings, async (r) => {
    await r.title(`Lot traceability report: ${root.item} / ${root.lot}`, root.description);
    await r.keyValues([
      ['Item', `${root.item} — ${root.description || '(no description)'} (${root.kind})`],
      ['Lot', root.lot],
      ['Status', root.status],
      ['Origin', root.origin],
      ['Quantity', `${formatNumber(root.quantity)} ${root.uom}`],
      ['On hand', `${formatNumber(root.on_hand)} ${root.uom}`],
      ['Produced', t(root.produced_at)],
      ['Expires', root.expires_on ?? '-'],
      ['Trace reach', `${trace.lots.filter((l) => l.side === 'upstream').length} upstream lots, ${trace.lots.filter((l) => l.side === 'downstream').length} downstream lots, ${trace.receipts.length} receipts, ${trace.shipments.length} shipments`],
    ]);

    await r.heading('Backward trace (what it was made from)');
    await r.tree(traceTree(trace, 'backward', settings.timezone));
    await r.heading('Forward trace (what was made from it and where it went)');
    await r.tree(traceTree(trace, 'forward', settings.timezone));

    await r.heading('Suppliers and supplier lots');
    await r.table(
      [{ header: 'Received', width: 1.4 }, { header: 'Item', width: 1.4 }, { header: 'Lot', width: 1.1 }, { header: 'Supplier', width: 1.6 }, { header: 'Supplier lot', width: 1.1 },
        { header: 'PO', width: 1 }, { header: 'Quantity', width: 0.9, align: 'right' }, { header: 'Location', width: 0.8 }],
      rowsOf(trace.receipts, (x) => [t(x.received_at), x.item, x.lot, x.supplier, x.supplier_lot, x.po, `${formatNumber(x.quantity)} ${x.uom}`, x.location]),
    );
    await r.heading('Batches and consumed quantities');
    await r.table(
      [{ header: 'Batch', width: 1 }, { header: 'Produced', width: 1.3 }, { header: 'Input item / lot', width: 2 }, { header: 'Output item / lot', width: 2 }, { header: 'Consumed', width: 1, align: 'right' }],
      rowsOf(trace.links, (l) => [l.batch, t(l.produced_at), `${l.from.item} / ${l.from.lot}`, `${l.to.item} / ${l.to.lot}`, `${formatNumber(l.quantity)} ${l.uom}`]),
    );
    await r.heading('Shipments');
    await r.table(
      // Order and BOL numbers and item codes get the room to print unbroken (issue 14); names wrap instead.
      [{ header: 'Shipped', width: 1.3 }, { header: 'Item / lot', width: 1.6 }, { header: 'Customer', width: 1.4 }, { header: 'Ship to', width: 0.95 }, { header: 'Order', width: 1.15 },
        { header: 'BOL', width: 1.3 }, { header: 'Quantity', width: 0.8, align: 'right' }],
      rowsOf(trace.shipments, (s) => [t(s.shipped_at), `${s.item} / ${s.lot}`, s.customer, s.ship_to, s.order, s.bol, `${formatNumber(s.quantity)} ${s.uom}`]),
    );
    await r.heading(`Mass balance of ${mb.item} / ${mb.lot} (${mb.uom})`);
    await r.table(
      ['Received', 'Produced', 'Consumed', 'Shipped', 'Adjusted', 'On hand', 'Unaccounted', 'Accounted %'].map((h) => ({ header: h, width: 1, align: 'right' as const })),
      [[mb.received, mb.produced, mb.consumed, mb.shipped, mb.adjusted, mb.on_hand, mb.unaccounted].map(formatNumber).concat(mb.accounted_pct === null ? '-' : `${mb.accounted_pct} %`)],
    );
    await r.paragraph(mb.gaps.length ? mb.gaps.map((g) => `Gap: ${g}`).join('\n') : 'No gaps: everything received or produced is consumed, shipped or on hand.', { color: mb.gaps.length ? '#a00000' : '#000' });

    await retractedSection(r, trace.retracted, settings.timezone);

    await r.newPage();
    await r.heading('Genealogy graph');
    const top = r.doc.y;
    const room = r.bottom - top - 120;
    const height = Math.min(genealogyHeight(r.doc, trace, r.width, room), room);
    if (graphPng) r.doc.image(graphPng, r.left, top, { fit: [r.width, height], align: 'center' });
    else drawGenealogy(r.doc, trace, r.left, top, r.width, height);
    r.doc.y = top + height + 10;
    await r.signatureBlock(undefined, signatures);
  });
}
