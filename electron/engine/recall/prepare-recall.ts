/**
 * Works out the newest open recall ahead of its page, when the app is idle
 * after loading its trace copies or after a write: opening that recall (the
 * one people are working on) is then a cache hit instead of seconds on a
 * large plant. A mock recall's reconciliation is worked out too (its page
 * shows it). Nothing when no recall is open.
 */
import type { Engine } from '../engine';
import { mockRecallResult } from './mock-recall';
import { currentRecall } from './recall-pages';

export function prepareNewestOpenRecall(engine: Engine): void {
  const id = engine.db
    .prepare('SELECT r.id FROM recall r WHERE NOT EXISTS (SELECT 1 FROM recall_completion c WHERE c.recall_id = r.id) ORDER BY r.started_at DESC, r.id DESC LIMIT 1')
    .pluck()
    .get() as number | undefined;
  if (id === undefined) return;
  const stored = currentRecall(engine, id);
  if (stored.recall.mock) mockRecallResult(engine, id);
}
