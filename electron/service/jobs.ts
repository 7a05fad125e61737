/**
 * Long jobs the window started with its own job id (hold-all, a report
 * PDF): their cancel flags, shared by the worker's writer and reader
 * handlers (jobs:cancel is a read call, so it is answered while the job's
 * write runs), and their progress events, at most ~10 a second.
 */
import type { JobProgress } from '../contract/dto/recall';
import type { Emit } from './handler-context';

const running = new Map<string, { cancelled: boolean }>();

export function cancelJob(job: string): boolean {
  const j = running.get(job);
  if (!j) return false;
  j.cancelled = true;
  return true;
}

export interface JobHandle {
  cancelled: () => boolean;
  progress: (done: number, total: number, label: string) => void;
}

/** Runs `work` as job `job` (none: no events, no cancel), its progress sent as 'job:progress' events. */
export async function runJob<T>(emit: Emit, job: string | undefined, kind: JobProgress['kind'], work: (handle: JobHandle) => Promise<T>): Promise<T> {
  if (!job) return work({ cancelled: () => false, progress: () => {} });
  const state = { cancelled: false };
  running.set(job, state);
  let last = 0;
  try {
    return await work({
      cancelled: () => state.cancelled,
      progress: (done, total, label) => {
        const now = Date.now();
        if (done < total && now - last < 100) return;
        last = now;
        emit('job:progress', { job, kind, done, total, label });
      },
    });
  } finally {
    running.delete(job);
  }
}

/** A turn of the event loop: between a job's steps, so reads and jobs:cancel are answered. */
export const nextTurn = (): Promise<void> => new Promise((r) => setImmediate(r));
