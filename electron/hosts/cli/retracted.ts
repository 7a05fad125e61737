/**
 * The `lot` command's section of records EPCIS error declarations retracted:
 * kept on record but out of every figure above it, so the section says so
 * and gives each one's reason, declaration time and file.
 */
import type { RetractedRecord } from '../../contract/dto/lots';
import { formatTable } from './table';

/** Lines to append to the lot output; none when nothing was retracted. */
export function retractedSection(records: readonly RetractedRecord[] | undefined): string[] {
  if (!records?.length) return [];
  return [
    '',
    'retracted by EPCIS error declarations (kept on record, not in the figures above)',
    formatTable(
      ['at', 'record', 'quantity', 'uom', 'party', 'ship to', 'reference', 'event', 'reason', 'declared', 'file'],
      records.map((r) => [r.at ?? '-', r.kind, r.quantity, r.uom, r.party, r.ship_to, r.reference, r.event_id, r.reason || '-', r.declared_at ?? '-', r.retracted_by_file]),
    ),
  ];
}
