/**
 * The mock recall report auditors ask for: scenario and team, start, end
 * and elapsed time, the backward (suppliers, supplier lots) and forward
 * (affected lots, consignees) results, the reconciliation of the implicated
 * quantity (produced / shipped / on hand / consumed, accounted %), every
 * gap, and the corrective actions, signed (with the recorded signatures
 * where there are any, else blank boxes).
 */
import type { Engine } from '../engine';
import { formatElapsed, type MockRecallResult } from '../recall/mock-recall';
import { formatNumber, formatQuantities } from '../recall/unit-totals';
import { plantTime, renderReport, type RenderOptions, type RenderResult } from './render';
import { reportOptions } from './report-context';
import { affectedLotTable, consigneeTable, printedRecallSignatures } from './recall-report';

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
      ['Started', `${plantTime(info.started_at, zone)} (${zone})`],
      ['Completed', info.completed_at ? `${plantTime(info.completed_at, zone)} (${zone})` : 'not completed'],
      ['Elapsed time', formatElapsed(result.elapsed_ms)],
      ['Result', result.fully_accounted ? '100 % of the implicated quantity is accounted for.' : `NOT fully accounted for: ${result.gaps.length} gap(s), listed below.`],
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
    await r.heading('Reconciliation of the implicated quantity');
    await r.table(
      [{ header: 'Item / lot', width: 1.6 }, ...['Produced / received', 'Shipped', 'On hand', 'Consumed', 'Unaccounted'].map((h) => ({ header: h, width: 1, align: 'right' as const })), { header: 'Accounted', width: 0.9, align: 'right' }],
      result.reconciliation.map((x) => [`${x.item} / ${x.lot}`, `${formatNumber(x.in)} ${x.uom}`, formatNumber(x.shipped), formatNumber(x.on_hand), formatNumber(x.consumed), formatNumber(x.unaccounted),
        x.accounted_pct === null ? '-' : `${x.accounted_pct} %`]),
    );
    const t = result.reconciliation_totals;
    await r.paragraph(`Totals: produced/received ${formatQuantities(t.in)}; shipped ${formatQuantities(t.shipped)}; on hand ${formatQuantities(t.on_hand)}; consumed ${formatQuantities(t.consumed)}.`, { bold: true });
    await r.heading('Gaps');
    await r.paragraph(result.gaps.length ? result.gaps.map((g) => `• ${g}`).join('\n') : 'None.', { color: result.gaps.length ? '#a00000' : '#000' });
    await r.heading('Corrective actions');
    await r.paragraph(info.corrective_actions || 'None recorded.');
    await r.signatureBlock(undefined, signatures);
  });
}
