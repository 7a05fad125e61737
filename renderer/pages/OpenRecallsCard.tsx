/**
 * The dashboard's first card: the open real recalls, in red, each a link to
 * its page with its class, reason and how many lots and consignees it
 * covers — what directs the day comes before the hold and expiry lists —
 * and, in a line below, mock recalls still running.
 */
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import { useCall } from '../api/use-call';
import { useDataVersion } from '../api/data-changed';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { count, when } from '../components/format';

const n = count;

export function OpenRecallsCard() {
  const list = useCall('recall:list', {}, useDataVersion());
  const open = (list.data ?? []).filter((r) => !r.completed_at);
  const real = open.filter((r) => !r.mock);
  const mock = open.filter((r) => r.mock);
  const alarm = real.length > 0;
  return (
    <Paper
      variant="outlined"
      sx={{ p: 2, height: '100%', ...(alarm ? { borderColor: 'error.main', borderWidth: 2, bgcolor: '#fdecea' } : {}) }}
      data-testid="dashboard-recalls"
      data-open={real.length}
    >
      <Typography variant="h6" component="h2" gutterBottom sx={alarm ? { color: 'error.dark', fontWeight: 700 } : {}}>
        {alarm ? `${n(real.length)} open recall${real.length === 1 ? '' : 's'}` : 'No recall open'}
      </Typography>
      <ErrorAlert error={list.error} />
      {!list.data && !list.error && <Skeleton variant="rounded" height={40} />}
      {real.length > 0 && (
        <DataTable
          hiddenHeader
          rows={real}
          rowKey={(r) => r.id}
          columns={[
            {
              key: 'code',
              header: 'Recall',
              cell: (r) => (
                <Link component={RouterLink} to={`/recalls/${r.id}`} sx={{ fontWeight: 700, color: 'error.dark' }}>
                  {r.code}
                </Link>
              ),
            },
            { key: 'class', header: 'Class', cell: (r) => `class ${r.class}` },
            { key: 'reason', header: 'Reason', cell: (r) => r.reason },
            { key: 'scope', header: 'Scope', numeric: true, cell: (r) => `${n(r.lots)} lots · ${n(r.consignees)} consignees` },
            { key: 'started', header: 'Opened', cell: (r) => when(r.started_at), cellProps: () => ({ sx: { whiteSpace: 'nowrap' } }) },
          ]}
        />
      )}
      {list.data && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {mock.length === 0 ? 'No mock recall running. ' : 'Mock recalls running: '}
          {mock.map((r, i) => (
            <span key={r.id}>
              {i > 0 ? ', ' : ''}
              <Link component={RouterLink} to={`/recalls/${r.id}`}>
                {r.code}
              </Link>
            </span>
          ))}
          {mock.length > 0 ? '. ' : ''}
          <Link component={RouterLink} to="/recalls">
            All recalls
          </Link>
        </Typography>
      )}
    </Paper>
  );
}
