/**
 * Imports: pick files or drop them on the page; each is imported through the
 * engine (one transaction per file) and its result shown with every row
 * error and its warnings counted by kind. Below, the import log of the
 * database, refreshed when an import finishes anywhere (a watched folder,
 * another window); a row opens that import's errors and all its warnings.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TablePagination from '@mui/material/TablePagination';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import type { CallResult } from '../../electron/contract/contract';
import { api, ApiError } from '../api/api';
import { useCall } from '../api/use-call';
import { DataTable } from '../components/DataTable';
import { ImportProblemTable } from './ImportProblemTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { toBase64 } from '../components/files';
import { count, displayedRows, when } from '../components/format';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { ImportWarningsDialog, WarningSummaryView } from './ImportWarnings';
import { WatchedFolders } from './WatchedFolders';

type ImportResult = CallResult<'imports:upload'>;


/** Warnings listed on a result card; the rest are a click away (ImportWarningsDialog). */
const WARNINGS_ON_CARD = 10;

function ResultCard({ r, onOpenWarnings }: { r: ImportResult; onOpenWarnings: (importId: number) => void }) {
  const severity = r.outcome === 'rejected' ? 'error' : r.warningCount > 0 ? 'warning' : 'success';
  // A rejected import stored nothing, its warnings included: only the listed ones exist.
  const stored = r.outcome !== 'rejected' && r.importId !== null;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="import-result" data-outcome={r.outcome}>
      <Alert severity={severity}>
        <strong>{r.file}</strong>: {r.outcome.replace('_', ' ')} — {count(r.rows)} rows, {count(r.inserted)} new, {count(r.duplicates)} duplicates, {count(r.errorCount)} errors, {count(r.warningCount)} warnings
        {r.layout ? ` (${r.layout})` : ''}
      </Alert>
      {r.warningCount > 0 && (
        <Stack spacing={1} sx={{ mt: 1 }}>
          <WarningSummaryView summary={r.warningSummary} />
          {r.warningCount > WARNINGS_ON_CARD && (
            <Typography variant="body2" color="text.secondary">
              The first {WARNINGS_ON_CARD} of {count(r.warningCount)} warnings are listed below.{' '}
              {stored && (
                <Button size="small" onClick={() => onOpenWarnings(r.importId!)} data-testid="open-all-warnings">
                  Show all
                </Button>
              )}
            </Typography>
          )}
        </Stack>
      )}
      <ImportProblemTable sx={{ mt: 1 }} testId="import-problems" errors={r.errors} warnings={r.warnings.slice(0, WARNINGS_ON_CARD)} />
    </Paper>
  );
}

/** Rows per page of the import log; the page and its size are in the address (?page=, ?size=). */
const LOG_PAGE_SIZES = [50, 100, 250];

