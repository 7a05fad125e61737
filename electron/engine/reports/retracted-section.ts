/**
 * The reports' section (recall, mock recall, lot traceability) of records of
 * their lots that EPCIS error declarations retracted: left out of every figure in the
 * report, printed here with the declaration's reason so a reader sees what
 * changed and why. Nothing is printed when there are none.
 */
import type { RetractedRecord } from '../../contract/dto/lots';
import { formatNumber } from '../recall/unit-totals';
import type { ReportLayout } from './layout';
import { plantTime } from './render';

export async function retractedSection(r: ReportLayout, records: readonly RetractedRecord[] | undefined, zone: string): Promise<void> {
  if (!records?.length) return;
  await r.heading(`Retracted records (EPCIS error declarations) (${records.length})`);
  await r.paragraph('Kept on record but not counted in any figure of this report.');
  await r.table(
    [{ header: 'Date', width: 0.9 }, { header: 'Record', width: 0.8 }, { header: 'Customer / supplier', width: 1.5 }, { header: 'Ship to', width: 1 }, { header: 'Item / lot', width: 1.5 },
      { header: 'Quantity', width: 0.8, align: 'right' }, { header: 'Reason', width: 1.2 }, { header: 'Declared', width: 0.9 }, { header: 'File', width: 1.2 }],
    records.map((x) => [plantTime(x.at, zone, true), x.kind, x.party, x.ship_to, `${x.item} / ${x.lot}`, `${formatNumber(x.quantity)} ${x.uom}`, x.reason || '-', plantTime(x.declared_at, zone, true), x.retracted_by_file]),
  );
}
