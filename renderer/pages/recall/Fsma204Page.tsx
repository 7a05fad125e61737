/**
 * FSMA 204 export (route /fsma204): the sortable spreadsheet FDA may ask for
 * within 24 hours — Receiving, Transformation and Shipping events for a date
 * range and/or traceability lot codes — downloaded as XLSX or CSV.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { CallResult } from '../../../electron/contract/contract';
import { FSMA204_FORMATS } from '../../../electron/contract/recall-constants';
import { api, ApiError } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { base64Blob, downloadBlob } from '../../components/files';
import { MIME } from './recall-format';

export function Fsma204Page() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [lots, setLots] = useState('');
  const [done, setDone] = useState<CallResult<'fsma:export'>>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const run = async (format: (typeof FSMA204_FORMATS)[number]): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const codes = lots.split(/[\s,;]+/).map((l) => l.trim()).filter(Boolean);
      const r = await api.call('fsma:export', { format, lots: codes, ...(from ? { from } : {}), ...(to ? { to } : {}) });
      downloadBlob(base64Blob(r.content_base64, MIME[format]), r.file_name);
      setDone(r);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={2} sx={{ maxWidth: 900 }} data-testid="fsma204-page">
      <Typography variant="h4" component="h1">
        FSMA 204 export
      </Typography>
      <Typography>The sortable spreadsheet of critical tracking events (21 CFR 1.1455): one sheet each for receiving, transformation and shipping.</Typography>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack spacing={2}>
          <Stack direction="row" spacing={2}>
            <TextField label="From" type="date" value={from} onChange={(e) => setFrom(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
            <TextField label="To" type="date" value={to} onChange={(e) => setTo(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
          </Stack>
          <TextField label="Traceability lot codes (optional)" value={lots} onChange={(e) => setLots(e.target.value)} placeholder="ours or the supplier's, separated by commas or spaces" />
          <Stack direction="row" spacing={1}>
            <Button variant="contained" disabled={busy} onClick={() => void run('xlsx')} data-testid="fsma-xlsx">
              Download XLSX
            </Button>
            <Button variant="outlined" disabled={busy} onClick={() => void run('csv')} data-testid="fsma-csv">
              Download CSV
            </Button>
          </Stack>
          <ErrorAlert error={error} />
          {done && (
            <Alert severity="success" data-testid="fsma-done">
              {done.file_name}: {done.rows.Receiving} receiving, {done.rows.Transformation} transformation, {done.rows.Shipping} shipping rows.
            </Alert>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
