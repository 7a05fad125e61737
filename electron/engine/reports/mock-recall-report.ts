/**
 * The mock recall report auditors ask for (BRCGS 3.9.3, SQF 2.6): scenario
 * and team; when the exercise was opened and completed and by whom; the
 * elapsed time against the 4-hour target, pass or fail; the backward
 * (suppliers, supplier lots) and forward (affected lots, consignees)
 * results; the reconciliation from the implicated lots forward to finished
 * goods and to each consignee — produced, consumed, shipped, on hand and the
 * % accounted for per stage and unit family (kg never added to cs) — every
 * gap, and the corrective actions, signed (with the recorded signatures
 * where there are any, else blank boxes).
 */
import type { Engine } from '../engine';
import { formatElapsed, type MockRecallResult } from '../recall/mock-recall';
import type { ReconciliationStage } from '../../contract/dto/recall';
import { formatNumber, formatQuantities } from '../recall/unit-totals';

import { plantTime, renderReport, type RenderOptions, type RenderResult } from './render';
import { reportOptions } from './report-context';
import { affectedLotTable, consigneeTable, printedRecallSignatures } from './recall-report';
import { retractedSection } from './retracted-section';

const STAGE_TEXT: Record<ReconciliationStage, string> = { implicated: 'Implicated', intermediate: 'Intermediate', finished: 'Finished goods' };
const pct = (n: number | null): string => (n === null ? '-' : `${n} %`);

