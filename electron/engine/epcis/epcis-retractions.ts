/**
 * Error declarations: an event carrying errorDeclaration retracts the event
 * with the same eventID (or hash). In the same document the event is simply
 * not applied; from an earlier import its rows are taken out (epcis-undo.ts)
 * once the writer has flushed. The log keeps the event, marked retracted; an
 * event declared before it arrives is logged retracted so it never applies.
 */
import type { ImportCounts } from '../import/import-result';
import { epcisInstant } from './epcis-schema';
import type { EventReporter } from './epcis-document';
import type { EventLog, PreparedEvent } from './epcis-event-log';
import type { Effect } from './epcis-undo';

/** An event of an earlier import that a declaration retracts. */
export interface RetractedEarlier {
  /** epcis_event.id */
  id: number;
  eventId: string;
  reason: string;
  /** The declaration's place in the document, for warnings. */
  index: number;
  effects: Effect[];
}

export interface Retractions {
  /** Keys of this document's events that its own declarations retract. */
  retractedHere: Set<string>;
  /** Events of earlier imports whose effects are to be undone after the writer flushes. */
  undoLater: RetractedEarlier[];
}

/**
 * Applies the document's error declarations to the log. A declaration
 * counts as inserted, or as a duplicate (noted in `skippedKnown`) when the
 * event is already retracted.
 */
export function applyRetractions(prepared: PreparedEvent[], log: EventLog, report: EventReporter, counts: ImportCounts, skippedKnown: string[]): Retractions {
  const retractedHere = new Set<string>();
  const undoLater: RetractedEarlier[] = [];
  for (const d of prepared) {
    const decl = d.event.errorDeclaration;
    if (!decl) continue;
    const reason = decl.reason ?? '';
    const retraction = { at: epcisInstant(decl.declarationTime), reason, corrective: JSON.stringify(decl.correctiveEventIDs ?? []) };
    const original = prepared.find((p) => !p.event.errorDeclaration && (p.key === d.key || p.hash === d.hash));
    const stored = log.find(d.key, d.hash);
    if (original) retractedHere.add(original.key);
    if (stored) {
      if (stored.retracted_at !== null) {
        skippedKnown.push(d.key);
        counts.duplicates++;
        continue;
      }
      log.retract(stored.id, retraction);
      undoLater.push({ id: stored.id, eventId: stored.event_id, reason, index: d.index, effects: JSON.parse(stored.effects) as Effect[] });
      report.warn(d.index, `event ${stored.event_id} (imported earlier) is retracted by this error declaration${reason ? ` (${reason})` : ''}; its receipts, shipments and batch rows are removed, its record kept`);
    } else {
      // Not on record yet (or only in this document): the record is kept retracted, so the event is never applied later.
      log.retractedUnapplied(d, original?.event ?? d.event, original ? 'retracted in the document that carried it' : 'error declaration received before the event', retraction);
      if (!original) report.warn(d.index, `error declaration for event ${d.key}, which is not on record: recorded as retracted so the event is never applied`);
    }
    counts.inserted++;
  }
  return { retractedHere, undoLater };
}
