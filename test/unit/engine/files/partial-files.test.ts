/**
 * Partial files left by a process that died with no handler run (out of
 * memory, killed, power lost): the next write of the same file removes them,
 * and only them. A running process's partial file, our own, another file's,
 * another kind (a backup's .partial beside a report's .tmp) and unrelated
 * names stay.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exitedPid, runningProcess } from '../../../fixtures/processes/pids';
import { partialFile, processRunning, releasePartialFile, removeStalePartials } from '../../../../electron/engine/files/partial-files';

const dir = mkdtempSync(join(tmpdir(), 'lottrace-partials-'));
const dead = exitedPid();
const alive = runningProcess();

afterAll(() => {
  alive.kill();
  rmSync(dir, { recursive: true, force: true });
});

function files(names: string[]): void {
  for (const n of names) writeFileSync(join(dir, n), n);
}

describe('partial files of processes no longer running', () => {
  it('tells a running process from one that has ended', () => {
    expect(processRunning(process.pid)).toBe(true);
    expect(processRunning(alive.pid)).toBe(true);
    expect(processRunning(dead)).toBe(false);
  });

  it('are removed by the next write of the same file; nothing else is', () => {
    const kept = [
      `report.pdf.${alive.pid}.tmp`, // another lottrace writing the same file now
      `report.pdf.${process.pid}.tmp`, // ours
      `other.pdf.${dead}.tmp`, // another file's
      `report.pdf.${dead}.partial`, // another kind of partial file
      'report.pdf.notes',
      `report.pdf.${dead}.tmp.bak`,
      'report.pdf',
    ];
    files([`report.pdf.${dead}.tmp`, ...kept]);
    const partial = partialFile(join(dir, 'report.pdf'));
    releasePartialFile(partial);
    expect(partial).toBe(join(dir, `report.pdf.${process.pid}.tmp`));
    expect(readdirSync(dir).sort()).toEqual([...kept].sort());
  });

  it('take a partial backup’s SQLite side files with them', () => {
    files([`plant.db.${dead}.partial`, `plant.db.${dead}.partial-wal`, `plant.db.${dead}.partial-shm`, `plant.db.${alive.pid}.partial-wal`]);
    expect(removeStalePartials(join(dir, 'plant.db'), 'partial').sort()).toEqual([`plant.db.${dead}.partial`, `plant.db.${dead}.partial-shm`, `plant.db.${dead}.partial-wal`]);
    expect(readdirSync(dir).filter((n) => n.startsWith('plant.db'))).toEqual([`plant.db.${alive.pid}.partial-wal`]);
  });

  it('a folder that does not exist has nothing to tidy', () => {
    expect(removeStalePartials(join(dir, 'missing', 'report.pdf'))).toEqual([]);
  });
});
