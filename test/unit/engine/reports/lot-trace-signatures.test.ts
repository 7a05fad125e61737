/**
 * The lot traceability report's signature block: the electronic signatures
 * on the lot's status changes (a signed release, a signed rejection) print
 * with the signer's printed name, meaning and date-time with zone, read back
 * from the real PDF with pdftotext; a signed change record edited behind
 * the triggers (as an attacker would) prints the signature INVALID; a lot
 * without signatures keeps its blank boxes.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueLotTraceReport } from '../../../../electron/engine/reports/report-issuer';
import { writeLotTraceReport } from '../../../../electron/engine/reports/lot-trace-report';
import { changeStatusAs } from '../../../../electron/engine/users/signed-actions';
import { addUser } from '../../../../electron/engine/users/users';
import type { Plant } from '../../../fixtures/import/helpers';
import { pdfText } from '../../../fixtures/recall/pdf-text';
import { openRecallPlant } from '../../../fixtures/recall/plant';

const PASSWORD = 'Correct-horse-42';
const squash = (s: string): string => s.replace(/[ \t]+/g, ' ');
const SIGNED_AT = /Signed: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} C[SD]T \(America\/Chicago\)/g;

let plant: Plant;
beforeEach(async () => {
  plant = await openRecallPlant();
  addUser(plant.db, { name: 'ann', role: 'qa-manager', password: PASSWORD, displayName: 'Ann Smith' }, 'os');
});
afterEach(() => plant.close());

function holdThenRelease(lot: string, item: string): number {
  changeStatusAs(plant.engine, { lot, item, action: 'hold', reason: 'pending micro results' }, { name: 'ann' });
  changeStatusAs(plant.engine, { lot, item, action: 'release', reason: 'micro results negative' }, { name: 'ann', signer: { user: 'ann', password: PASSWORD } });
  return plant.db.prepare("SELECT max(s.id) FROM status_change s JOIN lot l ON l.id = s.lot_id WHERE l.code = ? AND s.action = 'release'").pluck().get(lot) as number;
}

describe('lot traceability report signatures', () => {
  it('prints the signed release with printed name, meaning and zoned date-time, and INVALID after the signed record is tampered with', async () => {
    const releaseId = holdThenRelease('A100', 'FLOUR');
    changeStatusAs(plant.engine, { lot: 'A100', item: 'FLOUR', action: 'reject', reason: 'customer complaint' }, { name: 'ann', signer: { user: 'ann', password: PASSWORD, meaning: 'rejected for cause' } });
    const path = join(plant.dir, 'lot.pdf');
    await issueLotTraceReport(plant.engine, 'A100', 'FLOUR', path, { user: 'ann' });
    const text = squash(pdfText(path));
    expect(text).toContain('Meaning: released');
    expect(text).toContain('Meaning: rejected for cause');
    expect(text.match(/Printed name: Ann Smith \(ann\)/g)).toHaveLength(2);
    expect(text.match(SIGNED_AT)).toHaveLength(2);
    expect(text.match(/Status: valid/g)).toHaveLength(2);
    // Blank boxes only for the meanings no signature covers.
    expect(text).toContain('Meaning: Reviewed');
    expect(text).toContain('Meaning: Approved');
    expect(text.match(/Printed name/g)).toHaveLength(4);

    // The attacker drops the trigger and rewrites the signed release's reason.
    plant.db.exec(`DROP TRIGGER status_change_no_update; UPDATE status_change SET reason = 'released without results' WHERE id = ${releaseId}`);
    const after = join(plant.dir, 'after.pdf');
    await writeLotTraceReport(plant.engine, 'A100', 'FLOUR', after);
    const changed = squash(pdfText(after));
    // The release is invalid now, the rejection (its own record untouched) still valid.
    expect(changed.match(/Status: INVALID — record changed since signing/g)).toHaveLength(1);
    expect(changed.match(/Status: valid/g)).toHaveLength(1);
    // Two boxes a row: the release (left) is the invalid one, the rejection (right) valid.
    expect(changed).toMatch(/Meaning: released +Meaning: rejected for cause/);
    expect(changed).toMatch(/Status: INVALID — record changed since signing +Status: valid/);
  });

  it('a signed release is read by the lot it was made on only; an unsigned lot keeps two blank boxes', async () => {
    holdThenRelease('A100', 'FLOUR');
    const path = join(plant.dir, 'other.pdf');
    await writeLotTraceReport(plant.engine, 'A200', 'FLOUR', path);
    const text = squash(pdfText(path));
    expect(text).not.toContain('Ann Smith');
    expect(text).not.toContain('Status:');
    expect(text).toContain('Meaning: Reviewed');
    expect(text).toContain('Meaning: Approved');
    expect(text.match(/Printed name/g)).toHaveLength(2);
  });
});
