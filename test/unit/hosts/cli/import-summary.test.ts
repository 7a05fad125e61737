/**
 * `lottrace import` on a messy file: the warnings are counted per kind with
 * the worst lots and the first ten, never one terminal line each, and
 * `--warnings FILE.csv` writes every one of them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/hosts/cli/main';
import { csv, PRODUCTION, RECEIPTS } from '../../../fixtures/import/helpers';

let dir: string;
let dbPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-cli-warnings-'));
  dbPath = join(dir, 'lottrace.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...args, '--db', dbPath], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err };
}

const LOTS = 1500;

describe('import warnings on the command line', () => {
  it('summarises 1,500 over-used lots in a few lines and writes them all with --warnings', async () => {
    writeFileSync(join(dir, 'receipts.csv'), csv(RECEIPTS, ...Array.from({ length: LOTS }, (_, k) => `2026-03-02T08:00:00,SUGAR,,S-${k + 1},100,kg,Sweet Co,,,,`)));
    writeFileSync(join(dir, 'production.csv'), csv(PRODUCTION, ...Array.from({ length: LOTS }, (_, k) => `B-${k + 1},2026-03-04T06:00:00,DOUGH,,D-${k + 1},100,kg,SUGAR,S-${k + 1},${100 + (k + 1) / 10},kg,,`)));
    expect((await cli(['import', join(dir, 'receipts.csv')])).code).toBe(0);
    const csvOut = join(dir, 'warnings.csv');
    const r = await cli(['import', join(dir, 'production.csv'), '--warnings', csvOut]);
    expect(r.code).toBe(0);
    const lines = r.err.join('\n').split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '  1,500 warnings:',
      '        1,500  more consumed or shipped than received or produced (over_used)',
      '  most over-used lots (share over what they held):',
    ]);
    expect(lines[3]).toBe('    SUGAR S-1500: over by 150 kg of 100 kg (150 % over), line 1501');
    expect(lines.filter((l) => l.startsWith('  warning: '))).toHaveLength(10);
    expect(lines.at(-1)).toBe(`1,500 warnings written to ${csvOut}`);
    expect(lines.length).toBeLessThan(30);
    const rows = Papa.parse<Record<string, string>>(readFileSync(csvOut, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(LOTS);
    expect(new Set(rows.map((w) => w.lot)).size).toBe(LOTS);

    // Without --warnings the summary says where the full list is.
    writeFileSync(join(dir, 'more.csv'), csv(PRODUCTION, ...Array.from({ length: 20 }, (_, k) => `C-${k + 1},2026-03-05T06:00:00,DOUGH,,E-${k + 1},1,kg,SUGAR,S-${k + 1},1,kg,,`)));
    const more = await cli(['import', join(dir, 'more.csv')]);
    expect(more.err.at(-1)).toBe('  all 20: lottrace import … --warnings FILE.csv, or the app\'s import page');
  });
});
