/**
 * Verifies the audit trail: walks every entry in order, recomputes its hash
 * and its link to the entry before, then recomputes the hash of the records
 * it covers with the same functions that wrote it (row-hashes.ts), and
 * reports the first entry that does not match and why. An edit made directly
 * in the database file (triggers dropped) to an audited row or to an entry
 * shows up here. What verification cannot see is the newest entries removed
 * together: the head it prints is what a report or a copy elsewhere pins.
 */
import type { Db } from '../db/database';
import type { AuditVerifyResult } from '../../contract/dto/audit';
import { AUDIT_COLUMNS, entryHash, type AuditRow } from './audit-trail';
import {
  consigneeEventHash, consigneeResponseHash, importHash, issuedReportHash, itemHistoryHash, partyVersionsHash, recallCompletionHash, recallFactsHash, recallHoldHash, recallOpenHash, retractionHash, statusChangeHash,
} from './row-hashes';

type After = Record<string, unknown>;

/** What a recorded entry covers, and that record's hash as the database holds it now. */
function coveredHash(db: Db, e: AuditRow, after: After): { what: string; hash: string } | undefined {
  const num = (k: string): number => Number(after[k]);
  if (e.action.startsWith('lot.')) return { what: `status_change ${num('status_change_id')}`, hash: statusChangeHash(db, num('status_change_id')) };
  switch (e.action) {
    case 'recall.open': return { what: `recall ${e.entity_key} (its row, lots and consignees)`, hash: recallOpenHash(db, num('recall_id')) };
    case 'recall.hold': return { what: `the hold links of recall ${e.entity_key}`, hash: recallHoldHash(db, num('recall_id'), after.status_change_ids as number[]) };
    case 'recall.facts': return { what: `version ${num('version')} of the facts of recall ${e.entity_key}`, hash: recallFactsHash(db, num('facts_id')) };
    case 'recall.close': return { what: `the completion of recall ${e.entity_key}`, hash: recallCompletionHash(db, num('recall_id')) };
    case 'recall.consignee-event': return { what: `recall_consignee_event ${num('event_id')}`, hash: consigneeEventHash(db, num('event_id')) };
    case 'recall.consignee-response':
    case 'recall.consignee-response-correct': return { what: `recall_consignee_response ${num('response_id')}`, hash: consigneeResponseHash(db, num('response_id')) };
    case 'import': return { what: `the rows of import ${num('import_id')} (${e.entity_key})`, hash: importHash(db, num('import_id')).hash };
    case 'party.import': return { what: `the party location versions of import ${num('import_id')} (${e.entity_key})`, hash: partyVersionsHash(db, num('import_id')) };
    case 'item.update': return { what: `item_history ${num('history_id')} of item ${e.entity_key}`, hash: itemHistoryHash(db, num('history_id'), after.row_hash_version === 2 ? 2 : 1) };
    case 'report.issue': return { what: `issued report ${e.entity_key}`, hash: issuedReportHash(db, num('issued_report_id')) };
    case 'epcis.retract': return { what: `the rows archived for retracted event ${e.entity_key}`, hash: retractionHash(db, num('epcis_event_id')) };
    default: return undefined;
  }
}

export function verifyAudit(db: Db): AuditVerifyResult {
  let prev = '';
  let expectedId = 1;
  let entries = 0;
  const fail = (e: AuditRow, why: string): AuditVerifyResult => ({ ok: false, entries, head: prev, bad: { id: e.id, action: e.action, why } });
  for (const e of db.prepare(`SELECT ${AUDIT_COLUMNS} FROM audit_entry ORDER BY id`).all() as AuditRow[]) {
    if (e.id !== expectedId) return fail(e, `entry ${expectedId} is missing (the next entry is ${e.id})`);
    if (e.prev_hash !== prev) return fail(e, entries === 0 ? 'the first entry does not start the chain (entries before it were removed?)' : `its link to entry ${e.id - 1} is broken (an entry was removed or replaced)`);
    const { hash, ...rest } = e;
    if (entryHash(rest) !== hash) return fail(e, 'the entry was altered after it was written (its hash does not match its fields)');
    if (e.row_hash) {
      let after: After;
      try {
        after = JSON.parse(e.after) as After;
      } catch {
        return fail(e, 'its after value is not JSON');
      }
      const covered = coveredHash(db, e, after);
      if (!covered) return fail(e, `no way to check the records of action ${e.action}`);
      if (covered.hash !== e.row_hash) return fail(e, `${covered.what} changed or removed since it was recorded`);
    }
    prev = hash;
    expectedId++;
    entries++;
  }
  return { ok: true, entries, head: prev };
}
