/**
 * Long jobs the window started (hold-all, a report PDF): the engine runs
 * them in its worker and sends 'job:progress' events; this store keeps each
 * job's progress and outcome outside any page, so the user can go to another
 * page and come back while it runs. JobIndicator, in the app frame, shows
 * every job with a determinate bar and Cancel on every page; a page reads
 * the jobs it cares about with useJobs.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useSyncExternalStore } from 'react';
import { api, ApiError } from '../api/api';
import { count } from './format';

export interface Job {
  id: string;
  kind: 'hold' | 'report';
  /** What the job works on, e.g. "recall:12", so a page finds its jobs. */
  subject: string;
  title: string;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  label: string;
  /** Set when the user asked to cancel (the engine stops at its next step). */
  cancelling: boolean;
  /** The outcome in a few words (counts), once done or failed. */
  message: string;
  /** What the call returned; a finished report keeps its file here. */
  result?: unknown;
}

let jobs: readonly Job[] = [];
const listeners = new Set<() => void>();
let listening = false;

function set(id: string, change: Partial<Job>): void {
  jobs = jobs.map((j) => (j.id === id ? { ...j, ...change } : j));
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function listen(): void {
  if (listening) return;
  listening = true;
  api.on('job:progress', (p) => {
    const j = jobs.find((x) => x.id === p.job);
    if (j && j.state === 'running') set(p.job, { done: p.done, total: p.total, label: p.label });
  });
}

/** Every job of this window (running and finished), newest last. */
export function useJobs(): readonly Job[] {
  return useSyncExternalStore(subscribe, () => jobs);
}

/**
 * Starts a job: `run` gets the job id to pass to the call; `describe` turns
 * its result into the few words shown when it ends. Resolves with the result
 * (rejects with the call's error) whatever page is showing meanwhile.
 */
export async function startJob<T>(kind: Job['kind'], subject: string, title: string, run: (job: string) => Promise<T>, describe: (result: T) => string): Promise<T> {
  listen();
  // Not crypto.randomUUID: browser mode may be opened over plain http from another PC (no secure context).
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  jobs = [...jobs.filter((j) => j.state === 'running' || j.subject !== subject || j.kind !== kind), { id, kind, subject, title, state: 'running', done: 0, total: 0, label: 'starting', cancelling: false, message: '' }];
  for (const l of listeners) l();
  try {
    const result = await run(id);
    set(id, { state: 'done', message: describe(result), result });
    return result;
  } catch (e) {
    set(id, { state: 'failed', message: e instanceof ApiError ? e.message : String(e) });
    throw e;
  }
}

export function cancelJob(id: string): void {
  set(id, { cancelling: true });
  void api.call('jobs:cancel', { job: id }).catch(() => {});
}

export function dismissJob(id: string): void {
  jobs = jobs.filter((j) => j.id !== id);
  for (const l of listeners) l();
}

const percent = (j: Job): number => (j.total > 0 ? Math.min(100, (100 * j.done) / j.total) : 0);

/** One job: its title, a determinate bar with what is counted, and Cancel while it runs. */
export function JobProgressBar({ job, testId }: { job: Job; testId?: string }) {
  return (
    <Box data-testid={testId} data-job-state={job.state}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {job.title}
        </Typography>
        {job.state === 'running' ? (
          <Button size="small" color="inherit" onClick={() => cancelJob(job.id)} disabled={job.cancelling} data-testid="job-cancel">
            {job.cancelling ? 'Cancelling…' : 'Cancel'}
          </Button>
        ) : (
          <Button size="small" color="inherit" onClick={() => dismissJob(job.id)} data-testid="job-dismiss">
            Close
          </Button>
        )}
      </Stack>
      {job.state === 'running' ? (
        <>
          <LinearProgress variant="determinate" value={percent(job)} aria-label={`${job.title}: ${Math.round(percent(job))} %`} data-testid="job-bar" />
          <Typography variant="caption" color="text.secondary" data-testid="job-label">
            {Math.round(percent(job))} % · {job.label}
            {job.total > 0 && job.kind === 'hold' ? ` (${count(job.done)} of ${count(job.total)})` : ''}
          </Typography>
        </>
      ) : (
        <Typography variant="caption" color={job.state === 'failed' ? 'error' : 'text.secondary'} data-testid="job-message">
          {job.message}
        </Typography>
      )}
    </Box>
  );
}

/** Every job of the window, bottom right on every page: progress stays in sight while the user works elsewhere. */
export function JobIndicator() {
  const all = useJobs();
  if (all.length === 0) return null;
  return (
    <Paper elevation={6} sx={{ position: 'fixed', right: 16, bottom: 16, width: 340, p: 1.5, zIndex: (t) => t.zIndex.snackbar }} data-testid="job-indicator" aria-live="polite">
      <Stack spacing={1.5}>
        {all.map((j) => (
          <JobProgressBar key={j.id} job={j} />
        ))}
      </Stack>
    </Paper>
  );
}
