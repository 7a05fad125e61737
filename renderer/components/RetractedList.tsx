/**
 * Records EPCIS error declarations retracted, as a lot page shows them:
 * kept on record, struck through (they count in no total) with the
 * declaration's reason, time and file beside them, not struck.
 */
import type { RetractedRecord } from '../../electron/contract/dto/lots';
import { DataTable } from './DataTable';
import { qty } from './format';

const STRUCK = () => ({ sx: { textDecoration: 'line-through' }, 'data-struck': true });

export function RetractedList({ records, when, testId = 'retracted' }: { records: readonly RetractedRecord[]; when: (iso: string | null) => string; testId?: string }) {
  return (
    <DataTable
      testId={testId}
      rows={[...records]}
      rowKey={(r, n) => `${r.event_id}-${n}`}
      rowProps={(r) => ({ 'data-retracted': r.kind })}
      columns={[
        { key: 'at', header: 'When', cell: (r) => when(r.at), cellProps: STRUCK },
        { key: 'record', header: 'Record', cell: (r) => r.kind, cellProps: STRUCK },
        { key: 'quantity', header: 'Quantity', cell: (r) => qty(r.quantity, r.uom), cellProps: STRUCK },
        { key: 'party', header: 'Customer / supplier', cell: (r) => (r.ship_to ? `${r.party} (${r.ship_to})` : r.party), cellProps: STRUCK },
        { key: 'reference', header: 'Reference', cell: (r) => r.reference, cellProps: STRUCK },
        { key: 'reason', header: 'Retracted because', cell: (r) => `${r.reason || 'no reason given'} (declared ${when(r.declared_at)}, ${r.retracted_by_file})` },
      ]}
    />
  );
}
