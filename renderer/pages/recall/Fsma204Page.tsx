/**
 * FSMA 204 export (route /fsma204): the sortable spreadsheet FDA may ask for
 * within 24 hours — Receiving, Transformation and Shipping events for a date
 * range and/or traceability lot codes — downloaded as XLSX or CSV. Before
 * the download the page previews the request (fsma:preview, after typing
 * pauses): the rows each sheet will hold, a warning for lot codes that name
 * no lot on record, and the file's name after its scope
 * (fsma204-<lot codes>-<from>-<to>).
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { CallResult } from '../../../electron/contract/contract';
import { FSMA204_FORMATS } from '../../../electron/contract/recall-constants';
import { api, ApiError } from '../../api/api';
import { useCall } from '../../api/use-call';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { base64Blob, downloadBlob } from '../../components/files';
import { count } from '../../components/format';
import { useDebounced } from '../../components/use-debounced';
import { MIME } from './recall-format';

const CTES = ['Receiving', 'Transformation', 'Shipping'] as const;

export function Fsma204Page() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [lots, setLots] = useState('');
  const [done, setDone] = useState<CallResult<'fsma:export'>>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const codes = useDebounced(lots, 400).split(/[\s,;]+/).map((l) => l.trim()).filter(Boolean);
  const datesOk = (from === '') === (to === '') && (!from || from <= to);
  // A request the export would take: a range, lot codes, or both.
  const askable = datesOk && (from !== '' || codes.length > 0);
  const preview = useCall('fsma:preview', askable ? { lots: codes, ...(from ? { from, to } : {}) } : null);
  const p = askable ? preview.data : undefined;
  const nothing = p !== undefined && CTES.every((c) => p.rows[c] === 0);

  const run = async (format: (typeof FSMA204_FORMATS)[number]): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const all = lots.split(/[\s,;]+/).map((l) => l.trim()).filter(Boolean);
      const r = await api.call('fsma:export', { format, lots: all, ...(from ? { from } : {}), ...(to ? { to } : {}) });
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
            <DateField label="From" value={from} onChange={setFrom} testId="fsma-from" />
            <DateField label="To" value={to} onChange={setTo} testId="fsma-to" />
          </Stack>
          {!datesOk && <Alert severity="warning">Give both dates, the second not before the first, or neither.</Alert>}
          <TextField
            label="Traceability lot codes (optional)"
            value={lots}
            onChange={(e) => setLots(e.target.value)}
            placeholder="ours or the supplier's, separated by commas or spaces"
            slotProps={{ htmlInput: { 'data-testid': 'fsma-lots' } }}
          />
          {p && p.unknown_lots.length > 0 && (
            <Alert severity="warning" data-testid="fsma-unknown">
              No lot on record has the code{p.unknown_lots.length === 1 ? '' : 's'} {p.unknown_lots.join(', ')} (neither ours nor a supplier&apos;s)
              {p.unknown_lots.length === codes.length ? ': nothing to export.' : `; the export leaves ${p.unknown_lots.length === 1 ? 'it' : 'them'} out.`}
            </Alert>
          )}
          <Box data-testid="fsma-preview" aria-live="polite" aria-busy={preview.loading} sx={{ minHeight: 48 }}>
            {!askable ? (
              <Typography variant="body2" color="text.secondary">
                Give a date range and/or lot codes to see what the spreadsheet will hold.
              </Typography>
            ) : preview.loading && !p ? (
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
                <CircularProgress size={18} /> <Typography variant="body2">Counting the events…</Typography>
              </Box>
            ) : (
              <>
                <ErrorAlert error={preview.error} />
                {p && (
                  <Box sx={{ opacity: preview.loading ? 0.5 : 1 }}>
                    <Typography variant="body2">
                      The file <strong data-testid="fsma-file-name">{p.file_stem}.xlsx</strong> (or .csv) will hold:
                    </Typography>
                    <Stack direction="row" spacing={3} sx={{ mt: 0.5 }}>
                      {CTES.map((c) => (
                        <Typography key={c} variant="body2" data-testid={`fsma-count-${c}`}>
                          {c}: <strong>{count(p.rows[c])}</strong> {p.rows[c] === 1 ? 'row' : 'rows'}
                        </Typography>
                      ))}
                    </Stack>
                  </Box>
                )}
              </>
            )}
          </Box>
          <Stack direction="row" spacing={1}>
            <Button variant="contained" disabled={busy || !askable || nothing} onClick={() => void run('xlsx')} data-testid="fsma-xlsx">
              Download XLSX
            </Button>
            <Button variant="outlined" disabled={busy || !askable || nothing} onClick={() => void run('csv')} data-testid="fsma-csv">
              Download CSV
            </Button>
          </Stack>
          <ErrorAlert error={error} />
          {done && (
            <Alert severity="success" data-testid="fsma-done">
              {done.file_name}: {count(done.rows.Receiving)} receiving, {count(done.rows.Transformation)} transformation, {count(done.rows.Shipping)} shipping rows.
            </Alert>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
