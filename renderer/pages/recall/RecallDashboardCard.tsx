/** Dashboard card: open recalls and mock recalls still running, each a link to its page. */
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import { useCall } from '../../api/use-call';
import { useDataVersion } from '../../api/data-changed';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { elapsed, useNow } from './recall-format';
import { count, counted } from '../../components/format';

export function RecallDashboardCard() {
  const list = useCall('recall:list', {}, useDataVersion());
  const open = (list.data ?? []).filter((r) => !r.completed_at);
  const real = open.filter((r) => !r.mock);
  const mock = open.filter((r) => r.mock);
  const now = useNow(mock.length > 0);
  return (
    <Paper variant="outlined" sx={{ p: 2, height: '100%' }} data-testid="dashboard-recalls">
      <Typography variant="h6" component="h2" gutterBottom>
        Open recalls ({count(real.length)}) · mock recalls in progress ({count(mock.length)})
      </Typography>
      <ErrorAlert error={list.error} />
      {list.data && open.length === 0 && <Typography>No recall open. <Link component={RouterLink} to="/recalls">Recalls</Link></Typography>}
      {open.length > 0 && (
        <DataTable
          hiddenHeader
          rows={open}
          rowKey={(r) => r.id}
          columns={[
            {
              key: 'code',
              header: 'Recall',
              cell: (r) => (
                <Link component={RouterLink} to={`/recalls/${r.id}`}>
                  {r.code}
                </Link>
              ),
            },
            { key: 'kind', header: 'Kind', cell: (r) => (r.mock ? 'mock' : `class ${r.class}`) },
            { key: 'reason', header: 'Reason', cell: (r) => r.reason },
            { key: 'progress', header: 'Elapsed / consignees', numeric: true, cell: (r) => (r.mock ? elapsed(now - Date.parse(r.started_at)) : counted(r.consignees, 'consignee')) },
          ]}
        />
      )}
    </Paper>
  );
}
