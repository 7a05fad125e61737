/**
 * The 21 CFR 7.53 recall status report, as a PDF and as a CSV, both from
 * recall/recall-status.ts: (b)(1) the consignees notified, with the date
 * and method of each notification; (b)(2) how many responded and the
 * quantity they had on hand when notified; (b)(3) those that did not
 * respond, by name; (b)(4) the quantities returned, destroyed and corrected,
 * per unit group (never kg added to cases); (b)(5) the effectiveness check
 * against the level the strategy chose; (b)(6) the estimated completion
 * date with the basis of the estimate. Corrections of responses are listed
 * with what they replaced, so the history is on the record.
 */
import { writeFileSync } from 'node:fs';
import { csvTable } from '../../shared/csv';
import type { Engine } from '../engine';
import type { Quantity } from '../../contract/dto/recall';
import type { RecallStatus } from '../recall/recall-status';
import { formatQuantities } from '../recall/unit-totals';
import { plantTime, renderReport, type RenderOptions, type RenderResult } from './render';
import { reportOptions } from './report-context';

const who = (c: { customer: string; ship_to: string }): string => (c.ship_to ? `${c.customer} (${c.ship_to})` : c.customer);
const q = (list: readonly Quantity[]): string => (list.length ? formatQuantities(list) : '-');
const one = (x: Quantity | null): string => (x ? formatQuantities([x]) : '-');

export async function writeRecallStatusReport(engine: Engine, s: RecallStatus, path: string, options: Partial<RenderOptions> = {}): Promise<RenderResult> {
  const settings = reportOptions(engine, options);
  const zone = settings.timezone;
  const info = s.recall;
  const e = s.effectiveness;
  const title = `Recall status report ${info.code}`;
  return renderReport(path, title, s, settings, async (r) => {
    await r.title(`${title}${info.mock ? ' (mock recall)' : ''}`, `21 CFR 7.53. ${info.reason}. Opened ${plantTime(info.started_at, zone)}${info.completed_at ? `, closed ${plantTime(info.completed_at, zone)}` : ''}.`);
    await r.keyValues([
      ['Consignees', `${e.total} direct accounts`],
      ['Notified (7.53(b)(1))', `${e.notified} of ${e.total}`],
      ['Responded (7.53(b)(2))', `${e.responded} of ${e.total}${e.responded_pct === null ? '' : ` (${e.responded_pct} %)`}`],
      ['On hand at consignees when notified', q(s.on_hand)],
      ['Not responded (7.53(b)(3))', s.not_responded.length ? s.not_responded.map(who).join('; ') : 'none'],
      ['Returned (7.53(b)(4))', q(s.returned)],
      ['Destroyed', q(s.destroyed)],
      ['Corrected in place', q(s.corrected)],
      ['Shipped to consignees', q(e.shipped)],
      ['Recovered, per unit', e.recovered_per_unit.length ? e.recovered_per_unit.map((u) => `${u.pct} % of the ${formatQuantities([{ quantity: u.shipped, uom: u.uom }])} shipped`).join('; ') : '-'],
      ['Effectiveness check (7.53(b)(5))', s.check.level
        ? `level ${s.check.level}: ${s.check.pct ?? 0} % of ${e.total} consignees = ${s.check.needed} to reach; ${s.check.responded} responded: ${s.check.met ? 'MET' : 'NOT MET yet'}`
        : `no effectiveness check level on record; ${s.check.responded} of ${s.check.needed} consignees responded`],
      ['Estimated completion (7.53(b)(6))', `${s.estimated_completion ?? 'not estimable yet'} (${s.estimate_basis})`],
    ]);
    await r.heading('Consignees');
    await r.table(
      [{ header: 'Consignee', width: 1.6 }, { header: 'Received', width: 0.85, align: 'right' }, { header: 'Notified', width: 1 }, { header: 'Method', width: 0.6 },
        { header: 'Responded', width: 0.95 }, { header: 'On hand when notified', width: 0.85, align: 'right' }, { header: 'Returned', width: 0.8, align: 'right' },
        { header: 'Destroyed', width: 0.9, align: 'right' }, { header: 'Corrected', width: 0.9, align: 'right' }],
      e.consignees.map((c) => [who(c), q(c.shipped), plantTime(c.notified_at, zone), c.method || '-', plantTime(c.responded_at, zone, true), q(c.on_hand_when_notified),
        q(c.returned), q(c.destroyed), q(c.corrected)]),
      { emptyText: 'No consignees.' },
    );
    await r.heading(`Notifications (${s.notifications.length})`);
    await r.table(
      [{ header: 'Notified', width: 1.1 }, { header: 'Consignee', width: 2 }, { header: 'Method', width: 0.8 }, { header: 'Recorded by', width: 1 }],
      s.notifications.map((n) => [plantTime(n.at, zone), who(n), n.method, n.user]),
      { emptyText: 'No consignee has been notified yet.' },
    );
    await r.heading(`Responses and corrections (${s.responses.length})`);
    await r.table(
      [{ header: 'No.', width: 0.35, align: 'right' }, { header: 'Consignee', width: 1.45 }, { header: 'Responded', width: 0.95 }, { header: 'On hand', width: 0.75, align: 'right' },
        { header: 'Returned', width: 0.8, align: 'right' }, { header: 'Destroyed', width: 0.95, align: 'right' }, { header: 'Corrected', width: 0.9, align: 'right' },
        { header: 'Recorded', width: 1.2 }, { header: 'Corrects', width: 0.75 }, { header: 'Status', width: 1.35 }],
      s.responses.map((x) => [String(x.id), who(x), plantTime(x.responded_at, zone, true), one(x.on_hand), one(x.returned), one(x.destroyed), one(x.corrected),
        `${plantTime(x.recorded_at, zone)} by ${x.user}`, x.supersedes === null ? '-' : `no. ${x.supersedes}`, x.superseded_by === null ? 'in force' : `replaced by no. ${x.superseded_by}`]),
      { emptyText: 'No response recorded yet.' },
    );
  });
}

/** One row per consignee, quantities as "QTY UOM" with "; " between unit groups. */
export function recallStatusCsv(s: RecallStatus, zone: string): string {
  const plain = (list: readonly Quantity[]): string => list.map((x) => `${x.quantity} ${x.uom}`).join('; ');
  return csvTable(
    ['recall', 'customer', 'ship_to', 'received', 'notified', 'method', 'responded', 'on_hand_when_notified', 'returned', 'destroyed', 'corrected', 'recovered_pct_per_unit', 'zone'],
    s.effectiveness.consignees.map((c) => [
      s.recall.code, c.customer, c.ship_to, plain(c.shipped), c.notified_at ? plantTime(c.notified_at, zone) : '', c.method, c.responded_at ? plantTime(c.responded_at, zone, true) : '',
      plain(c.on_hand_when_notified), plain(c.returned), plain(c.destroyed), plain(c.corrected), c.recovered_per_unit.map((u) => `${u.pct} % ${u.uom}`).join('; '), zone,
    ]),
  );
}

export function writeRecallStatusCsv(s: RecallStatus, zone: string, path: string): void {
  writeFileSync(path, recallStatusCsv(s, zone));
}
