/**
 * Works out the newest open recall ahead of its page, when the app is idle
 * after loading its trace copies or after a write: opening that recall (the
 * one people are working on) is then a cache hit instead of seconds on a
 * large plant. A mock recall's reconciliation is worked out too (its page
 * shows it). Nothing when no recall is open.
 */
import type { Engine } from '../engine';
import { mockRecallResult } from './mock-recall';
import { currentRecall, isRecallKept } from './recall-pages';

/**
 * One step of that work, each a few seconds at most on a large plant so a
 * call of the window waits for one step, not for all: the recall first,
 * then (a mock recall) its reconciliation. True while a step remains.
 */
export function prepareNewestOpenRecallStep(engine: Engine): boolean {
  const id = engine.db
    .prepare('SELECT r.id FROM recall r WHERE NOT EXISTS (SELECT 1 FROM recall_completion c WHERE c.recall_id = r.id) ORDER BY r.started_at DESC, r.id DESC LIMIT 1')
    .pluck()
    .get() as number | undefined;
  if (id === undefined) return false;
  if (!isRecallKept(engine, id)) return currentRecall(engine, id).recall.mock;
  if (currentRecall(engine, id).recall.mock) mockRecallResult(engine, id);
  return false;
}
