/**
 * One import opened from the import log, a result card or a watched
 * folder's rejected file: its outcome and counts, its row errors, then the
 * count of its warnings per kind (a chip each, which also filters the list), the most
 * over-used lots, and every warning a page at a time, with a download of
 * them all as CSV. A messy ERP export gives hundreds of thousands of
 * warnings: the page never loads more than one page of them.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TablePagination from '@mui/material/TablePagination';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ImportWarningKind } from '../../electron/shared/import-warning-kinds';
import type { OverUsedLot, WarningSummary } from '../../electron/contract/dto/import';
import { api, ApiError } from '../api/api';
import { useCall } from '../api/use-call';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { base64Blob, downloadBlob } from '../components/files';
import { count, displayedRows, qty, when } from '../components/format';
import { ImportProblemTable } from './ImportProblemTable';


function overShare(w: OverUsedLot): string {
  return w.held > 0 ? `${count(Math.round((w.excess / w.held) * 100))} % over` : 'nothing held';
}

/** Counts per kind as chips (click to list only that kind) and the worst lots; also used on a result card. */
export function WarningSummaryView({ summary, kind, onKind }: { summary: WarningSummary; kind?: ImportWarningKind | undefined; onKind?: (k: ImportWarningKind | undefined) => void }) {
  return (
    <Stack spacing={1} data-testid="warning-summary">
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {summary.kinds.map((k) => (
          <Chip
            key={k.kind}
            label={`${count(k.count)} ${k.label}`}
            color={kind === k.kind ? 'primary' : 'warning'}
            variant={kind === k.kind ? 'filled' : 'outlined'}
            data-testid={`warning-kind-${k.kind}`}
            {...(onKind ? { onClick: () => onKind(kind === k.kind ? undefined : k.kind) } : {})}
          />
        ))}
      </Stack>
      {summary.worst_lots.length > 0 && (
        <DataTable
          testId="worst-lots"
          caption="Most over-used lots (consumed or shipped beyond what they held)"
          rows={summary.worst_lots}
          rowKey={(w) => `${w.item}/${w.lot}`}
          columns={[
            { key: 'item', header: 'Item', cell: (w) => w.item, code: true },
            { key: 'lot', header: 'Lot', cell: (w) => w.lot },
            { key: 'excess', header: 'Over by', numeric: true, cell: (w) => qty(w.excess, w.uom) },
            { key: 'held', header: 'Held', numeric: true, cell: (w) => qty(w.held, w.uom) },
            { key: 'share', header: 'Share', numeric: true, cell: overShare },
            { key: 'line', header: 'Line', numeric: true, cell: (w) => w.line ?? '' },
          ]}
        />
      )}
    </Stack>
  );
}

export function ImportWarningsDialog({ importId, onClose }: { importId: number; onClose: () => void }) {
  const [kind, setKind] = useState<ImportWarningKind>();
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(100);
  const [downloadError, setDownloadError] = useState<ApiError>();
  const list = useCall('imports:warnings', { import_id: importId, limit: pageSize, offset: page * pageSize, ...(kind ? { kind } : {}) });
  const data = list.data;

  const download = async (): Promise<void> => {
    setDownloadError(undefined);
    try {
      const file = await api.call('imports:warningsCsv', { import_id: importId });
      downloadBlob(base64Blob(file.content_base64, 'text/csv;charset=utf-8'), file.file_name);
    } catch (e) {
      setDownloadError(e as ApiError);
    }
  };

  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth data-testid="import-warnings">
      <DialogTitle>
        Import of {data?.file ?? `import ${importId}`}
        {data && (
          <Typography color="text.secondary" data-testid="import-details-summary">
            {data.outcome === 'rejected'
              ? `Rejected ${when(data.started_at)}: nothing from it was stored — ${count(data.errors.length)} error${data.errors.length === 1 ? '' : 's'}`
              : `Imported ${when(data.started_at)}: ${count(data.rows)} rows, ${count(data.inserted)} new, ${count(data.duplicates)} duplicates — ${count(data.summary.total)} warning${data.summary.total === 1 ? '' : 's'}, each a figure to check`}
          </Typography>
        )}
      </DialogTitle>
      <DialogContent dividers>
        <ErrorAlert error={list.error ?? downloadError} />
        {data && data.errors.length > 0 && (
          <Stack spacing={1} sx={{ mb: 2 }}>
            <Typography variant="subtitle2" component="h3">
              Errors
            </Typography>
            <ImportProblemTable testId="import-error-list" errors={data.errors} />
          </Stack>
        )}
        {data && data.summary.total === 0 && data.outcome === 'imported' && <Alert severity="success">No warnings.</Alert>}
        {data && data.summary.total > 0 && (
          <Stack spacing={2}>
            <WarningSummaryView
              summary={data.summary}
              kind={kind}
              onKind={(k) => {
                setKind(k);
                setPage(0);
              }}
            />
            <DataTable
              testId="import-warning-list"
              rows={data.warnings}
              rowKey={(w) => w.seq}
              columns={[
                { key: 'line', header: 'Line', numeric: true, cell: (w) => w.line ?? '' },
                { key: 'column', header: 'Column', cell: (w) => w.column },
                { key: 'message', header: 'Warning', cell: (w) => w.message },
                { key: 'value', header: 'Value', cell: (w) => w.value ?? '' },
              ]}
            />
            <TablePagination
              labelDisplayedRows={displayedRows}
              component="div"
              count={data.matching}
              page={page}
              rowsPerPage={pageSize}
              rowsPerPageOptions={[100, 250, 1000]}
              onPageChange={(_, p) => setPage(p)}
              onRowsPerPageChange={(e) => {
                setPageSize(Number(e.target.value));
                setPage(0);
              }}
            />
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => void download()} disabled={!data || data.summary.total === 0} data-testid="import-warnings-csv">
          Download all as CSV
        </Button>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
