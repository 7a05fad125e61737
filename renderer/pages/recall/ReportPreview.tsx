/**
 * A report PDF generated on demand, previewed inside the page (an iframe of
 * a blob URL — the app may not open windows) and saved as a download. The
 * blob URL is revoked when a new report replaces it or the page closes.
 */
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { CallResult } from '../../../electron/contract/contract';
import { ApiError } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { base64Blob, downloadBlob } from '../../components/files';
import { MIME } from './recall-format';

type FileResult = CallResult<'reports:recall'>;

export function ReportPreview({ label, make, testId }: { label: string; make: () => Promise<FileResult>; testId: string }) {
  const [file, setFile] = useState<{ name: string; blob: Blob; url: string }>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  useEffect(() => () => {
    if (file) URL.revokeObjectURL(file.url);
  }, [file]);

  const generate = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await make();
      const blob = base64Blob(r.content_base64, MIME.pdf);
      setFile({ name: r.file_name, blob, url: URL.createObjectURL(blob) });
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={1} data-testid={testId}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Button variant="contained" onClick={() => void generate()} disabled={busy} data-testid={`${testId}-generate`}>
          {busy ? 'Generating…' : file ? `Regenerate ${label}` : `Generate ${label}`}
        </Button>
        {file && (
          <Button variant="outlined" onClick={() => downloadBlob(file.blob, file.name)} data-testid={`${testId}-save`}>
            Save PDF
          </Button>
        )}
        {file && <Typography color="text.secondary">{file.name}</Typography>}
      </Stack>
      <ErrorAlert error={error} />
      {file && (
        <Paper variant="outlined" sx={{ height: 720 }}>
          <iframe title={`${label} preview`} src={file.url} style={{ width: '100%', height: '100%', border: 0 }} data-testid={`${testId}-frame`} />
        </Paper>
      )}
    </Stack>
  );
}
