/**
 * The banners at the top of a lot's page that say at once why the lot must
 * not move: the open real recalls it belongs to (code, class, reason, a link
 * to the recall) and, when it is on hold or quarantined, the reason and
 * since when (its latest status change into that status). A lot inside a
 * recall otherwise shows only "consumed" or "released".
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import { Link as RouterLink } from 'react-router';
import type { LotStatus, OpenRecallRef, StatusHistoryEntry } from '../../electron/contract/dto';
import { when } from '../components/format';
import { currentStatusChange } from './page-format';

const BLOCKED: Partial<Record<LotStatus, string>> = { on_hold: 'On hold', quarantined: 'Quarantined' };

export function LotBanners({ recalls, status, history }: { recalls: readonly OpenRecallRef[]; status: LotStatus; history: readonly StatusHistoryEntry[] }) {
  const blocked = BLOCKED[status];
  const change = blocked ? currentStatusChange(history, status) : undefined;
  if (recalls.length === 0 && !blocked) return null;
  return (
    <Stack spacing={1}>
      {recalls.map((r) => (
        <Alert key={r.id} severity="error" variant="filled" data-testid="lot-recall-banner" data-recall={r.code}>
          <AlertTitle sx={{ mb: 0 }}>
            In open class {r.class} recall{' '}
            <Link component={RouterLink} to={`/recalls/${r.id}`} color="inherit" sx={{ fontWeight: 700 }}>
              {r.code}
            </Link>
          </AlertTitle>
          {r.implicated ? 'Named as a cause' : 'Reached downstream of an implicated lot'}: {r.reason} — opened {when(r.started_at)}.
        </Alert>
      ))}
      {blocked && (
        <Alert severity="warning" data-testid="lot-hold-banner">
          <AlertTitle sx={{ mb: 0 }}>
            {blocked}
            {change ? ` since ${when(change.at)}` : ''}
          </AlertTitle>
          {change ? `${change.reason} (by ${change.user})` : 'No status change recorded for it.'}
        </Alert>
      )}
    </Stack>
  );
}
