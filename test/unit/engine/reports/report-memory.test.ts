/**
 * A long report keeps its memory bounded: PDFKit caches the shaped glyphs of
 * every distinct word for the document's life, and a long report is mostly
 * distinct words (the 100,000-lot plant's silo lot report grew the heap by
 * 2 GB). render.ts empties that cache every few dozen pages; the pages come
 * out the same as with the cache kept (text read back, page count).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../../../electron/engine/reports/render';
import { pdfText } from '../../../fixtures/recall/pdf-text';

const dir = mkdtempSync(join(tmpdir(), 'lottrace-report-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Rows of distinct words (lot codes, orders), as a big trace's tables have. */
const ROWS = Array.from({ length: 12_000 }, (_, i) => [`LOT-${i.toString(36).toUpperCase()}-${(i * 7919) % 100_000}`, `SO-${(i * 104_729) % 1_000_003}`, `${i % 97} kg`]);

/** Renders the rows as one table and reports, after each table, how many words PDFKit's font caches hold. */
async function render(name: string): Promise<{ cached: number; pages: number; path: string }> {
  const path = join(dir, name);
  let cached = 0;
  const result = await renderReport(path, 'Many words', {}, { company: 'Co', site: 'S', timezone: 'UTC', generatedAt: new Date('2026-03-20T15:00:00Z') }, async (l) => {
    await l.table([{ header: 'Lot', width: 2 }, { header: 'Order', width: 2 }, { header: 'Qty', width: 1, align: 'right' }], ROWS);
    const fonts = (l.doc as unknown as { _fontFamilies: Record<string, { layoutCache?: object }> })._fontFamilies;
    cached = Math.max(...Object.values(fonts).map((f) => Object.keys(f.layoutCache ?? {}).length));
  });
  return { cached, pages: result.pages, path };
}

describe('a long report', () => {
  it('holds the shapes of a few dozen pages of words, not of the whole report, and prints every row', async () => {
    const { cached, pages, path } = await render('many-words.pdf');
    expect(pages).toBeGreaterThan(3 * 64);
    // 256 pages of about 47 rows: some 6,000 distinct words per 64 pages, 24,000 in all (what a cache kept for the whole report holds).
    expect(cached).toBeLessThan((2 * ROWS.length) / 3);
    const text = pdfText(path);
    for (const row of [ROWS[0]!, ROWS[6_000]!, ROWS[11_999]!]) expect(text).toContain(row[0]);
    expect(text.match(/LOT-/g)).toHaveLength(ROWS.length);
  }, 120_000);
});
