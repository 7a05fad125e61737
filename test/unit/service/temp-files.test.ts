/**
 * The app's temp folders (service/temp-files.ts) are named after its
 * process, so the engine's next start removes the ones a crashed or killed
 * app left mid-report, and never one of an app still running, its own, or
 * a folder of another name.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exitedPid, runningProcess } from '../../fixtures/processes/pids';
import { producedBytes, removeStaleTempDirs } from '../../../electron/service/temp-files';

const root = mkdtempSync(join(tmpdir(), 'lottrace-temp-root-'));
const dead = exitedPid();
const alive = runningProcess();

afterAll(() => {
  alive.kill();
  rmSync(root, { recursive: true, force: true });
});

describe('the app’s temp folders', () => {
  it('are named after the process and removed once used', async () => {
    let used = '';
    const bytes = await producedBytes('report.pdf', async (path) => {
      used = path;
      writeFileSync(path, 'pdf');
    });
    expect(bytes.toString()).toBe('pdf');
    expect(used).toMatch(new RegExp(`lottrace-${process.pid}-[A-Za-z0-9]{6}[\\\\/]report\\.pdf$`));
    expect(existsSync(join(used, '..'))).toBe(false);
  });

  it('left by a process no longer running are removed at the next start; no other folder is', () => {
    const stale = `lottrace-${dead}-Ab12Cd`;
    mkdirSync(join(root, stale));
    writeFileSync(join(root, stale, `lot-trace-A-1.pdf.${dead}.tmp`), 'half a report');
    const kept = [`lottrace-${alive.pid}-Ab12Cd`, `lottrace-${process.pid}-Ab12Cd`, `lottrace-${dead}-short`, 'lottrace-quit-Ab12Cd', `other-${dead}-Ab12Cd`];
    for (const k of kept) mkdirSync(join(root, k));
    expect(removeStaleTempDirs(root)).toEqual([stale]);
    expect(readdirSync(root).sort()).toEqual([...kept].sort());
  });
});
