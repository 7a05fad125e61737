/**
 * The calls that can read for seconds on a large plant: inventory and
 * supplier reports over a million lots (the inventory dashboard took 27 s at
 * 1M lots), and a warnings CSV of hundreds of thousands of rows. The engine
 * client sends them to a second read-only engine on its own thread
 * (long-read-worker.ts), so while one runs the engine worker keeps answering
 * the window's other reads: app:info, a lot page, a trace. Only pure reads
 * belong here: the long-read thread has no writer, no signed-in session and
 * no in-memory trace copies.
 */
import type { CallName } from '../contract/contract';

export const LONG_READ_CALLS: ReadonlySet<CallName> = new Set<CallName>([
  'inventory:onHand',
  'inventory:expiring',
  'inventory:fefo',
  'inventory:fefoCompliance',
  'inventory:turnover',
  'inventory:dashboard',
  'suppliers:quality',
  'suppliers:leadTimes',
  'customers:lots',
  'customers:lotLines',
  'imports:warningsCsv',
  'inventory:statusTrend',
  'suppliers:qualityTrend',
  'fsma:preview',
  // The recalls list: a plain read of stored counts. On the engine thread it waited
  // behind the background preparation of a 139,000-lot recall (14 s at 1M lots).
  'recall:list',
]);

export function isLongRead(name: string): boolean {
  return LONG_READ_CALLS.has(name as CallName);
}
