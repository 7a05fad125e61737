/**
 * The mock recall exercise on the recall page, as an auditor checks it
 * (BRCGS 3.9.3, SQF 2.6): the clock against the 4-hour target (running,
 * PASS or FAIL), who opened and who completed it, and the reconciliation
 * from the implicated lots forward — each stage (implicated, intermediate,
 * finished goods) per unit family with its accounted %, and what each
 * consignee received. Kilograms and cases are never summed: each unit
 * family is its own row.
 */
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import Typography from '@mui/material/Typography';
import type { MockFacts, RecallInfo } from '../../../electron/contract/recall-calls';
import { DataTable } from '../../components/DataTable';
import { amount, count, when } from '../../components/format';
import { Fact, Section } from '../../components/Section';
import { elapsed, pct, quantities } from './recall-format';

const STAGE = { implicated: 'Implicated', intermediate: 'Intermediate', finished: 'Finished goods' } as const;

export function MockRecallSection({ info, mock, elapsedMs }: { info: RecallInfo; mock: MockFacts; elapsedMs: number }) {
  const running = mock.within_target === null;
  const rows = mock.forward.stages.flatMap((s) => s.per_unit.map((u) => ({ stage: s.stage, ...u })));
  return (
    <Section title="Mock recall exercise" testId="mock-recall">
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <Typography data-testid="mock-target">
          {running ? `Elapsed ${elapsed(elapsedMs)} of the ${elapsed(mock.target_ms)} target (running)` : `Elapsed ${elapsed(mock.elapsed_ms)} against the ${elapsed(mock.target_ms)} target`}
        </Typography>
        {!running && <Chip size="small" color={mock.within_target ? 'success' : 'error'} label={mock.within_target ? 'PASS' : 'FAIL'} data-testid="mock-verdict" />}
      </Stack>
      <Table size="small">
        <TableBody>
          <Fact label="Opened (timer started)" value={`${when(info.started_at)} by ${info.created_by}`} />
          <Fact label="Completed (timer stopped)" value={info.completed_at ? `${when(info.completed_at)} by ${info.completed_by ?? '—'}` : 'not yet: the timer is running'} />
        </TableBody>
      </Table>
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        Reconciliation from the implicated lots forward, per unit family
      </Typography>
      <DataTable
        testId="mock-reconciliation"
        rows={rows}
        rowKey={(u) => `${u.stage}/${u.uom}`}
        rowProps={(u) => ({ 'data-stage': `${u.stage}/${u.uom}` })}
        columns={[
          { key: 'stage', header: 'Stage', cell: (u) => STAGE[u.stage] },
          { key: 'uom', header: 'Unit', cell: (u) => u.uom },
          { key: 'lots', header: 'Lots', numeric: true, cell: (u) => count(u.lots) },
          { key: 'in', header: 'Produced / received', numeric: true, cell: (u) => amount(u.in, u.uom) },
          { key: 'consumed', header: 'Consumed', numeric: true, cell: (u) => amount(u.consumed, u.uom) },
          { key: 'shipped', header: 'Shipped', numeric: true, cell: (u) => amount(u.shipped, u.uom) },
          { key: 'adjusted', header: 'Adjusted', numeric: true, cell: (u) => amount(u.adjusted, u.uom) },
          { key: 'on_hand', header: 'On hand', numeric: true, cell: (u) => amount(u.on_hand, u.uom) },
          { key: 'unaccounted', header: 'Unaccounted', numeric: true, cell: (u) => amount(u.unaccounted, u.uom) },
          { key: 'accounted', header: 'Accounted', numeric: true, cell: (u) => pct(u.accounted_pct), cellProps: (u) => (u.accounted_pct === 100 ? {} : { sx: { color: 'error.main', fontWeight: 700 } }) },
        ]}
      />
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        Shipped to each consignee ({count(mock.forward.consignees.length)}) · total {quantities(mock.forward.shipped_to_consignees)}
      </Typography>
      {mock.forward.consignees.length === 0 ? (
        <Typography>Nothing affected was shipped.</Typography>
      ) : (
        <DataTable
          testId="mock-consignees"
          rows={mock.forward.consignees}
          rowKey={(c) => `${c.customer}/${c.ship_to}`}
          rowProps={(c) => ({ 'data-consignee': `${c.customer}/${c.ship_to}` })}
          columns={[
            { key: 'customer', header: 'Customer', cell: (c) => c.customer },
            { key: 'ship_to', header: 'Ship to', cell: (c) => c.ship_to || '—' },
            { key: 'shipped', header: 'Shipped', numeric: true, cell: (c) => quantities(c.shipped) },
            { key: 'lots', header: 'Lots', numeric: true, cell: (c) => count(c.lots) },
            { key: 'shipments', header: 'Shipments', numeric: true, cell: (c) => count(c.shipments) },
          ]}
        />
      )}
      <Alert severity={mock.fully_accounted ? 'success' : 'warning'} sx={{ mt: 1 }} data-testid="mock-accounted">
        {mock.fully_accounted
          ? '100 % accounted for, from the implicated lots to finished goods and consignees; no gap open.'
          : `Not fully accounted for: ${mock.gaps.join('; ')}`}
      </Alert>
    </Section>
  );
}
