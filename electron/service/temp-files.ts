/**
 * The engine reads and writes files (imports stream and hash them, reports
 * stream to disk) while the contract carries file contents as base64. These
 * two helpers bridge that with a private temp folder that is always removed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

async function inTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'lottrace-'));
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
