/**
 * The recall page's long lists, a page at a time from the engine: the
 * affected lots (finished lots on hand, or all) and the consignees with their
 * lots collapsed into the first few and a count (the row expands to all of
 * them) and their follow-up status.
 */
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useState } from 'react';
import type { CallResult } from '../../../electron/contract/contract';
import type { ConsigneeFollowUpStage } from '../../../electron/contract/recall-constants';
import { api } from '../../api/api';
import { useCall } from '../../api/use-call';
import { itemColumn, type Column } from '../../components/DataTable';
import { amount, count, qty, when } from '../../components/format';
import { LotLink } from '../../components/LotLink';
import { PagedTable } from '../../components/PagedTable';
import { StatusChip } from '../../components/StatusChip';
import type { ConsigneeTarget } from './ConsigneeEventDialog';
import { quantities, recoveredPerUnit } from './recall-format';

type RecallLot = CallResult<'recall:lots'>['rows'][number];
type ConsigneeRow = CallResult<'recall:consignees'>['rows'][number];
type Effectiveness = CallResult<'recall:summary'>['effectiveness'];

export const lotColumns: readonly Column<RecallLot>[] = [
  itemColumn(),
  {
    key: 'lot',
    header: 'Lot',
    cell: (l) => (
      <>
        <LotLink item={l.item} lot={l.lot} />
        {l.implicated && <Chip size="small" label="implicated" color="error" sx={{ ml: 1 }} />}
      </>
    ),
  },
  { key: 'kind', header: 'Kind', cell: (l) => l.kind },
  { key: 'hops', header: 'Hops', numeric: true, cell: (l) => l.depth },
  { key: 'status', header: 'Status', cell: (l) => <StatusChip status={l.status} /> },
  { key: 'quantity', header: 'Produced / received', numeric: true, cell: (l) => amount(l.quantity, l.uom) },
  { key: 'consumed', header: 'Consumed', numeric: true, cell: (l) => amount(l.consumed, l.uom) },
  { key: 'shipped', header: 'Shipped', numeric: true, cell: (l) => amount(l.shipped, l.uom) },
  { key: 'on_hand', header: 'On hand', numeric: true, cell: (l) => amount(l.on_hand, l.uom), cellProps: (l) => (l.on_hand > 0 ? { sx: { fontWeight: 700 } } : {}) },
  { key: 'where', header: 'Where', cell: (l) => l.on_hand_by_location.map((w) => `${w.location || '(unknown)'}: ${qty(w.quantity, w.uom)}`).join(', ') || '—' },
  { key: 'uom', header: 'Unit', cell: (l) => l.uom },
];

/** Affected lots: `filter` picks finished lots on hand or every lot. */
export function RecallLotsTable({ id, filter, reloadKey, testId }: { id: number; filter: 'finished_on_hand' | 'all'; reloadKey: unknown; testId: string }) {
  const fetch = useCallback((offset: number, limit: number, q: string) => api.call('recall:lots', { id, filter, offset, limit, ...(q ? { q } : {}) }), [id, filter]);
  return (
    <PagedTable
      testId={testId}
      fetch={fetch}
      reloadKey={reloadKey}
      filterLabel="Filter: item, lot, status, location"
      empty={filter === 'finished_on_hand' ? 'No finished lot of this recall has stock on hand.' : 'No lot matches.'}
      rowKey={(l) => `${l.item}/${l.lot}`}
      rowProps={(l) => ({ 'data-lot': `${l.item}/${l.lot}`, selected: l.implicated })}
      columns={lotColumns}
    />
  );
}

function AllLotsOf({ id, customer, shipTo }: { id: number; customer: string; shipTo: string }) {
  const lots = useCall('recall:consigneeLots', { id, customer, ship_to: shipTo });
  if (!lots.data) return <Typography variant="body2">Loading…</Typography>;
  return (
    <Typography variant="body2" data-testid="consignee-all-lots">
      {lots.data.map((l) => `${l.item} / ${l.lot}`).join(', ')}
    </Typography>
  );
}

/** The consignee list's follow-up filter ('' for every consignee). */
const FOLLOW_UP_FILTERS: readonly [ConsigneeFollowUpStage | '', string][] = [
  ['', 'Any follow-up'],
  ['not_notified', 'Not notified yet'],
  ['notified', 'Notified, no response yet'],
  ['responded', 'Responded'],
];

