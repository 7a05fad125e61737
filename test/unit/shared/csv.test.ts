/**
 * The one CSV writer (electron/shared/csv.ts): RFC 4180 quoting and the
 * formula-injection guard for every start a spreadsheet would evaluate,
 * including the fullwidth signs and a leading LF (issue 19's findings: the
 * graph export wrote =HYPERLINK(…), +cmd|…, @SUM(1), -1+1 unguarded, and
 * fullwidth ＝ passed every guard).
 */
import { describe, expect, it } from 'vitest';
import { csvField, csvTable, guardFormula, isFormulaLike } from '../../../electron/shared/csv';

describe('formula guard', () => {
  const attacks = ['=HYPERLINK("http://x","y")', '+cmd|\' /C calc\'!A0', '@SUM(1)', '-1+1', '\t=1+1', '\r=1+1', '\n=1+1', '＝1+1', '＋1', '－1', '＠SUM(1)'];
  for (const a of attacks) {
    it(`guards ${JSON.stringify(a)}`, () => {
      expect(isFormulaLike(a)).toBe(true);
      expect(guardFormula(a)).toBe(`'${a}`);
    });
  }

  it('leaves ordinary text and numbers alone', () => {
    for (const ok of ['Müller', 'FG-COOKIE', 'a=b', '1+1', 'SO-16100-03', '']) expect(guardFormula(ok)).toBe(ok);
    expect(csvField(-5)).toBe('-5');
    expect(csvField('-5 kg', { guard: false })).toBe('-5 kg');
  });

  it('quotes what RFC 4180 asks and ends records in CRLF', () => {
    expect(csvTable(['a', 'b'], [['x,y', 'say "hi"'], ['\n=1', ' pad']])).toBe('a,b\r\n"x,y","say ""hi"""\r\n"\'\n=1"," pad"\r\n');
  });
});
