/**
 * Long jobs (service/jobs.ts): cancel flags, progress events at most ~10 a
 * second with the latest one never lost, and the test-only slow-down
 * LOTTRACE_JOB_STEP_MS added to each pause.
 */
import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../electron/contract/dto/recall';
import type { Emit } from '../../../electron/service/handler-context';
import { cancelJob, jobStepMs, runJob } from '../../../electron/service/jobs';

function recorder(): { emit: Emit; progress: JobProgress[] } {
  const progress: JobProgress[] = [];
  const emit = ((event: string, payload: unknown) => {
    if (event === 'job:progress') progress.push(payload as JobProgress);
  }) as Emit;
  return { emit, progress };
}

describe('jobStepMs', () => {
  it('is 0 unless LOTTRACE_JOB_STEP_MS is a positive number', () => {
    expect(jobStepMs({})).toBe(0);
    expect(jobStepMs({ LOTTRACE_JOB_STEP_MS: '' })).toBe(0);
    expect(jobStepMs({ LOTTRACE_JOB_STEP_MS: 'slow' })).toBe(0);
    expect(jobStepMs({ LOTTRACE_JOB_STEP_MS: '-5' })).toBe(0);
    expect(jobStepMs({ LOTTRACE_JOB_STEP_MS: '250' })).toBe(250);
  });
});

describe('runJob', () => {
  it('waits the step delay at each pause, and stops when cancelled', async () => {
    const { emit } = recorder();
    const started = performance.now();
    let steps = 0;
    const result = await runJob(emit, 'job-a', 'hold', async (handle) => {
      for (let i = 0; i < 10; i++) {
        if (handle.cancelled()) return 'cancelled';
        steps++;
        if (i === 1) expect(cancelJob('job-a')).toBe(true);
        await handle.pause();
      }
      return 'done';
    }, 60);
    expect(result).toBe('cancelled');
    expect(steps).toBe(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    // Over: nothing left to cancel.
    expect(cancelJob('job-a')).toBe(false);
  });

  it('sends a step reported too soon once the job pauses, unless a newer one went first', async () => {
    const { emit, progress } = recorder();
    await runJob(emit, 'job-b', 'hold', async (handle) => {
      handle.progress(0, 3, 'lots looked at');
      handle.progress(1, 3, 'lots looked at'); // too soon: held back
      await new Promise((r) => setTimeout(r, 150));
      handle.progress(2, 3, 'lots looked at'); // too soon after 1 went out: held back, then replaced by the last
      handle.progress(3, 3, 'lots looked at'); // the end always goes out
    }, 0);
    await new Promise((r) => setTimeout(r, 150));
    expect(progress.map((p) => p.done)).toEqual([0, 1, 3]);
  });

  it('without a job id: no events, no delay', async () => {
    const { emit, progress } = recorder();
    const started = performance.now();
    await runJob(emit, undefined, 'report', async (handle) => {
      handle.progress(1, 1, 'pages');
      await handle.pause();
    }, 5000);
    expect(progress).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
