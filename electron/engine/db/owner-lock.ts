/**
 * One LotTrace app (or browser-mode server) per database file. Two would be
 * two writers whose watch lists, sessions and in-memory copies know nothing
 * of each other: each loses the other's watched-folder edits, and a user
 * signed in on one is unknown to the other. The Electron single-instance
 * lock covers one user on one PC; this lock file beside the database covers
 * two users, two PCs on a network share, and a browser-mode server started
 * twice. (The CLI takes no such lock: its commands are short, and SQLite's
 * own locking keeps their writes whole.)
 *
 * `<db>.owner` holds who has it: pid, host, since when. A lock whose process
 * no longer runs on this host (a crash, a power cut) is taken over; one held
 * from another host cannot be checked, so the message says how to remove it
 * by hand if that program is gone.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { EngineError } from '../errors';

export class DatabaseInUseError extends EngineError {
  readonly code = 'conflict';
}

interface Owner {
  pid: number;
  host: string;
  since: string;
  what: string;
}

export interface OwnerLock {
  readonly path: string;
  release(): void;
}

export function ownerLockPath(dbPath: string): string {
  return `${dbPath}.owner`;
}

function readOwner(path: string): Owner | undefined {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as Partial<Owner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host, since: String(o.since ?? ''), what: String(o.what ?? 'LotTrace') } : undefined;
  } catch {
    return undefined; // cut short while written: nobody can be holding it
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the database for this process (`what`: "the LotTrace app", "browser mode on http://…"); throws DatabaseInUseError when another one has it. */
export function acquireOwnerLock(dbPath: string, what: string): OwnerLock {
  const path = ownerLockPath(dbPath);
  const me: Owner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), what };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(me), { flag: 'wx' });
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          const now = readOwner(path);
          if (now && now.pid === me.pid && now.host === me.host && now.since === me.since) rmSync(path, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = readOwner(path);
    const stale = !holder || (holder.host === me.host && !running(holder.pid));
    if (!stale) {
      const here = holder.host === me.host;
      throw new DatabaseInUseError(
        `${dbPath} is already open in ${holder.what} (process ${holder.pid} on ${holder.host}, since ${holder.since}). ` +
          (here ? 'Use that window, or close it first.' : `Close it there first; if that program is no longer running, delete ${path}.`),
      );
    }
    rmSync(path, { force: true });
  }
  throw new DatabaseInUseError(`${dbPath}: could not take ${path} (another LotTrace is starting at the same moment); try again`);
}
