/**
 * What a recall would cover, shown on the start form before it is opened
 * (recall:preview: the engine's own recall computation, nothing written):
 * affected lots, finished lots and the stock left of them, consignees and
 * what was shipped to them, each quantity per unit group. The preview
 * follows the scope as it is typed, a moment after the typing stops.
 */
import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { CallInput, CallResult } from '../../../electron/contract/contract';
import { api, ApiError } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Fact } from '../../components/Section';
import { quantities } from './recall-format';
import { count } from '../../components/format';

type Preview = CallResult<'recall:preview'>;
/** Typing pause before the scope is previewed. */
const DEBOUNCE_MS = 400;

/** The preview of the scope `key` (the scope as JSON; '' for none yet), with the key it answers. */
export function useScopePreview(key: string): { key: string; data?: Preview; error?: ApiError } {
  const [state, setState] = useState<{ key: string; data?: Preview; error?: ApiError }>({ key: '' });
  useEffect(() => {
    if (!key) return;
    let live = true;
    const t = setTimeout(() => {
      api.call('recall:preview', { scope: JSON.parse(key) as CallInput<'recall:preview'>['scope'] }).then(
        (data) => live && setState({ key, data }),
        (e: unknown) => live && setState({ key, error: e as ApiError }),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [key]);
  return state.key === key ? state : { key: '' };
}

export function RecallScopePreview({ preview, error, loading }: { preview: Preview | undefined; error: ApiError | undefined; loading: boolean }) {
  if (error) return <ErrorAlert error={error} />;
  if (loading) return <LinearProgress aria-label="previewing the scope" />;
  if (!preview) return null;
  const more = preview.customers - preview.customer_names.length;
  return (
    <Paper variant="outlined" sx={{ p: 2, bgcolor: 'action.hover' }} data-testid="recall-preview">
      <Typography variant="subtitle1" component="h2">
        What this recall covers (preview: nothing is stored yet)
      </Typography>
      <Table size="small">
        <TableBody>
          <Fact label="Implicated lots" value={preview.implicated.map((l) => `${l.item} / ${l.lot}`).join(', ')} />
          <Fact label="Affected lots" value={`${count(preview.lots)} (everything made from the implicated lots, and the lots themselves)`} />
          <Fact
            label="Finished lots on hand"
            value={`${count(preview.finished_on_hand_lots)} of ${count(preview.finished_lots)} finished lots still hold stock: ${quantities(preview.finished_on_hand)}`}
          />
          <Fact label="Stock left, all affected lots" value={`${quantities(preview.on_hand)} in ${count(preview.on_hand_lots)} lots`} />
          <Fact
            label="Consignees"
            value={`${count(preview.consignees)} (${count(preview.customers)} customers${preview.customer_names.length ? `: ${preview.customer_names.join(', ')}${more > 0 ? ` and ${count(more)} more` : ''}` : ''})`}
          />
          <Fact label="Shipped to them" value={quantities(preview.shipped)} />
        </TableBody>
      </Table>
      {preview.consignees === 0 && (
        <Alert severity="info" sx={{ mt: 1 }}>
          Nothing affected was shipped: no consignee to notify.
        </Alert>
      )}
    </Paper>
  );
}
