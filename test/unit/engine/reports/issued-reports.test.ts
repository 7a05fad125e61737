/**
 * Issued reports on the recall test plant, read back from real PDFs: the
 * footer and the document info carry the report id, the data fingerprint
 * and the audit chain head it was made at; the issue is stored and audited;
 * verification passes for the issued bytes and fails, naming the report,
 * for a flipped byte, appended bytes or an edited text run; the data is
 * rechecked; recall signatures print as signed boxes (valid, or INVALID
 * once the signed record is changed behind the app's back); an approval is
 * a signature bound to the issued file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHead, listAudit } from '../../../../electron/engine/audit/audit-trail';
import { verifyAudit } from '../../../../electron/engine/audit/verify';
import { completeRecall, openRecall } from '../../../../electron/engine/recall/recall-store';
import { writeRecallReport } from '../../../../electron/engine/reports/recall-report';
import { approveReport } from '../../../../electron/engine/reports/report-approval';
import { issueLotTraceReport, issueRecallReport } from '../../../../electron/engine/reports/report-issuer';
import { readReportClaim, ReportFileError, verifyReportBytes, verifyReportFile } from '../../../../electron/engine/reports/verify-report';
import { openRecallAs } from '../../../../electron/engine/users/signed-actions';
import { addUser, AuthError, PermissionError } from '../../../../electron/engine/users/users';
import type { Plant } from '../../../fixtures/import/helpers';
import { editFirstTextRun } from '../../../fixtures/recall/pdf-edit';
import { pdfPages, pdfText } from '../../../fixtures/recall/pdf-text';
import { openRecallPlant } from '../../../fixtures/recall/plant';
import { REAL_RECALL } from '../../../fixtures/recall/facts';

const PASSWORD = 'Correct-horse-42';
let plant: Plant;
beforeEach(async () => {
  plant = await openRecallPlant();
});
afterEach(() => plant.close());

const squash = (s: string): string => s.replace(/[ \t]+/g, ' ');
const pdfInfo = (path: string): string => spawnSync('pdfinfo', [path], { encoding: 'utf8' }).stdout;

function openFlourRecall(): number {
  return openRecall(plant.engine, { scope: { kind: 'supplier_lot', supplier_lot: 'MU-55' }, class: 'I', depth: 'retail', reason: 'Salmonella in wheat flour', user: 'qa', ...REAL_RECALL }).recall.id;
}

describe('issuing a report', () => {
  it('prints and stores the chain head, fingerprint and report id, audits the issue, and verifies the untouched file', async () => {
    const id = openFlourRecall();
    const head = auditHead(plant.db);
    const path = join(plant.dir, 'recall.pdf');
    const issued = await issueRecallReport(plant.engine, id, path, { user: 'qa' });
    const bytes = readFileSync(path);
    expect(issued).toMatchObject({ kind: 'recall', subject: 'RC-2026-001', params: { recall: 'RC-2026-001' }, file_name: 'recall.pdf', file_size: bytes.length,
      chain_entries: head.entries, chain_head: head.head, zone: 'America/Chicago', issued_by: 'qa' });
    expect(issued.report_id).toMatch(/^R-[0-9A-F]{12}$/);
    expect(head.entries).toBeGreaterThan(0);

    // Every page's footer: chain head, fingerprint, report id.
    const pages = pdfPages(path);
    expect(pages).toHaveLength(issued.pages);
    for (const p of pages) {
      expect(squash(p)).toContain(`Audit chain head at issue: entry ${head.entries}, ${head.head}`);
      expect(p).toContain(`Data fingerprint (SHA-256) ${issued.fingerprint}`);
      expect(p).toContain(`Report ${issued.report_id}`);
    }
    // The document info a verifier reads back.
    const info = pdfInfo(path);
    expect(info).toContain(`Subject:         LotTrace report ${issued.report_id}`);
    expect(info).toContain(`Keywords:        lottrace-report-id=${issued.report_id}; data-fingerprint=${issued.fingerprint}; audit-chain=${head.entries}:${head.head}`);
    expect(readReportClaim(bytes)).toEqual({ report_id: issued.report_id, fingerprint: issued.fingerprint, chain_entries: head.entries, chain_head: head.head });

    // Stored and audited; the trail still verifies and now covers the record.
    const entries = listAudit(plant.db, { action: 'report.issue' });
    expect(entries.map((e) => [e.user, e.entity, e.key])).toEqual([['qa', 'issued_report', issued.report_id]]);
    expect(verifyAudit(plant.db)).toMatchObject({ ok: true, entries: head.entries + 1 });

    const v = verifyReportFile(plant.engine, path);
    expect(v).toMatchObject({ ok: true, problem: null, data: 'unchanged', current_fingerprint: issued.fingerprint, approvals: [] });
    expect(v.report).toEqual(issued);

    // The stored record cannot be changed through SQL; changed behind the triggers, the trail says so.
    expect(() => plant.db.prepare("UPDATE issued_report SET issued_by = 'x'").run()).toThrow(/append-only/);
    plant.db.exec("DROP TRIGGER issued_report_no_update; UPDATE issued_report SET issued_by = 'mallory'");
    expect(verifyAudit(plant.db)).toMatchObject({ ok: false, bad: { action: 'report.issue', why: `issued report ${issued.report_id} changed or removed since it was recorded` } });
  });

  it('fails a flipped byte, appended bytes and an edited text run, naming the report it claims to be', async () => {
    const id = openFlourRecall();
    const path = join(plant.dir, 'recall.pdf');
    const issued = await issueRecallReport(plant.engine, id, path, { user: 'qa' });
    const bytes = readFileSync(path);

    const flipped = Buffer.from(bytes);
    const middle = Math.floor(bytes.length / 2);
    flipped[middle] = flipped[middle]! ^ 0x01;
    const appended = Buffer.concat([bytes, Buffer.from('\n% appended\n')]);
    const edited = editFirstTextRun(bytes);
    const editedPath = join(plant.dir, 'edited.pdf');
    writeFileSync(editedPath, edited.bytes);
    // The edit is real: a reader shows the changed text.
    expect(pdfText(editedPath)).toContain('oLtTrace');
    expect(pdfText(path)).not.toContain('oLtTrace');

    for (const altered of [flipped, appended, edited.bytes]) {
      const v = verifyReportBytes(plant.engine, altered);
      expect(v.ok).toBe(false);
      expect(v.report?.report_id).toBe(issued.report_id);
      expect(v.problem).toContain(`it claims to be report ${issued.report_id}, but its bytes differ from the issued file`);
      expect(v.problem).toContain('altered after it was issued');
      expect(v.data).toBe('unchanged');
    }
  });

  it('says when the data changed since the report was issued, and when it cannot recheck it', async () => {
    const id = openFlourRecall();
    const path = join(plant.dir, 'recall.pdf');
    const issued = await issueRecallReport(plant.engine, id, path, { user: 'qa' });
    plant.engine.changeStatus('C-2', undefined, 'hold', 'found in the recall', 'qa');
    const v = verifyReportFile(plant.engine, path);
    expect(v.ok).toBe(true);
    expect(v.data).toBe('changed');
    expect(v.current_fingerprint).not.toBe(issued.fingerprint);
    expect(v.data_note).toContain('the data changed after the report was issued');

    // A lot report whose lot is then not found (another database with the same record) cannot be rechecked.
    const lotPath = join(plant.dir, 'lot.pdf');
    const lot = await issueLotTraceReport(plant.engine, 'D-1', undefined, lotPath, { user: 'qa' });
    expect(lot).toMatchObject({ kind: 'lot-trace', subject: 'DOUGH / D-1', params: { item: 'DOUGH', lot: 'D-1', graph_png_sha256: null } });
    expect(verifyReportFile(plant.engine, lotPath)).toMatchObject({ ok: true, data: 'unchanged' });
    plant.db.exec("UPDATE lot SET code = 'D-1X' WHERE code = 'D-1'");
    expect(verifyReportFile(plant.engine, lotPath)).toMatchObject({ ok: true, data: 'not rechecked' });
    expect(verifyReportFile(plant.engine, lotPath).data_note).toMatch(/^data not rechecked: .*D-1/);
  });

  it('refuses a preview, an unknown report id, a file that is no PDF and a missing file, with a clear message', async () => {
    const id = openFlourRecall();
    const preview = join(plant.dir, 'preview.pdf');
    const { loadRecall } = await import('../../../../electron/engine/recall/recall-store');
    await writeRecallReport(plant.engine, loadRecall(plant.engine, id), preview);
    expect(pdfText(preview)).toContain('Preview, not issued');
    expect(verifyReportFile(plant.engine, preview)).toMatchObject({ ok: false, report: null, data: 'not rechecked', problem: 'a preview, not an issued report: previews are not recorded and cannot be verified' });

    const path = join(plant.dir, 'recall.pdf');
    const issued = await issueRecallReport(plant.engine, id, path, { user: 'qa' });
    const foreign = Buffer.from(readFileSync(path).toString('latin1').replaceAll(issued.report_id, 'R-000000000000'), 'latin1');
    expect(verifyReportBytes(plant.engine, foreign)).toMatchObject({ ok: false, report: null, problem: 'it claims to be report R-000000000000, which was never issued from this database' });

    const notPdf = plant.write('notes.txt', 'hello');
    expect(verifyReportFile(plant.engine, notPdf)).toMatchObject({ ok: false, problem: 'not a PDF file, and not a report issued from this database' });
    const bare = plant.write('bare.pdf', '%PDF-1.3\n%%EOF\n');
    expect(verifyReportFile(plant.engine, bare).problem).toBe('not a report issued from this database: its metadata carries no LotTrace report id');
    expect(() => verifyReportFile(plant.engine, join(plant.dir, 'nope.pdf'))).toThrow(ReportFileError);
    expect(() => verifyReportFile(plant.engine, join(plant.dir, 'nope.pdf'))).toThrow(/cannot read .*nope\.pdf: no such file/);
    expect(() => verifyReportFile(plant.engine, plant.dir)).toThrow(/it is a folder/);
  });

  it('removes the PDF when the issue cannot be recorded', async () => {
    const id = openFlourRecall();
    const path = join(plant.dir, 'recall.pdf');
    await expect(issueRecallReport(plant.engine, id, path, { user: '  ' })).rejects.toThrow();
    expect(existsSync(path)).toBe(false);
    expect(plant.db.prepare('SELECT count(*) FROM issued_report').pluck().get()).toBe(0);
  });
});

describe('signatures on reports', () => {
  beforeEach(() => {
    addUser(plant.db, { name: 'ann', role: 'qa-manager', password: PASSWORD, displayName: 'Ann Smith' }, 'os');
    addUser(plant.db, { name: 'vic', role: 'viewer', password: PASSWORD, displayName: 'Vic Viewer' }, 'os');
  });

  it('prints a signed recall\u2019s signature instead of a blank box, and INVALID once the signed record changed', async () => {
    const opened = openRecallAs(plant.engine, { scope: { kind: 'supplier_lot', supplier_lot: 'MU-55' }, class: 'I', depth: 'retail', reason: 'Salmonella in wheat flour', ...REAL_RECALL },
      { name: 'ann', signer: { user: 'ann', password: PASSWORD } });
    const path = join(plant.dir, 'signed.pdf');
    await issueRecallReport(plant.engine, opened.recall.id, path, { user: 'ann' });
    const text = squash(pdfText(path));
    expect(text).toContain('Meaning: opened');
    expect(text).toContain('Printed name: Ann Smith (ann)');
    expect(text).toMatch(/Signed: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} C[SD]T \(America\/Chicago\)/);
    expect(text).toContain('Status: valid');
    // The blank boxes left are only those with no signature.
    expect(text).toContain('Meaning: Reviewed');
    expect(text).toContain('Meaning: Approved');
    expect(text.match(/Printed name/g)).toHaveLength(3);

    // An attacker edits the signed recall behind the triggers: the next report shows the signature INVALID.
    plant.db.exec("DROP TRIGGER recall_no_update; UPDATE recall SET class = 'III'");
    const after = join(plant.dir, 'after.pdf');
    await issueRecallReport(plant.engine, opened.recall.id, after, { user: 'ann' });
    const changed = squash(pdfText(after));
    expect(changed).toContain('Status: INVALID — record changed since signing');
    expect(changed).not.toContain('Status: valid');
  });

  it('a mock recall report without signatures keeps its blank boxes', async () => {
    const m = openRecall(plant.engine, { scope: { kind: 'lots', lots: [{ lot: 'SP-1' }] }, class: 'II', depth: 'retail', reason: 'exercise', mock: true, user: 'qa' });
    completeRecall(plant.db, m.recall.id, { correctiveActions: 'none' });
    const path = join(plant.dir, 'mock.pdf');
    const issued = await issueRecallReport(plant.engine, m.recall.id, path, { user: 'qa' });
    expect(issued.kind).toBe('mock-recall');
    const text = squash(pdfText(path));
    expect(text).toContain('Meaning: Reviewed');
    expect(text).not.toContain('Status: valid');
    expect(verifyReportFile(plant.engine, path)).toMatchObject({ ok: true, data: 'unchanged' });
  });

  it('approves an issued report with a signature bound to its file; refuses wrong passwords, viewers and altered files', async () => {
    const id = openFlourRecall();
    const path = join(plant.dir, 'recall.pdf');
    const issued = await issueRecallReport(plant.engine, id, path, { user: 'qa' });
    const bytes = readFileSync(path);
    expect(() => approveReport(plant.engine, bytes, { user: 'ann', password: 'wrong-password-1' })).toThrow(AuthError);
    expect(() => approveReport(plant.engine, bytes, { user: 'vic', password: PASSWORD })).toThrow(PermissionError);
    expect(() => approveReport(plant.engine, Buffer.concat([bytes, Buffer.from('x')]), { user: 'ann', password: PASSWORD })).toThrow(/cannot approve this file: it claims to be report/);
    expect(plant.db.prepare("SELECT count(*) FROM signature WHERE entity = 'issued-report'").pluck().get()).toBe(0);

    const { report, signature } = approveReport(plant.engine, bytes, { user: 'ann', password: PASSWORD });
    expect(report.report_id).toBe(issued.report_id);
    expect(signature).toMatchObject({ user: 'ann', printed_name: 'Ann Smith', meaning: 'approved', entity: 'issued-report', key: issued.report_id, status: 'valid' });
    const v = verifyReportFile(plant.engine, path);
    expect(v.ok).toBe(true);
    expect(v.approvals.map((s) => [s.printed_name, s.meaning, s.status])).toEqual([['Ann Smith', 'approved', 'valid']]);
    // The approval is bound to the issued record, file hash included.
    plant.db.exec(`DROP TRIGGER issued_report_no_update; UPDATE issued_report SET file_sha256 = '${'0'.repeat(64)}'`);
    expect(verifyReportBytes(plant.engine, bytes).ok).toBe(false);
    expect(verifyReportBytes(plant.engine, bytes).approvals.map((s) => s.status)).toEqual(['invalid (record changed after signing)']);
  });
});
