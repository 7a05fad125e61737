/**
 * The CLI's --json writer (hosts/cli/json-out.ts) must give exactly what
 * JSON.stringify(value, null, 2) gives, whatever the shape, while writing
 * large arrays in pieces of whole lines.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../electron/engine/demo/random';
import { writeJson } from '../../../../electron/hosts/cli/json-out';

function written(value: unknown, options: { largeArray?: number; pieceChars?: number }): string[] {
  const pieces: string[] = [];
  writeJson(value, (t) => pieces.push(t), options);
  return pieces;
}

/** A random JSON-ish value, with what JSON.stringify treats specially: undefined, functions, dates, line breaks, empty containers. */
function randomValue(rand: () => number, depth: number): unknown {
  const r = rand();
  if (depth <= 0 || r < 0.3) {
    const leaves = [null, 0, -1.5, 1e21, true, false, '', 'a "quoted"\nline\tand \\ slash', 'é ✓', undefined, () => 1, new Date(Date.UTC(2026, 0, 2)), Number.NaN];
    return leaves[Math.floor(rand() * leaves.length)];
  }
  if (r < 0.65) return Array.from({ length: Math.floor(rand() * 6) }, () => randomValue(rand, depth - 1));
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 5); i > 0; i--) object[['id', 'lot', 'lots', '2', 'a b', 'ünï'][Math.floor(rand() * 6)]!] = randomValue(rand, depth - 1);
  return object;
}

describe('writeJson', () => {
  it('writes exactly JSON.stringify(value, null, 2) for random shapes, walking every array longer than 1', () => {
    const rand = mulberry32(5);
    for (let i = 0; i < 500; i++) {
      const value = randomValue(rand, 5);
      const pieces = written(value, { largeArray: 1, pieceChars: 40 });
      const expected = JSON.stringify(value, null, 2) ?? '';
      expect(pieces.join('')).toBe(expected);
      // Every piece but the last ends a line: the CLI's out() adds a line break only where one is missing.
      for (const piece of pieces.slice(0, -1)) expect(piece.endsWith('\n')).toBe(true);
    }
  });

  it('writes a large trace-shaped result in pieces, and a small one in one', () => {
    const lots = Array.from({ length: 5000 }, (_, i) => ({ id: i, item: 'FG', lot: `L${i}`, depth: i % 7, produced_at: null, note: undefined }));
    const result = { root: { item: 'FG', lot: 'L0' }, direction: 'forward', lots, links: [], shipments: lots.map((l) => ({ lot: l.lot, quantity: 1 })) };
    const pieces = written(result, { pieceChars: 64 * 1024 });
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.join('')).toBe(JSON.stringify(result, null, 2));
    expect(JSON.parse(pieces.join(''))).toEqual(JSON.parse(JSON.stringify(result)));
    expect(written({ root: result.root, lots: lots.slice(0, 10) }, {})).toEqual([JSON.stringify({ root: result.root, lots: lots.slice(0, 10) }, null, 2)]);
  });
});
