// Lot search (the Lots page's query) on an existing database: npm run bench:search -- DB
import { Engine } from '../../electron/engine/engine';
import { searchLots } from '../../electron/engine/domain/lot-search';
// (e.g. the database `npm run bench -- --keep --db FILE` leaves). Median of 3 runs per query.
const db = process.argv[2];
if (!db) throw new Error('usage: npm run bench:search -- DATABASE');
const e = Engine.open(db);
const base = { text: '', status: [] as string[], kind: [] as string[], sort: 'lot' as const, dir: 'asc' as const, offset: 0, limit: 100 };
const cases: [string, Partial<Parameters<typeof searchLots>[1]>][] = [
  ['all, first page', {}],
  ['all, page 5000', { offset: 500_000 }],
  ['text lot prefix', { text: 'R1600' }],
  ['text customer name', { text: 'Kaufmarkt' }],
  ['text item description', { text: 'flour' }],
  ['status on_hold', { status: ['on_hold'] }],
  ['kind finished sort expires', { kind: ['finished'], sort: 'expires_on' }],
  ['expires within 30', { expires_within_days: 30 }],
  ['sort on_hand desc', { sort: 'on_hand', dir: 'desc' }],
];
for (const [name, q] of cases) {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < 3; i++) { const t = performance.now(); total = searchLots(e.db, { ...base, ...q }, 'UTC').total; times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(28)} median ${times[1]!.toFixed(1)} ms  total ${total}`);
}
e.close();