export function ImportsPage() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(0, Math.floor(Number(params.get('page') ?? 0)) || 0);
  const requestedSize = Math.floor(Number(params.get('size') ?? LOG_PAGE_SIZES[0]));
  // Any size from 1 to 1,000 the address asks for is honoured (the call's limit); the menu offers the usual ones.
  const pageSize = requestedSize >= 1 && requestedSize <= 1000 ? requestedSize : LOG_PAGE_SIZES[0]!;
  const log = useCall('imports:list', { limit: pageSize, offset: page * pageSize });
  const total = log.data?.total ?? 0;
  const setPage = (changes: Record<string, string | null>): void => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '0') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  const [results, setResults] = useState<ImportResult[]>([]);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [warningsOf, setWarningsOf] = useState<number>();
  const input = useRef<HTMLInputElement>(null);
  const { reload } = log;

  useEffect(() => api.on('import:finished', () => reload()), [reload]);

  // A page past the end (an old address, a log that shrank) turns to the last page.
  const lastPage = Math.max(0, Math.ceil(total / pageSize) - 1);
  const pastEnd = log.data !== undefined && page > lastPage;
  useEffect(() => {
    if (pastEnd) setPage({ page: String(lastPage) });
  }, [pastEnd, lastPage]);

  const importFiles = async (files: File[]): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      for (const file of files) {
        const r = await api.call('imports:upload', { name: file.name, content_base64: await toBase64(file) });
        setResults((prev) => [r, ...prev]);
      }
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
      reload();
    }
  };

  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h1">
        Imports
      </Typography>
      <Box
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void importFiles([...e.dataTransfer.files]);
        }}
        sx={{ border: '3px dashed', borderColor: dragging ? 'primary.main' : 'grey.400', borderRadius: 2, p: 4, textAlign: 'center', bgcolor: dragging ? 'action.hover' : undefined }}
        data-testid="drop-zone"
      >
        <Typography variant="h6" gutterBottom>
          Drop batch-record files here (CSV, JSON, EPCIS)
        </Typography>
        <Button variant="contained" onClick={() => input.current?.click()} disabled={busy}>
          {busy ? 'Importing…' : 'Choose files…'}
        </Button>
        <Button component={RouterLink} to="/imports/mapping" sx={{ ml: 2 }}>
          Map an ERP/MES export…
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          data-testid="file-input"
          onChange={(e) => {
            void importFiles([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
      </Box>
      <ErrorAlert error={error} />
      <WatchedFolders onOpenImport={setWarningsOf} />
      {results.map((r, n) => (
        <ResultCard key={`${r.sha256}-${n}`} r={r} onOpenWarnings={setWarningsOf} />
      ))}
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="h6" component="h2" gutterBottom>
          Import log
        </Typography>
        <ErrorAlert error={log.error} />
        <DataTable
          testId="import-log"
          rows={log.data?.rows ?? []}
          rowKey={(i) => i.id}
          // A row opens that import's errors and warnings (the file name is the keyboard's way in).
          rowProps={(i) => ({ 'data-file': i.file, hover: true, onClick: () => setWarningsOf(i.id), sx: { cursor: 'pointer' } })}
          columns={[
            {
              key: 'file',
              header: 'File',
              cell: (i) => (
                <Link component="button" variant="body2" underline="hover" sx={{ textAlign: 'left', wordBreak: 'break-all' }} data-testid="open-import" aria-label={`open the import of ${i.file}`}
                  onClick={(e: React.MouseEvent) => {
                    e.stopPropagation();
                    setWarningsOf(i.id);
                  }}
                >
                  {i.file}
                </Link>
              ),
            },
            { key: 'layout', header: 'Layout', cell: (i) => i.layout },
            { key: 'started', header: 'Started', cell: (i) => when(i.started_at) },
            { key: 'outcome', header: 'Outcome', cell: (i) => i.outcome },
            { key: 'rows', header: 'Rows', numeric: true, cell: (i) => count(i.rows) },
            { key: 'inserted', header: 'New', numeric: true, cell: (i) => count(i.inserted) },
            { key: 'duplicates', header: 'Duplicates', numeric: true, cell: (i) => count(i.duplicates) },
            {
              key: 'warnings',
              header: 'Warnings',
              numeric: true,
              cell: (i) =>
                i.warning_count > 0 ? (
                  <Button size="small" onClick={(e) => { e.stopPropagation(); setWarningsOf(i.id); }} data-testid="open-warnings" aria-label={`warnings of ${i.file}`}>
                    {count(i.warning_count)}
                  </Button>
                ) : (
                  0
                ),
            },
            { key: 'errors', header: 'Errors', numeric: true, cell: (i) => count(i.errors.length) },
          ]}
        />
        <TablePagination
          labelDisplayedRows={displayedRows}
          component="div"
          count={total}
          page={Math.min(page, lastPage)}
          rowsPerPage={pageSize}
          rowsPerPageOptions={LOG_PAGE_SIZES.includes(pageSize) ? LOG_PAGE_SIZES : [...LOG_PAGE_SIZES, pageSize].sort((a, b) => a - b)}
          onPageChange={(_, p) => setPage({ page: String(p) })}
          onRowsPerPageChange={(e) => setPage({ size: e.target.value, page: null })}
          data-testid="import-log-pagination"
        />
      </Paper>
      {warningsOf !== undefined && <ImportWarningsDialog importId={warningsOf} onClose={() => setWarningsOf(undefined)} />}
    </Stack>
  );
}
