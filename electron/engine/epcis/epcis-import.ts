/**
 * The EPCIS format reader: imports one EPCIS document (2.0 JSON-LD, 2.0 or
 * 1.2 XML) through the normal import path (import-file.ts: file-hash dedupe,
 * one transaction, per-database lock). The document is validated whole
 * (epcis-document.ts), its error declarations retract events
 * (epcis-retractions.ts), its other events become engine records through
 * the same RecordWriter as CSV and JSON (epcis-apply.ts), and every event
 * gets an epcis_event row (epcis-event-log.ts); an event already on record
 * is skipped with a warning.
 */
import type { FormatReader, ReadContext, ReadOutcome } from '../import/format-reader';
import { emptyCounts } from '../import/import-result';
import { EpcisApply } from './epcis-apply';
import { EventReporter, readEpcisDocument } from './epcis-document';
import { EventLog, prepareEvents, type PreparedEvent } from './epcis-event-log';
import { applyRetractions } from './epcis-retractions';
import { sniffEpcis } from './epcis-sniff';
import { undoEffects } from './epcis-undo';
import { openRecallRetractions } from './retracted-records';
import { appendAudit } from '../audit/audit-trail';
import { retractionHash } from '../audit/row-hashes';

export const epcisReader: FormatReader = {
  sniff: (head) => sniffEpcis(head) !== undefined,
  // EPCIS looks lots up by code between records: the writer stores them at once.
  deferLotRows: false,
  read: (path, ctx) => Promise.resolve(readEpcis(path, ctx)),
};

/**
 * Reads and applies the document. Undoing retracted events of earlier
 * imports and the header's master data wait for the writer's flush
 * (afterWriterFinish), which is not given when the document is rejected.
 */
export function readEpcis(path: string, ctx: ReadContext): ReadOutcome {
  const { db, file, importId, errors, warnings } = ctx;
  const counts = emptyCounts('epcis');
  const document = readEpcisDocument(path, file, errors);
  if (!document) return counts;
  counts.rows = document.events.length + document.mdCount;
  const report = new EventReporter(file, document.lines, errors, warnings);
  const log = new EventLog(db, importId);
  const prepared = prepareEvents(document.events, report);
  /** Keys of events skipped as already on record, for one warning. */
  const skippedKnown: string[] = [];

  // Retractions first: which events of this document and of earlier imports they take back.
  const { retractedHere, undoLater } = applyRetractions(prepared, log, report, counts, skippedKnown);

  // The events to apply: not declarations, not retracted here, not already on record, not repeated in this document.
  const seen = new Set<string>();
  const toApply: PreparedEvent[] = [];
  for (const p of prepared) {
    if (p.event.errorDeclaration) continue;
    if (retractedHere.has(p.key)) {
      counts.duplicates++;
      continue;
    }
    if (seen.has(p.key) || log.has(p.key)) {
      skippedKnown.push(p.key);
      counts.duplicates++;
      continue;
    }
    seen.add(p.key);
    toApply.push(p);
  }

  const apply = new EpcisApply(ctx, document.md, report);
  apply.applyAll(toApply);
  if (errors.count > 0) return counts;

  for (const p of toApply) {
    log.applied(p, apply.recordOf(p.index));
    counts.inserted++;
  }
  if (skippedKnown.length > 0) {
    const shown = skippedKnown.slice(0, 5).join(', ');
    report.warn(undefined, `${skippedKnown.length} event(s) already on record were skipped: ${shown}${skippedKnown.length > 5 ? ', …' : ''}`);
  }
  apply.warnNoEffect();

  return {
    ...counts,
    afterWriterFinish: () => {
      for (const u of undoLater) {
        const at = Date.now();
        const undone = undoEffects(db, u.effects, { retractedImportId: importId, eventId: u.id, at });
        appendAudit(db, {
          user: ctx.user, action: 'epcis.retract', entity: 'epcis_event', key: u.eventId, at, reason: u.reason || `error declaration in ${file}`,
          before: { rows: undone.rowsRemoved }, after: { epcis_event_id: u.id, retracted_by_import: importId },
          rowHash: retractionHash(db, u.id),
        });
        // A retracted receipt or shipment an open recall counts is named, so the recall team knows its figures changed.
        for (const message of openRecallRetractions(db, u.id)) report.warn(u.index, message);
      }
      apply.applyMasterData();
    },
  };
}