export async function writeMockRecallReport(engine: Engine, result: MockRecallResult, path: string, options: Partial<RenderOptions> = {}): Promise<RenderResult> {
  const info = result.recall;
  const settings = reportOptions(engine, options);
  const zone = settings.timezone;
  const signatures = printedRecallSignatures(engine, info.code);
  return renderReport(path, `Mock recall report ${info.code}`, result, settings, async (r) => {
    await r.title(`Mock recall report ${info.code}`, info.scenario || info.reason);
    await r.keyValues([
      ['Scenario', info.scenario || info.reason],
      ['Started from', info.scope_text],
      ['Team', info.team || '-'],
      ['Opened (timer started)', `${plantTime(info.started_at, zone)} by ${info.created_by}`],
      ['Completed (timer stopped)', info.completed_at ? `${plantTime(info.completed_at, zone)} by ${info.completed_by ?? '-'}` : 'not completed: the timer is still running'],
      ['Elapsed time', formatElapsed(result.elapsed_ms)],
      ['Target', `${formatElapsed(result.target_ms)}: ${result.within_target === null ? 'not judged (not completed)' : result.within_target ? 'PASS (within the target)' : 'FAIL (over the target)'}`],
      ['Run by', info.completed_by && info.completed_by !== info.created_by ? `${info.created_by} (opened), ${info.completed_by} (completed)` : info.created_by],
      ['Result', result.fully_accounted ? '100 % accounted for, from the implicated lots to finished goods and consignees.' : `NOT fully accounted for: ${result.gaps.length} gap(s), listed below.`],
    ]);
    await r.heading('Backward: where the implicated lots came from');
    await r.table(
      [{ header: 'Received', width: 1 }, { header: 'Item / lot', width: 1.4 }, { header: 'Supplier', width: 2 }, { header: 'Supplier lot', width: 1.1 }, { header: 'PO', width: 0.9 }, { header: 'Quantity', width: 1, align: 'right' }],
      result.receipts.map((x) => [plantTime(x.received_at, zone, true), `${x.item} / ${x.lot}`, x.supplier, x.supplier_lot, x.po, `${formatNumber(x.quantity)} ${x.uom}`]),
      { emptyText: 'No receipts: the implicated lots were produced here from lots with no recorded receipt.' },
    );
    await r.heading(`Forward: affected lots (${result.lots.length})`);
    await affectedLotTable(r, result);
    await r.heading(`Forward: consignees (${result.consignees.length})`);
    await consigneeTable(r, result, zone);
    const f = result.forward;
    await r.heading('Reconciliation from the implicated lots forward, per unit family');
    await r.table(
      [{ header: 'Stage', width: 1.15 }, { header: 'Unit', width: 0.5 }, { header: 'Lots', width: 0.45, align: 'right' },
        ...['Produced / received', 'Consumed', 'Shipped', 'Adjusted', 'On hand'].map((h) => ({ header: h, width: 1, align: 'right' as const })),
        { header: 'Unaccounted', width: 1.2, align: 'right' }, { header: 'Accounted', width: 1, align: 'right' }],
      f.stages.flatMap((s) => s.per_unit.map((u) => [STAGE_TEXT[s.stage], u.uom, String(u.lots), formatNumber(u.in), formatNumber(u.consumed), formatNumber(u.shipped),
        formatNumber(u.adjusted), formatNumber(u.on_hand), formatNumber(u.unaccounted), pct(u.accounted_pct)])),
    );
    await r.paragraph('Sums per unit family (kg with lb, l with gal; cs, ea and other units each on their own): a kilogram is never added to a case. '
      + 'Accounted = (consumed + shipped + adjusted + on hand) / produced or received.', { size: 7, color: '#555' });
    await r.heading(`Shipped to each consignee (${f.consignees.length})`);
    await r.table(
      [{ header: 'Customer', width: 2 }, { header: 'Ship to', width: 1.5 }, { header: 'Shipped', width: 1.4, align: 'right' }, { header: 'Lots', width: 0.6, align: 'right' },
        { header: 'Shipments', width: 0.8, align: 'right' }],
      f.consignees.map((c) => [c.customer, c.ship_to || '-', formatQuantities(c.shipped), String(c.lots), String(c.shipments)]),
      { emptyText: 'Nothing affected was shipped: no consignee.' },
    );
    if (f.consignees.length > 0) await r.paragraph(`Total shipped to consignees: ${formatQuantities(f.shipped_to_consignees)}.`, { bold: true });
    // The documents an auditor asks to see for each shipment: order and bill of lading.
    await r.heading(`Shipments to consignees, with orders and bills of lading (${result.shipments.length})`);
    await r.table(
      [{ header: 'Shipped', width: 1.3 }, { header: 'Customer', width: 1.5 }, { header: 'Ship to', width: 1 }, { header: 'Item / lot', width: 1.6 },
        { header: 'Quantity', width: 0.8, align: 'right' }, { header: 'Order', width: 1.1 }, { header: 'BOL', width: 1.1 }],
      (function* rows() {
        for (const x of result.shipments) yield [plantTime(x.shipped_at, zone), x.customer, x.ship_to, `${x.item} / ${x.lot}`, `${formatNumber(x.quantity)} ${x.uom}`, x.order, x.bol];
      })(),
      { emptyText: 'No affected lot has been shipped.' },
    );
    await retractedSection(r, result.retracted, zone);
    // One table per stage, so the codes and every header word get the room to print whole.
    for (const stage of ['implicated', 'intermediate', 'finished'] as const) {
      const lots = f.lots.filter((x) => x.stage === stage);
      if (lots.length === 0) continue;
      await r.heading(`Reconciliation per lot: ${STAGE_TEXT[stage].toLowerCase()} (${lots.length})`);
      await r.table(
        [{ header: 'Item', width: 100 }, { header: 'Lot', width: 62 },
          ...([['Produced / received', 56], ['Consumed', 54], ['Shipped', 46], ['Adjusted', 48], ['On hand', 46], ['Unaccounted', 64], ['Accounted', 56]] as const)
            .map(([header, width]) => ({ header, width, align: 'right' as const }))],
        lots.map((x) => [x.item, x.lot, `${formatNumber(x.in)} ${x.uom}`, formatNumber(x.consumed), formatNumber(x.shipped), formatNumber(x.adjusted),
          formatNumber(x.on_hand), formatNumber(x.unaccounted), pct(x.accounted_pct)]),
      );
    }
    await r.heading('Gaps');
    await r.paragraph(result.gaps.length ? result.gaps.map((g) => `• ${g}`).join('\n') : 'None.', { color: result.gaps.length ? '#a00000' : '#000' });
    await r.heading('Corrective actions');
    await r.paragraph(info.corrective_actions || 'None recorded.');
    await r.signatureBlock(undefined, signatures);
  });
}
