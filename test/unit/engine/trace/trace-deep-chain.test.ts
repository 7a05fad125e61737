/**
 * A continuously refilled silo makes lots chain into each other thousands
 * deep. A 10,000-lot chain (plus a rework loop closing it into a cycle) must
 * be traced to the end in both directions without overflowing the stack,
 * with every lot at its exact depth, from SQL and from memory.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../../electron/engine/engine';

const DEPTH = 10_000;
let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-chain-'));
  file = join(dir, 'silo.csv');
  const rows = ['batch,produced_at,output_item,output_lot,output_quantity,output_uom,input_item,input_lot,input_quantity,input_uom'];
  rows.push('S0,2026-01-01T00:00:00Z,SILO,L0,100,kg,,,,');
  for (let k = 1; k <= DEPTH; k++) {
    const at = new Date(Date.UTC(2026, 0, 1) + k * 60_000).toISOString();
    rows.push(`S${k},${at},SILO,L${k},100,kg,SILO,L${k - 1},90,kg`);
  }
  // Rework: the last lot fed back into the first one closes a cycle.
  rows.push('S0,2026-01-01T00:00:00Z,SILO,L0,100,kg,SILO,L' + DEPTH + ',1,kg');
  writeFileSync(file, rows.join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each([
  ['SQL genealogy', false],
  ['in-memory genealogy', true],
])('a 10,000-deep silo chain (%s)', (_name, memoryCopies) => {
  it('forward from the head and backward from the tail reach every lot once at its depth', async () => {
    const engine = Engine.open(join(dir, `chain-${memoryCopies}.db`), { memoryCopies });
    try {
      engine.setSetting('timezone', 'UTC');
      const r = await engine.importFile(file);
      expect(r.outcome, JSON.stringify(r.errors.slice(0, 3))).toBe('imported');

      const forward = engine.trace('L0', 'SILO', { direction: 'forward' });
      expect(forward.lots).toHaveLength(DEPTH + 1);
      expect(forward.lots.at(-1)).toMatchObject({ lot: `L${DEPTH}`, depth: DEPTH });
      expect(forward.lots.every((l, i) => l.lot === `L${i}` && l.depth === i)).toBe(true);
      // DEPTH chain links plus the rework link back into L0.
      expect(forward.links).toHaveLength(DEPTH + 1);

      const backward = engine.trace(`L${DEPTH}`, 'SILO', { direction: 'backward' });
      expect(backward.lots).toHaveLength(DEPTH + 1);
      expect(backward.lots.at(-1)).toMatchObject({ lot: 'L0', depth: DEPTH });

      const limited = engine.trace('L0', 'SILO', { direction: 'forward', depth: 2500 });
      expect(limited.lots).toHaveLength(2501);
      expect(limited.lots.at(-1)).toMatchObject({ lot: 'L2500', depth: 2500 });
    } finally {
      engine.close();
    }
  });
});
