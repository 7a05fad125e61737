/**
 * The engine reads and writes files (imports stream and hash them, reports
 * stream to disk) while the contract carries file contents as base64. These
 * two helpers bridge that with a private temp folder that is always removed,
 * named after the process (lottrace-<pid>-XXXXXX): one left by an app that
 * crashed or was killed mid-report is removed when the engine next starts
 * (removeStaleTempDirs), so a plant PC's temp folder does not fill with
 * half-written reports.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { removeLeftovers } from '../engine/files/partial-files';

const TEMP_DIR = /^lottrace-(\d+)-[A-Za-z0-9]{6}$/;

async function inTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `lottrace-${process.pid}-`));
  try {
    return await run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes received content under its own (base) name and hands the path to `use`. */
export function withReceivedFile<T>(name: string, contentBase64: string, use: (path: string) => Promise<T>): Promise<T> {
  return inTempDir((dir) => {
    const path = join(dir, basename(name));
    writeFileSync(path, Buffer.from(contentBase64, 'base64'));
    return use(path);
  });
}

/** Lets `write` produce a file and returns its bytes. */
export function producedBytes(fileName: string, write: (path: string) => Promise<unknown>): Promise<Buffer> {
  return inTempDir(async (dir) => {
    const path = join(dir, basename(fileName));
    await write(path);
    return readFileSync(path);
  });
}

/** Removes the temp folders of app processes no longer running (see above); returns their names. */
export function removeStaleTempDirs(root = tmpdir()): string[] {
  return removeLeftovers(root, (name) => {
    const m = TEMP_DIR.exec(name);
    return m ? Number(m[1]) : undefined;
  });
}
