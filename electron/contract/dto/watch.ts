/**
 * Data shapes of watched (hot) folders: a folder's settings as stored in the
 * watch settings file (engine/watch/watch-config.ts validates them), and its
 * state as the app lists it.
 */
import type { ImportProblem } from './import';

export interface WatchedFolder {
  path: string;
  /** "auto" (canonical layouts, detected by header) or the path of a mapping profile JSON file. */
  profile: string;
  after: 'archive' | 'delete';
  poll: boolean;
  stableMs: number;
  /** Paused in the app: kept in the list, not watched (by the app or the CLI). */
  paused: boolean;
}

export type WatchStatus = 'watching' | 'paused' | `error: ${string}`;

export interface RejectedFile {
  name: string;
  size: number;
  rejected_at: string;
  /** The first lines of its `.errors.txt`. */
  errors: string;
  /** Its errors as the import found them (`.errors.json`); null for a file rejected before they were kept (read `errors`). */
  problems: Omit<ImportProblem, 'file'>[] | null;
  /** All its errors (problems lists the first 1,000); null as for problems. */
  error_count: number | null;
  /** Its entry in the import log (the rejected import), when known. */
  import_id: number | null;
}

export interface WatchedFolderState extends WatchedFolder {
  status: WatchStatus;
  rejected: RejectedFile[];
}
