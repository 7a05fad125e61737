/**
 * The audit trail PDF read back as an inspector would (pdftotext): the
 * filter, the chain verified at printing with its head, one row per entry
 * with its before → after in words, and — on a tampered trail — the broken
 * entry named in the report. A bad filter leaves no file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHead, listAudit } from '../../../../electron/engine/audit/audit-trail';
import { describeAuditFilter, writeAuditTrailReport } from '../../../../electron/engine/reports/audit-trail-report';
import { fingerprint } from '../../../../electron/engine/reports/render';
import type { Plant } from '../../../fixtures/import/helpers';
import { pdfPages, pdfText } from '../../../fixtures/recall/pdf-text';
import { openRecallPlant } from '../../../fixtures/recall/plant';

const AT = new Date('2026-03-20T15:04:05Z');
const squash = (s: string): string => s.replace(/[ \t]+/g, ' ');
let plant: Plant;

beforeEach(async () => {
  plant = await openRecallPlant();
  plant.engine.changeStatus('A100', 'FLOUR', 'hold', 'lab check on gluten', 'quinn');
  plant.engine.changeStatus('A100', 'FLOUR', 'release', 'lab result negative', 'quinn');
  plant.engine.changeStatus('A200', 'FLOUR', 'quarantine', 'torn bags', 'sam');
});
afterEach(() => plant.close());

describe('audit trail report', () => {
  it('prints the filter, the verified chain and head, and each entry of the lot with its change in words', async () => {
    const path = join(plant.dir, 'audit.pdf');
    const r = await writeAuditTrailReport(plant.engine, { lot: 'A100' }, path, { generatedAt: AT });
    const entries = listAudit(plant.engine.db, { lot: 'A100' });
    expect(entries).toHaveLength(2);
    const head = auditHead(plant.engine.db);
    expect(r.fingerprint).toBe(fingerprint({ filter: { lot: 'A100' }, entries, chain: { ok: true, entries: head.entries, head: head.head } }));

    const pages = pdfPages(path);
    expect(pages).toHaveLength(r.pages);
    expect(pages[0]).toContain(`Page 1 of ${r.pages}`);
    expect(pages[0]).toContain('Generated 2026-03-20 10:04:05 CDT (America/Chicago)');
    const text = squash(pdfText(path));
    expect(text).toContain('Audit trail');
    expect(text).toContain('Entries shown 2 (lot A100)');
    expect(text).toContain(`Chain intact: ${head.entries} entries`);
    // The head is 64 hex characters; it may wrap, so look for it without spaces and line ends.
    expect(text.replace(/\s+/g, '')).toContain(head.head);
    expect(text).toContain('lot.hold');
    expect(text).toContain('lot.release');
    expect(text).toContain('status: released → on_hold');
    expect(text).toContain('status: on_hold → released');
    expect(text).toContain('lab check on gluten');
    expect(text).toContain('quinn');
    // Another lot's entry is not in a report filtered by lot.
    expect(text).not.toContain('torn bags');
    expect(text).not.toContain('{"status"');
  });

  it('names the first bad entry when the trail has been tampered with', async () => {
    const db = plant.engine.db;
    const victim = listAudit(db, { action: 'lot.quarantine' })[0]!;
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entry'").pluck().all() as string[];
    for (const t of triggers) db.exec(`DROP TRIGGER "${t}"`);
    db.prepare('UPDATE audit_entry SET reason = ? WHERE id = ?').run('nothing wrong', victim.id);
    const path = join(plant.dir, 'tampered.pdf');
    await writeAuditTrailReport(plant.engine, {}, path, { generatedAt: AT });
    const text = squash(pdfText(path));
    expect(text).toContain(`CHAIN BROKEN at entry #${victim.id} (lot.quarantine)`);
    expect(text).toContain('does not verify');
    expect(text).toContain('Entries shown');
    expect(text).toContain('all entries');
  });

  it('refuses a bad date before writing anything', async () => {
    const path = join(plant.dir, 'bad.pdf');
    await expect(writeAuditTrailReport(plant.engine, { from: '2026-02-30' }, path)).rejects.toThrow(/2026-02-30/);
    expect(existsSync(path)).toBe(false);
  });

  it('says the filter in words', () => {
    expect(describeAuditFilter({})).toBe('all entries');
    expect(describeAuditFilter({ lot: 'A1', user: 'quinn', action: 'lot', from: '2026-03-01', to: '2026-03-31' })).toBe('lot A1, user quinn, action lot, from 2026-03-01, to 2026-03-31');
  });
});
