/**
 * Long jobs the window started with its own job id (hold-all, a report
 * PDF): their cancel flags, shared by the worker's writer and reader
 * handlers (jobs:cancel is a read call, so it is answered while the job's
 * write runs), and their progress events, at most ~10 a second (the latest
 * one is sent when the job pauses, so the bar never lags a step behind).
 *
 * LOTTRACE_JOB_STEP_MS (tests only): milliseconds added to every pause of a
 * job started with a job id (each hold batch, each report page break), so
 * an end-to-end test can cancel a job that the small plants finish too
 * quickly. 0, no delay, by default; never set in use.
 */
import type { JobProgress } from '../contract/dto/recall';
import type { Emit } from './handler-context';

const running = new Map<string, { cancelled: boolean }>();

/** The test-only slow-down of each job step (see above); 0 unless LOTTRACE_JOB_STEP_MS is a positive number. */
export function jobStepMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.LOTTRACE_JOB_STEP_MS ?? 0);
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, 60_000) : 0;
}
const STEP_MS = jobStepMs();

export function cancelJob(job: string): boolean {
  const j = running.get(job);
  if (!j) return false;
  j.cancelled = true;
  return true;
}

/**
 * Cancels every job running, as if each one's Cancel were pressed: the app
 * is quitting. A report stops at its next page break and removes its
 * partial file; a hold-all stops after the batch in progress, the lots held
 * so far staying held and on record. Otherwise closing the database would
 * wait for them (a silo lot's report runs for minutes at plant scale) until
 * the quit gave up and stopped the thread mid-write.
 */
export function cancelAllJobs(): number {
  for (const j of running.values()) j.cancelled = true;
  return running.size;
}

export interface JobHandle {
  cancelled: () => boolean;
  progress: (done: number, total: number, label: string) => void;
  /** Awaited between the job's steps: a turn of the event loop (plus LOTTRACE_JOB_STEP_MS in tests). */
  pause: () => Promise<void>;
}

/** Runs `work` as job `job` (none: no events, no cancel), its progress sent as 'job:progress' events. */
export async function runJob<T>(emit: Emit, job: string | undefined, kind: JobProgress['kind'], work: (handle: JobHandle) => Promise<T>, stepMs = STEP_MS): Promise<T> {
  if (!job) return work({ cancelled: () => false, progress: () => {}, pause: nextTurn });
  const state = { cancelled: false };
  running.set(job, state);
  let last = 0;
  // A step reported too soon after the last one waits, and goes out unless a newer one went first.
  let pending: JobProgress | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const send = (p: JobProgress): void => {
    last = Date.now();
    pending = undefined;
    if (timer) clearTimeout(timer);
    timer = undefined;
    emit('job:progress', p);
  };
  try {
    return await work({
      cancelled: () => state.cancelled,
      progress: (done, total, label) => {
        const p: JobProgress = { job, kind, done, total, label };
        const since = Date.now() - last;
        if (done < total && since < 100) {
          pending = p;
          timer ??= setTimeout(() => {
            timer = undefined;
            if (pending) send(pending);
          }, 100 - since);
          return;
        }
        send(p);
      },
      pause: stepMs > 0 ? () => new Promise((r) => setTimeout(r, stepMs)) : nextTurn,
    });
  } finally {
    if (timer) clearTimeout(timer);
    running.delete(job);
  }
}

/** A turn of the event loop: between a job's steps, so reads and jobs:cancel are answered. */
export const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));
