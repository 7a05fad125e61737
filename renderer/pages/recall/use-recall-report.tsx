/**
 * The recall report PDF from the top of the recall page, made as a job
 * (components/jobs.tsx): a determinate bar (pages laid out, then written)
 * with Cancel, here and in the app's job indicator, so the user may go
 * elsewhere meanwhile. When done the PDF is previewed and saved from here.
 */
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CallResult } from '../../../electron/contract/contract';
import { api } from '../../api/api';
import { base64Blob, downloadBlob } from '../../components/files';
import { JobProgressBar, startJob, useJobs } from '../../components/jobs';
import { MIME } from './recall-format';

type FileResult = CallResult<'reports:recall'>;

export function useRecallReport(id: number, label: string): { button: ReactNode; panel: ReactNode } {
  const subject = `recall:${id}`;
  const job = useJobs().filter((j) => j.kind === 'report' && j.subject === subject).at(-1);
  const [shown, setShown] = useState(true);
  const file = job?.state === 'done' ? (job.result as FileResult) : undefined;
  const pdf = useMemo(() => {
    if (!file) return undefined;
    const blob = base64Blob(file.content_base64, MIME.pdf);
    return { name: file.file_name, blob, url: URL.createObjectURL(blob) };
  }, [file]);
  useEffect(() => () => {
    if (pdf) URL.revokeObjectURL(pdf.url);
  }, [pdf]);

  const generate = (): void => {
    setShown(true);
    void startJob('report', subject, `${label[0]!.toUpperCase()}${label.slice(1)} (PDF)`, (job) => api.call('reports:recall', { id, job }), (r) => `${r.file_name} ready (${(r.bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB)`).catch(() => {});
  };

  return { button: (
    <Button variant="outlined" onClick={generate} disabled={job?.state === 'running'} data-testid="recall-report-generate">
      {job?.state === 'running' ? 'Generating report…' : pdf ? `Regenerate ${label}` : `Generate ${label}`}
    </Button>
  ), panel: job && (job.state !== 'done' || shown) ? (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="recall-report">
      {job.state !== 'done' ? (
        <JobProgressBar job={job} testId="recall-report-progress" />
      ) : (
        pdf && (
          <Stack spacing={1}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Button variant="contained" onClick={() => downloadBlob(pdf.blob, pdf.name)} data-testid="recall-report-save">
                Save PDF
              </Button>
              <Button onClick={() => setShown(false)}>Hide preview</Button>
              <Typography color="text.secondary">{job.message}</Typography>
            </Stack>
            <Paper variant="outlined" sx={{ height: 560 }}>
              <iframe title={`${label} preview`} src={pdf.url} style={{ width: '100%', height: '100%', border: 0 }} data-testid="recall-report-frame" />
            </Paper>
          </Stack>
        )
      )}
    </Paper>
  ) : null };
}
