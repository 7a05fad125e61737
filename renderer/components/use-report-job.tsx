/**
 * A report PDF made as a job (components/jobs.tsx): the recall report from
 * the recall page, the lot traceability report from the lot page. While it
 * runs, a determinate bar (pages laid out, then written) with Cancel, here
 * and in the app's job indicator, and the rest of the page stays usable, so
 * the user may also go elsewhere meanwhile. A cancelled report leaves no
 * file and issues nothing; its panel says so until closed. When done the PDF
 * is previewed and saved from the panel, or (`saveWhenDone`) saved at once,
 * whatever page is showing, with Save PDF to save it again.
 */
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { FileResult } from '../../electron/contract/recall-calls';
import { base64Blob, downloadBlob } from './files';
import { JobProgressBar, startJob, useJobs } from './jobs';

const PDF = 'application/pdf';

export interface ReportJob {
  /** What the report is of, e.g. "recall:12" or "lot:FLOUR/A100": the page finds its job by it. */
  subject: string;
  /** The job's title in the bar, e.g. "Recall report (PDF)". */
  title: string;
  /** Makes the report with the job id (the call's `job`). */
  make: (job: string) => Promise<FileResult>;
  /** Test ids: `<testId>` the panel, `-progress` its bar, `-save`, `-frame` the preview; the button's own. */
  testId: string;
  buttonTestId: string;
  /** The button's text, and once a report was made (when it differs). */
  buttonText: string;
  againText?: string;
  /** Saves the PDF as soon as it is made (no preview). */
  saveWhenDone?: boolean;
}

const save = (file: FileResult): void => downloadBlob(base64Blob(file.content_base64, PDF), file.file_name);

export function useReportJob({ subject, title, make, testId, buttonTestId, buttonText, againText, saveWhenDone = false }: ReportJob): { button: ReactNode; panel: ReactNode } {
  const job = useJobs().filter((j) => j.kind === 'report' && j.subject === subject).at(-1);
  const [shown, setShown] = useState(true);
  const file = job?.state === 'done' ? (job.result as FileResult) : undefined;
  // The preview's blob and URL, made once per file (not when the file was saved at once: no preview).
  const pdf = useMemo(() => {
    if (!file || saveWhenDone) return undefined;
    const blob = base64Blob(file.content_base64, PDF);
    return { blob, url: URL.createObjectURL(blob) };
  }, [file, saveWhenDone]);
  useEffect(() => () => {
    if (pdf) URL.revokeObjectURL(pdf.url);
  }, [pdf]);

  const generate = (): void => {
    setShown(true);
    void startJob('report', subject, title, make, (r) => `${r.file_name} ${saveWhenDone ? 'saved' : 'ready'} (${(r.bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB)`).then(
      (r) => {
        if (saveWhenDone) save(r);
      },
      () => {},
    );
  };

  return { button: (
    <Button variant="outlined" onClick={generate} disabled={job?.state === 'running'} data-testid={buttonTestId}>
      {job?.state === 'running' ? 'Generating report…' : file && againText ? againText : buttonText}
    </Button>
  ), panel: job && (job.state !== 'done' || shown) ? (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid={testId}>
      {job.state !== 'done' ? (
        <JobProgressBar job={job} testId={`${testId}-progress`} />
      ) : (
        file && (
          <Stack spacing={1}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Button variant="contained" onClick={() => (pdf ? downloadBlob(pdf.blob, file.file_name) : save(file))} data-testid={`${testId}-save`}>
                {saveWhenDone ? 'Save PDF again' : 'Save PDF'}
              </Button>
              <Button onClick={() => setShown(false)} data-testid={`${testId}-hide`}>
                {pdf ? 'Hide preview' : 'Close'}
              </Button>
              <Typography color="text.secondary">{job.message}</Typography>
            </Stack>
            {pdf && (
              <Paper variant="outlined" sx={{ height: 560 }}>
                <iframe title={`${title} preview`} src={pdf.url} style={{ width: '100%', height: '100%', border: 0 }} data-testid={`${testId}-frame`} />
              </Paper>
            )}
          </Stack>
        )
      )}
    </Paper>
  ) : null };
}
