/**
 * The importer skips the database look-up for a lot its key filter says was
 * never added, so the filter must never say "no" for a key it holds; a
 * false "maybe" only costs a look-up, and must stay rare.
 */
import { describe, expect, it } from 'vitest';
import { LotKeyFilter } from '../../../../electron/engine/import/lot-key-filter';

describe('LotKeyFilter', () => {
  it('answers "maybe" for every key added, across several growth steps, and rarely for others', () => {
    const filter = new LotKeyFilter();
    expect(filter.mayContain(1, 'A100')).toBe(false);
    const added: [number, string][] = [];
    for (let i = 0; i < 400_000; i++) added.push([1 + (i % 40), `P${String(16004 + (i % 3000)).padStart(5, '0')}-${i}`]);
    for (const [item, code] of added) filter.add(item, code);
    for (const [item, code] of added) if (!filter.mayContain(item, code)) throw new Error(`lost ${item} ${code}`);
    // The same codes under other items, and codes never added.
    let falseMaybe = 0;
    const others = 100_000;
    for (let i = 0; i < others; i++) if (filter.mayContain(41 + (i % 40), `P${String(16004 + (i % 3000)).padStart(5, '0')}-${i}`)) falseMaybe++;
    for (let i = 0; i < others; i++) if (filter.mayContain(1 + (i % 40), `Q-${i}`)) falseMaybe++;
    expect(falseMaybe / (2 * others)).toBeLessThan(0.02);
  });

  it('tells apart codes that differ in one character and the same code under two items', () => {
    const filter = new LotKeyFilter();
    filter.add(7, 'A100');
    expect(filter.mayContain(7, 'A100')).toBe(true);
    expect(filter.mayContain(8, 'A100')).toBe(false);
    expect(filter.mayContain(7, 'A101')).toBe(false);
    expect(filter.mayContain(7, 'a100')).toBe(false);
  });
});
