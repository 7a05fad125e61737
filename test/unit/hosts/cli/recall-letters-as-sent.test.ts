/**
 * The recall letters' wording is a template edited once in settings
 * (recallLetterInstructions, audited like every setting), and the letters
 * issued are kept as sent (issued_report_bytes, migration 16): `recall-letters
 * --reprint` writes exactly the bytes that went out, even after the
 * template changed, until letters are issued again. A template that would
 * drop the recall-depth instruction, or names an unknown placeholder, is
 * refused and nothing is stored.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/hosts/cli/main';
import { pdfText } from '../../../fixtures/recall/pdf-text';
import { RECALL_PLANT } from '../../../fixtures/recall/plant';
import { CLI_FACTS } from '../../../fixtures/recall/facts';

let dir: string;
let db: string;
let code: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-letters-sent-'));
  db = join(dir, 'plant.db');
  expect((await cli(['settings', 'timezone', 'America/Chicago'])).code).toBe(0);
  expect((await cli(['import', ...['receipts.csv', 'production.csv', 'shipments.csv'].map((f) => join(RECALL_PLANT, f))])).code).toBe(0);
  const r = await cli(['recall', '--supplier-lot', 'MU-55', '--proposed-class', 'I', '--reason', 'Salmonella in flour', '--depth', 'retail', ...CLI_FACTS, '--user', 'qa', '--json']);
  expect(r.code, r.err).toBe(0);
  code = JSON.parse(r.out).recall.code;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const exit = await main([...args, '--db', db], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code: exit, out: out.join('\n'), err: err.join('\n') };
}

const squash = (path: string): string => pdfText(path).replace(/\s+/g, ' ');
const TEMPLATE = 'Quarantine the {type} lots below at once.\n{depth}\nCall Anna before you destroy anything.';

describe('recall letters: wording from settings, kept as sent', () => {
  it('prints the built-in instructions, then the edited template; a reprint is the letters as sent', async () => {
    const first = join(dir, 'first.pdf');
    expect((await cli(['recall-letters', '--recall', code, '--out', first])).code).toBe(0);
    expect(squash(first)).toContain('1. Stop distributing, selling and using the food products listed below immediately.');

    // The template is edited once; the letters already sent do not change.
    const set = await cli(['settings', 'recallLetterInstructions', TEMPLATE, '--user', 'qa']);
    expect(set.code, set.err).toBe(0);
    const again = join(dir, 'reprint-1.pdf');
    const reprint = await cli(['recall-letters', '--recall', code, '--out', again, '--reprint']);
    expect(reprint.code, reprint.err).toBe(0);
    expect(reprint.out).toMatch(/^letters of recall RC-\d{4}-\d{3} as sent \(report R-[0-9A-F]+, issued .* by .*, \d+ pages\) written to /);
    expect(readFileSync(again).equals(readFileSync(first))).toBe(true);

    // Issued again: the new wording, with the depth sentence filled in; the reprint now gives these.
    const second = join(dir, 'second.pdf');
    expect((await cli(['recall-letters', '--recall', code, '--out', second])).code).toBe(0);
    const text = squash(second);
    expect(text).toContain('1. Quarantine the food lots below at once.');
    expect(text).toContain('2. This recall extends to the retail level:');
    expect(text).toContain('3. Call Anna before you destroy anything.');
    expect(text).not.toContain('Stop distributing, selling and using');
    const again2 = join(dir, 'reprint-2.pdf');
    expect((await cli(['recall-letters', '--recall', code, '--out', again2, '--reprint'])).code).toBe(0);
    expect(readFileSync(again2).equals(readFileSync(second))).toBe(true);
    // And report verify recognises a reprint as the issued letters.
    expect((await cli(['report', 'verify', again2])).code).toBe(0);

    // The template change is in the audit trail; the kept letters cannot be changed.
    const raw = new Database(db);
    try {
      expect(raw.prepare("SELECT count(*) FROM audit_entry WHERE action = 'settings.change' AND entity_key = 'recallLetterInstructions'").pluck().get()).toBe(1);
      expect(raw.prepare('SELECT count(*) FROM issued_report_bytes').pluck().get()).toBe(2);
      expect(() => raw.prepare('UPDATE issued_report_bytes SET bytes = zeroblob(1)').run()).toThrow(/append-only/);
    } finally {
      raw.close();
    }
  });

  it('refuses a template without {depth} or with an unknown placeholder, and a reprint before any letters', async () => {
    const missing = await cli(['settings', 'recallLetterInstructions', 'Stop selling the {type} lots.', '--user', 'qa']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('must keep {depth}');
    const unknown = await cli(['settings', 'recallLetterInstructions', '{depth}\nCall {contact}.', '--user', 'qa']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('unknown placeholder {contact}');
    expect(JSON.parse((await cli(['settings', '--json'])).out).recallLetterInstructions).toBe('');
    const none = await cli(['recall-letters', '--recall', code, '--out', join(dir, 'x.pdf'), '--reprint']);
    expect(none.code).toBe(1);
    expect(none.err).toContain(`no letters of recall ${code} were issued yet`);
  });
});
