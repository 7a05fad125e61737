/**
 * PDFs stay valid with any text (issue 19 item 10): control characters,
 * bidi overrides, zero-width characters, lone surrogates and a word of
 * 10,000 characters in every place a report prints text (header, title,
 * key/value block, paragraph, table, tree, signature block). The PDF is
 * produced and read back by pdftotext without a complaint; invisible
 * characters are shown as [U+XXXX]; nothing is printed outside the page's
 * margins.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../../../electron/engine/reports/render';
import { breakLongWords, printable } from '../../../../electron/engine/reports/text-safety';
import { pdfText } from '../../../fixtures/recall/pdf-text';

const NASTY = 'A\u0000B\u0007C\u001bD\u007fE\u0085F\u202eREVERSED\u202c G\u2066x\u2069 H\u200bI\u200dJ\ufeffK \ud800 L \udc00 M\tN\r\nO';
const SHOWN = 'A[U+0000]B[U+0007]C[U+001B]D[U+007F]E[U+0085]F[U+202E]REVERSED[U+202C] G[U+2066]x[U+2069] H[U+200B]I[U+200D]J[U+FEFF]K \uFFFD L \uFFFD M N\nO';
const LONG = 'X'.repeat(10_000);

describe('printable', () => {
  it('shows invisible and reordering characters as code points, replaces lone surrogates, keeps ordinary text and pairs', () => {
    expect(printable(NASTY)).toBe(SHOWN);
    expect(printable('Bäckerei Łódź — 😀 שלום')).toBe('Bäckerei Łódź — 😀 שלום');
  });
  it('gives words longer than any identifier break opportunities, leaves identifiers as they are', () => {
    expect(breakLongWords('L'.repeat(250))).toBe('L'.repeat(250));
    expect(breakLongWords(`a ${'L'.repeat(251)} b`)).toBe(`a ${'L'.repeat(100)}\u200B${'L'.repeat(100)}\u200B${'L'.repeat(51)} b`);
  });
});

let dir: string;
let path: string;
let stderr: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-pdf-text-'));
  path = join(dir, 'nasty.pdf');
  await renderReport(path, `Title ${NASTY}`, {}, { company: `Co ${NASTY}`, site: `S${LONG}`, timezone: 'UTC', generatedAt: new Date('2026-03-20T15:00:00Z') }, async (l) => {
    await l.title(`Lot ${NASTY}`, LONG);
    await l.keyValues([['Reason', NASTY], ['Long', LONG], [`Key ${NASTY}`, `ab ${LONG}`]]);
    await l.paragraph(NASTY);
    await l.table([{ header: 'Lot', width: 1 }, { header: 'Party', width: 2 }, { header: 'Qty', width: 1, align: 'right' }], [[NASTY, LONG, '1'], [LONG, NASTY, '2'], ['a', 'b', LONG]]);
    await l.tree([{ depth: 0, text: NASTY }, { depth: 3, text: LONG }]);
    await l.signatureBlock(['Reviewed', NASTY], [{ printed_name: LONG, user: NASTY, meaning: NASTY, at: 'now', valid: true }]);
  });
  stderr = spawnSync('pdftotext', [path, '/dev/null'], { encoding: 'utf8' }).stderr;
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a report full of hostile text', () => {
  it('is produced and read back without a complaint', () => {
    expect(stderr).toBe('');
    expect(spawnSync('pdfinfo', [path], { encoding: 'utf8' }).stderr).toBe('');
  });

  it('shows the invisible characters and no raw bidi, control or zero-width character', () => {
    const text = pdfText(path);
    for (const shown of ['[U+0000]', '[U+0007]', '[U+001B]', '[U+0085]', '[U+202E]', '[U+202C]', '[U+2066]', '[U+2069]', '[U+200B]', '[U+200D]', '[U+FEFF]', 'REVERSED', '\uFFFD']) {
      expect(text, shown).toContain(shown);
    }
    // The only raw U+200B are the break opportunities put into the 10,000-character word.
    // eslint-disable-next-line no-control-regex -- asserting their absence
    expect(text.replace(/[\n\f]/g, '').replace(/X\u200BX/g, 'XX')).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/);
    // Single-line header text is cut with an ellipsis, on every page.
    expect(text).toMatch(/^Site SX+…$/m);
  });

  it('prints nothing outside the page margins (long words wrap inside their column)', () => {
    const r = spawnSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.status).toBe(0);
    const pages = [...r.stdout.matchAll(/<page width="([\d.]+)" height="([\d.]+)">/g)].map((m) => ({ w: Number(m[1]), h: Number(m[2]) }));
    expect(pages.length).toBeGreaterThan(1);
    const words = [...r.stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">/g)].map((m) => m.slice(1, 5).map(Number));
    expect(words.length).toBeGreaterThan(100);
    const { w, h } = pages[0]!;
    const outside = words.filter(([x0, y0, x1, y1]) => x0! < 39 || x1! > w - 39 || y0! < 0 || y1! > h);
    expect(outside).toEqual([]);
  });
});
