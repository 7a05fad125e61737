/**
 * Watched folders on the Imports page: live status of each (watching /
 * paused / error), add, pause, resume, remove, and the files each one set
 * aside in rejected/ with their errors in the same table as a dropped
 * file's (the text report for files rejected before rows were kept), a
 * Retry button for after the file was fixed, and the import-log entry. The folder comes from the desktop
 * app's folder dialog, or is typed in browser mode (FolderField).
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { CallResult } from '../../electron/contract/contract';
import { api, ApiError } from '../api/api';
import { useCall } from '../api/use-call';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { FolderField } from '../components/FolderField';
import { count, when } from '../components/format';
import { ImportProblemTable } from './ImportProblemTable';

type Folder = CallResult<'watch:list'>[number];

/** Error rows shown under a rejected file; the rest open with the import. */
const REJECTED_ROWS_SHOWN = 10;

function StatusChip({ status }: { status: string }) {
  const color = status === 'watching' ? 'success' : status === 'paused' ? 'default' : 'error';
  return <Chip label={status} color={color} size="small" data-testid="watch-status" />;
}

/** `onOpenImport` opens a rejected file's entry of the import log (its errors in full). */
export function WatchedFolders({ onOpenImport }: { onOpenImport?: (importId: number) => void } = {}) {
  const list = useCall('watch:list', {});
  const [folders, setFolders] = useState<Folder[]>([]);
  const [path, setPath] = useState('');
  const [poll, setPoll] = useState(false);
  const [error, setError] = useState<ApiError>();
  const { reload } = list;

  useEffect(() => {
    if (list.data) setFolders(list.data);
  }, [list.data]);
  // Status changes (a folder disappearing, a file rejected) without an event of their own: refresh every few seconds.
  useEffect(() => {
    const t = setInterval(reload, 3000);
    const off = api.on('import:finished', () => reload());
    return () => {
      clearInterval(t);
      off();
    };
  }, [reload]);

  const act = async (run: () => Promise<unknown>): Promise<void> => {
    try {
      setError(undefined);
      await run();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      reload();
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="watched-folders">
      <Typography variant="h6" component="h2" gutterBottom>
        Watched folders
      </Typography>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        Every file dropped into a watched folder is imported once: then moved to archive/DATE/, or to rejected/ with an .errors.txt listing every error.
      </Typography>
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', my: 1 }}>
        <FolderField label="Folder path" value={path} onChange={setPath} onError={setError} testId="watch-path" />
        <FormControlLabel control={<Checkbox checked={poll} onChange={(e) => setPoll(e.target.checked)} />} label="Network share (poll)" />
        <Button
          variant="contained"
          disabled={path.trim() === ''}
          onClick={() =>
            void act(async () => {
              await api.call('watch:add', { path: path.trim(), poll });
              setPath('');
            })
          }
        >
          Watch folder
        </Button>
      </Stack>
      <ErrorAlert error={error ?? list.error} />
      {folders.length === 0 ? (
        <Typography>No folder is watched yet.</Typography>
      ) : (
        <DataTable
          rows={folders}
          rowKey={(f) => f.path}
          rowProps={(f) => ({ 'data-folder': f.path })}
          columns={[
            {
              key: 'folder',
              header: 'Folder',
              cell: (f) => (
                <>
                  <span style={{ wordBreak: 'break-all' }}>{f.path}</span>
                  {f.rejected.map((r) => (
                    <Alert
                      key={r.name}
                      severity="error"
                      sx={{ mt: 1, '& .MuiAlert-message': { flex: 1, minWidth: 0 } }}
                      data-testid="rejected-file"
                      action={
                        <Stack spacing={0.5}>
                          <Button sx={{ whiteSpace: 'nowrap', flexShrink: 0 }} onClick={() => void act(() => api.call('watch:retry', { path: f.path, name: r.name }))}>
                            Retry
                          </Button>
                          {r.import_id !== null && onOpenImport && (
                            <Button sx={{ whiteSpace: 'nowrap', flexShrink: 0 }} onClick={() => onOpenImport(r.import_id!)} data-testid="rejected-open-import">
                              Open import
                            </Button>
                          )}
                        </Stack>
                      }
                    >
                      <strong>{r.name}</strong> rejected {when(r.rejected_at)}
                      {r.error_count !== null ? ` — ${count(r.error_count)} error${r.error_count === 1 ? '' : 's'}, nothing stored` : ''}
                      {r.problems !== null ? (
                        <ImportProblemTable sx={{ mt: 1, bgcolor: 'background.paper' }} testId="rejected-problems" errors={r.problems.slice(0, REJECTED_ROWS_SHOWN)} />
                      ) : (
                        // Rejected before the errors were kept as rows: the text report is all there is.
                        <pre style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0', fontSize: '0.85rem' }}>{r.errors}</pre>
                      )}
                      {r.problems !== null && r.problems.length > REJECTED_ROWS_SHOWN && (
                        <Typography variant="body2" sx={{ mt: 0.5 }}>
                          The first {REJECTED_ROWS_SHOWN} are shown; Open import lists them all.
                        </Typography>
                      )}
                    </Alert>
                  ))}
                </>
              ),
            },
            { key: 'status', header: 'Status', cell: (f) => <StatusChip status={f.status} /> },
            { key: 'profile', header: 'Profile', cell: (f) => f.profile },
            { key: 'after', header: 'After import', cell: (f) => f.after },
            {
              key: 'actions',
              header: null,
              cellProps: () => ({ sx: { whiteSpace: 'nowrap' } }),
              cell: (f) => (
                <>
                  <Button onClick={() => void act(() => api.call('watch:setPaused', { path: f.path, paused: f.status !== 'paused' }))}>{f.status === 'paused' ? 'Resume' : 'Pause'}</Button>
                  <Button color="warning" onClick={() => void act(() => api.call('watch:remove', { path: f.path }))}>
                    Stop watching
                  </Button>
                </>
              ),
            },
          ]}
        />
      )}
    </Paper>
  );
}
