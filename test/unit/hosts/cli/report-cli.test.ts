/**
 * `lottrace report verify` and `lottrace report approve` through
 * main(argv, io) on a real database built from the recall test plant: a
 * recall opened and signed in Part 11 mode, its PDF issued; the untouched
 * file verifies (exit 0) with kind, subject, who, chain head and the data
 * rechecked; a changed file fails (exit 1) naming the report it claims to
 * be; a missing file or a non-PDF gets a clear message, never a stack;
 * approving signs the issued file and verify then lists the approval.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/hosts/cli/main';
import { pdfText } from '../../../fixtures/recall/pdf-text';
import { RECALL_PLANT } from '../../../fixtures/recall/plant';
import { CLI_FACTS } from '../../../fixtures/recall/facts';

const PW = 'qa manager password';
let dir: string;
let db: string;
beforeEach(async () => {
  delete process.env.LOTTRACE_PASSWORD;
  dir = mkdtempSync(join(tmpdir(), 'lottrace-report-cli-'));
  db = join(dir, 'plant.db');
  expect((await cli(['settings', 'timezone', 'America/Chicago'])).code).toBe(0);
  const r = await cli(['import', ...['receipts.csv', 'production.csv', 'shipments.csv'].map((f) => join(RECALL_PLANT, f))]);
  expect(r.code, r.err).toBe(0);
  expect((await cli(['user', 'add', 'ann', '--role', 'qa-manager', '--display', 'Ann Smith'], [PW])).code).toBe(0);
  expect((await cli(['part11', 'on'])).code).toBe(0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], stdin: string[] = []): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...args, '--db', db], { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: () => Promise.resolve([...stdin]) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function issueSignedRecall(): Promise<{ pdf: string; reportId: string }> {
  const pdf = join(dir, 'recall.pdf');
  const r = await cli(['recall', '--supplier-lot', 'MU-55', '--class', 'I', '--depth', 'retail', ...CLI_FACTS, '--reason', 'Salmonella in wheat flour', '--as', 'ann', '--pdf', pdf, '--json'], [PW]);
  expect(r.code, r.err).toBe(0);
  const j = JSON.parse(r.out) as { report_id: string; signatures: { meaning: string }[] };
  expect(j.signatures.map((s) => s.meaning)).toEqual(['opened']);
  return { pdf, reportId: j.report_id };
}

describe('lottrace report verify', () => {
  it('verifies the issued PDF of a signed recall, which prints the signer and the chain head', async () => {
    const { pdf, reportId } = await issueSignedRecall();
    expect(reportId).toMatch(/^R-[0-9A-F]{12}$/);
    const head = JSON.parse((await cli(['audit', 'verify', '--json'])).out) as { entries: number; head: string };
    const text = pdfText(pdf).replace(/[ \t]+/g, ' ');
    expect(text).toContain('Meaning: opened');
    expect(text).toContain('Printed name: Ann Smith (ann)');
    expect(text).toContain('Status: valid');
    // Made before its own issue entry: the head printed is the one before last.
    expect(text).toContain(`Audit chain head at issue: entry ${head.entries - 1}, `);

    const r = await cli(['report', 'verify', pdf]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`verified — exactly the recall report ${reportId} issued from this database`);
    expect(r.out).toContain(`report      ${reportId}: recall report of RC-2026-001`);
    expect(r.out).toMatch(/issued {6}\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} C[SD]T \(America\/Chicago\) by ann/);
    expect(r.out).toMatch(new RegExp(`chain head  entry ${head.entries - 1}, [0-9a-f]{64}`));
    expect(r.out).toContain('the current data gives the same fingerprint');
    expect(r.out).toContain('approvals   none');

    const j = await cli(['report', 'verify', pdf, '--json']);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.out)).toMatchObject({ ok: true, report: { report_id: reportId, kind: 'recall', subject: 'RC-2026-001', issued_by: 'ann' }, data: 'unchanged' });
  });

  it('fails a changed file naming the report, and a missing or foreign file with a clear message', async () => {
    const { pdf, reportId } = await issueSignedRecall();
    const bytes = readFileSync(pdf);
    const changed = join(dir, 'changed.pdf');
    const flipped = Buffer.from(bytes);
    flipped[2000] = flipped[2000]! ^ 0xff;
    writeFileSync(changed, flipped);
    const r = await cli(['report', 'verify', changed]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${changed} does NOT verify: it claims to be report ${reportId}, but its bytes differ from the issued file`);
    expect(r.err).toContain('the current data gives the same fingerprint');
    expect(r.out).toContain(`report      ${reportId}: recall report of RC-2026-001`);
    const j = await cli(['report', 'verify', changed, '--json']);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.out)).toMatchObject({ ok: false, report: { report_id: reportId } });

    const missing = await cli(['report', 'verify', join(dir, 'nope.pdf')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`lottrace: cannot read ${join(dir, 'nope.pdf')}: no such file`);
    writeFileSync(join(dir, 'notes.pdf'), 'not a pdf at all');
    const foreign = await cli(['report', 'verify', join(dir, 'notes.pdf')]);
    expect(foreign.code).toBe(1);
    expect(foreign.err).toContain('does NOT verify: not a PDF file, and not a report issued from this database');
    for (const e of [missing.err, foreign.err, r.err]) expect(e).not.toMatch(/\n\s+at /);

    expect((await cli(['report', 'verify'])).code).toBe(2);
    expect((await cli(['report', 'frobnicate', pdf])).code).toBe(2);
  });
});

describe('lottrace report approve', () => {
  it('signs the issued file as approved; verify lists the approval; a wrong password or a changed file is refused', async () => {
    const { pdf, reportId } = await issueSignedRecall();
    expect((await cli(['report', 'approve', pdf])).code).toBe(2);
    const wrong = await cli(['report', 'approve', pdf, '--as', 'ann'], ['not the password']);
    expect(wrong.code).toBe(1);
    const changed = join(dir, 'changed.pdf');
    writeFileSync(changed, Buffer.concat([readFileSync(pdf), Buffer.from('%x\n')]));
    const refused = await cli(['report', 'approve', changed, '--as', 'ann'], [PW]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`cannot approve this file: it claims to be report ${reportId}`);

    const ok = await cli(['report', 'approve', pdf, '--as', 'ann'], [PW]);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(new RegExp(`recall report ${reportId} \\(RC-2026-001\\) signed approved by Ann Smith \\(ann\\) at .*: valid`));
    const v = await cli(['report', 'verify', pdf]);
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/approvals {3}approved by Ann Smith \(ann\) at \d{4}-\d{2}-\d{2} .*\(America\/Chicago\): valid/);
    const audit = await cli(['audit', '--action', 'signature', '--json']);
    expect((JSON.parse(audit.out) as { entity: string; key: string }[]).map((e) => [e.entity, e.key])).toContainEqual(['issued-report', reportId]);
  });
});
