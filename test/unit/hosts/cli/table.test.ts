/** The CLI's plain-text tables (hosts/cli/table.ts). */
import { describe, expect, it } from 'vitest';
import { formatTable } from '../../../../electron/hosts/cli/table';

describe('formatTable', () => {
  it('pads text left and numbers right to the widest cell, headers and a rule first', () => {
    expect(formatTable(['lot', 'qty'], [['A1', 5], ['LONGER', 12.5], ['B', null]]).split('\n')).toEqual([
      'lot      qty',
      '------  ----',
      'A1         5',
      'LONGER  12.5',
      'B',
    ]);
  });

  it("lists a silo lot's 400,000 rows (as many arguments as rows once threw 'Maximum call stack size exceeded')", () => {
    const rows = Array.from({ length: 400_000 }, (_, i) => [`L${i}`, i]);
    const lines = formatTable(['lot', 'n'], rows).split('\n');
    expect(lines).toHaveLength(400_002);
    expect(lines[1]).toBe('-------  ------');
    expect(lines.at(-1)).toBe('L399999  399999');
  });
});
