/**
 * The epcis_event log: one row per event ever imported (by eventID, or a
 * hash for events without one), with the effects it had on the engine tables
 * so a later error declaration can take them back (epcis-undo.ts), and
 * whether and why it was retracted.
 */
import type { Db } from '../db/database';
import { epcisInstant } from './epcis-schema';
import type { RecordSource } from '../import/records';
import type { EventReporter } from './epcis-document';
import { eventHash } from './epcis-hash';
import type { EpcisEvent } from './epcis-schema';
import type { Effect } from './epcis-undo';

/** An event of the document with its identity in the log. */
export interface PreparedEvent {
  /** Index in the document's event list. */
  index: number;
  event: EpcisEvent;
  /** eventID, or the hash for an event without one. */
  key: string;
  /** Whether the key is the hash (no eventID). */
  computed: boolean;
  hash: string;
  source: RecordSource;
}

/** What applying an event did: the rows it wrote, and notes on what it did not do. */
export interface EventRecord {
  effects: Effect[];
  notes: string[];
}

/** An event already in the log. */
export interface LoggedEvent {
  id: number;
  event_id: string;
  retracted_at: number | null;
  /** JSON of Effect[]. */
  effects: string;
}

/** A retraction to log with an event: when, why, and the events correcting it (JSON list). */
export interface Retraction {
  at: number;
  reason: string;
  corrective: string;
}

export function prepareEvents(events: EpcisEvent[], report: EventReporter): PreparedEvent[] {
  return events.map((event, index) => {
    const hash = eventHash(event);
    return { index, event, hash, key: event.eventID ?? hash, computed: event.eventID === undefined, source: report.source(index) };
  });
}

export class EventLog {
  private readonly s;

  constructor(db: Db, private readonly importId: number) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      byKey: p('SELECT id, retracted_at FROM epcis_event WHERE event_id = ?'),
      byHash: p('SELECT id, event_id, retracted_at, effects FROM epcis_event WHERE hash = ? ORDER BY id LIMIT 1'),
      byKeyFull: p('SELECT id, event_id, retracted_at, effects FROM epcis_event WHERE event_id = ?'),
      insertEvent: p(`INSERT INTO epcis_event (event_id, id_computed, hash, type, action, biz_step, event_time, import_id, effects, note, retracted_at, retracted_reason, retracted_import_id, corrective_event_ids)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      retract: p('UPDATE epcis_event SET retracted_at = ?, retracted_reason = ?, retracted_import_id = ?, corrective_event_ids = ? WHERE id = ?'),
    };
  }

  /** Whether an event with this key is in the log. */
  has(key: string): boolean {
    return this.s.byKey.get(key) !== undefined;
  }

  /** The logged event a declaration refers to: by key, else by hash. */
  find(key: string, hash: string): LoggedEvent | undefined {
    return (this.s.byKeyFull.get(key) ?? this.s.byHash.get(hash)) as LoggedEvent | undefined;
  }

  /** Logs an event this import applied. */
  applied(p: PreparedEvent, record: EventRecord): void {
    const e = p.event;
    this.s.insertEvent.run(p.key, p.computed ? 1 : 0, p.hash, e.type, e.action ?? '', e.bizStep ?? '', epcisInstant(e.eventTime), this.importId,
      JSON.stringify(record.effects), record.notes.join('; '), null, null, null, '[]');
  }

  /**
   * Logs an event as retracted without applying it: `declaration` gives its
   * key; `event` is the event itself when the document carried it, else the
   * declaration stands in for it.
   */
  retractedUnapplied(declaration: PreparedEvent, event: EpcisEvent, note: string, r: Retraction): void {
    this.s.insertEvent.run(declaration.key, declaration.computed ? 1 : 0, declaration.hash, event.type, event.action ?? '', event.bizStep ?? '', epcisInstant(event.eventTime),
      this.importId, '[]', note, r.at, r.reason, this.importId, r.corrective);
  }

  /** Marks a logged event retracted by this import. */
  retract(id: number, r: Retraction): void {
    this.s.retract.run(r.at, r.reason, this.importId, r.corrective, id);
  }
}
