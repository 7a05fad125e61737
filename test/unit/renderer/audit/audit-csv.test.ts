/** The audit page's CSV (renderer/pages/audit/audit-csv.ts): header, one row per entry, changes in words beside the stored JSON, quoting and the formula guard. */
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../electron/contract/dto/audit';
import { AUDIT_CSV_COLUMNS, auditCsv } from '../../../../renderer/pages/audit/audit-csv';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 1, at: '2026-03-20T15:04:05.000Z', zone: 'America/Chicago', user: 'quinn', action: 'lot.hold', entity: 'lot', key: 'A100',
  before: '{"status":"released"}', after: '{"status":"on_hold"}', reason: 'lab check', row_hash: 'r1', hash: 'h1', ...over,
});

describe('audit CSV', () => {
  it('writes the header and one CRLF row per entry with the change in words', () => {
    const csv = auditCsv([entry({}), entry({ id: 2, action: 'settings.change', entity: 'setting', key: 'company', before: '', after: '{"value":"Acme, Inc."}', reason: '' })]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(AUDIT_CSV_COLUMNS.join(','));
    expect(lines[1]).toBe('1,2026-03-20T15:04:05.000Z,2026-03-20 10:04:05 CDT,America/Chicago,quinn,lot.hold,lot,A100,status: released → on_hold,lab check,"{""status"":""released""}","{""status"":""on_hold""}",r1,h1');
    expect(lines[2]).toBe('2,2026-03-20T15:04:05.000Z,2026-03-20 10:04:05 CDT,America/Chicago,quinn,settings.change,setting,company,"value: Acme, Inc.",,,"{""value"":""Acme, Inc.""}",r1,h1');
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
  });

  it('guards a reason that a spreadsheet would run as a formula', () => {
    const csv = auditCsv([entry({ reason: '=HYPERLINK("http://x")' })]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});
