/**
 * The dashboard's blocked lots as a QA manager works through them: one line
 * per status, reason and time waited (engine/domain/hold-groups.ts), the
 * longest-waiting first, with the first lots of each named.
 */
import type { HoldAge, HoldGroup } from '../../electron/contract/dto/lots';
import { DataTable } from '../components/DataTable';
import { count, when } from '../components/format';
import { LotLink } from '../components/LotLink';
import { StatusChip } from '../components/StatusChip';


const AGE_TEXT: Record<HoldAge, string> = {
  today: 'under a day',
  '1-7 days': '1–7 days',
  '8-30 days': '8–30 days',
  'over 30 days': 'over 30 days',
  unknown: 'not recorded (status came with the import)',
};

export function HoldGroupsTable({ groups }: { groups: HoldGroup[] }) {
  return (
    <DataTable
      rows={groups}
      rowKey={(g) => `${g.status}|${g.reason}|${g.age}`}
      testId="hold-groups"
      columns={[
        { key: 'status', header: 'Status', cell: (g) => <StatusChip status={g.status} /> },
        { key: 'reason', header: 'Reason', cell: (g) => g.reason || '(none recorded)' },
        { key: 'age', header: 'Waiting', cell: (g) => <span title={g.oldest ? `longest since ${when(g.oldest)}` : undefined}>{AGE_TEXT[g.age]}</span> },
        { key: 'lots', header: 'Lots', numeric: true, cell: (g) => count(g.lots) },
        {
          key: 'examples',
          header: 'Longest waiting',
          cell: (g) => (
            <>
              {g.examples.map((l, i) => (
                <span key={`${l.item}/${l.lot}`}>
                  {i > 0 && ', '}
                  <LotLink item={l.item} lot={l.lot} />
                </span>
              ))}
              {g.lots > g.examples.length && ` and ${count(g.lots - g.examples.length)} more`}
            </>
          ),
        },
      ]}
    />
  );
}