export function RecallConsigneesTable({ id, effectiveness, reloadKey, onRecord }: { id: number; effectiveness: Effectiveness; reloadKey: unknown; onRecord: (t: ConsigneeTarget) => void }) {
  const [stage, setStage] = useState<ConsigneeFollowUpStage | ''>('');
  const fetch = useCallback(
    (offset: number, limit: number, q: string) => api.call('recall:consignees', { id, offset, limit, ...(q ? { q } : {}), ...(stage ? { follow_up: stage } : {}) }),
    [id, stage],
  );
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const keyOf = (c: { customer: string; ship_to: string }): string => `${c.customer}/${c.ship_to}`;
  const statusOf = new Map(effectiveness.consignees.map((c) => [keyOf(c), c]));
  const toggle = (key: string): void =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  return (
    <PagedTable
      testId="consignees"
      fetch={fetch}
      reloadKey={reloadKey}
      filterLabel="Filter: customer, ship-to, lot"
      toolbar={
        <TextField
          select
          size="small"
          label="Follow-up"
          value={stage}
          onChange={(e) => setStage(e.target.value as ConsigneeFollowUpStage | '')}
          sx={{ minWidth: 220 }}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'consignees-follow-up' } as object } }}
        >
          {FOLLOW_UP_FILTERS.map(([value, label]) => (
            <MenuItem key={value} value={value} data-value={value || 'any'}>
              {label}
            </MenuItem>
          ))}
        </TextField>
      }
      empty="Nothing affected was shipped: no consignee to notify."
      rowKey={keyOf}
      rowProps={(c) => ({ 'data-consignee': keyOf(c) })}
      detail={(c) => (open.has(keyOf(c)) ? <AllLotsOf id={id} customer={c.customer} shipTo={c.ship_to} /> : null)}
      columns={[
        { key: 'customer', header: 'Customer', cell: (c) => c.customer },
        { key: 'ship_to', header: 'Ship to', cell: (c) => c.ship_to || '—' },
        {
          key: 'lots',
          header: 'Lots',
          cell: (c) => (
            <>
              {c.first_lots.map((l) => `${l.item} / ${l.lot}`).join(', ')}
              {c.lot_count > c.first_lots.length && (
                <Button size="small" onClick={() => toggle(keyOf(c))} sx={{ ml: 1 }} data-testid="consignee-more-lots">
                  {open.has(keyOf(c)) ? 'hide' : `+${count(c.lot_count - c.first_lots.length)} more`}
                </Button>
              )}
            </>
          ),
        },
        { key: 'shipped', header: 'Shipped', numeric: true, cell: (c) => quantities(c.quantities) },
        {
          key: 'notified',
          header: 'Notified',
          cell: (c) => {
            const s = statusOf.get(keyOf(c));
            return s?.notified_at ? `${when(s.notified_at)} (${s.method})` : '—';
          },
        },
        { key: 'responded', header: 'Responded', cell: (c) => when(statusOf.get(keyOf(c))?.responded_at) },
        { key: 'on_hand_when_notified', header: 'On hand when notified', numeric: true, cell: (c) => quantities(statusOf.get(keyOf(c))?.on_hand_when_notified ?? []) },
        { key: 'returned', header: 'Returned', numeric: true, cell: (c) => quantities(statusOf.get(keyOf(c))?.returned ?? []) },
        { key: 'destroyed', header: 'Destroyed', numeric: true, cell: (c) => quantities(statusOf.get(keyOf(c))?.destroyed ?? []) },
        { key: 'recovered', header: 'Recovered', numeric: true, cell: (c) => recoveredPerUnit(statusOf.get(keyOf(c))?.recovered_per_unit ?? []) },
        {
          key: 'record',
          header: '',
          cell: (c: ConsigneeRow) => (
            <Button size="small" variant="outlined" onClick={() => onRecord({ customer: c.customer, ship_to: c.ship_to, uom: c.uom, received: c.quantities, status: statusOf.get(keyOf(c)) })}>
              Record…
            </Button>
          ),
        },
      ]}
    />
  );
}
