/**
 * Small pure helpers of the lot page's banners and the dashboard, kept out
 * of the components so they are unit-tested without a browser: the status
 * change that put a lot in its current status, and an imported file's name
 * without its folder.
 */
import type { LotStatus, StatusHistoryEntry } from '../../electron/contract/dto';

/** The status change that put the lot in its current status (the latest one into it), if recorded. */
export function currentStatusChange(history: readonly StatusHistoryEntry[], status: LotStatus): StatusHistoryEntry | undefined {
  for (let i = history.length - 1; i >= 0; i--) if (history[i]!.to === status) return history[i];
  return undefined;
}

/** The name of an imported file without its folder (uploads and the demo went through temp folders). */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
