/**
 * Dates an import accepts but warns about. A date before 1970 or well after
 * the import is a real calendar date, so it is kept as written, but in batch
 * records it is almost always a typo (0026 for 2026, 2062 for 2026): the
 * warning names it so QA can correct the record at its source.
 */
import type { BatchRecord } from '../records';

/** The record's own instant and the column it came from; item master rows have none. */
function instantOf(record: BatchRecord): [number, string] | null {
  switch (record.kind) {
    case 'receipt': return [record.receivedAt, 'received_at'];
    case 'production': return [record.producedAt, 'produced_at'];
    case 'shipment': return [record.shippedAt, 'shipped_at'];
    case 'adjustment': return [record.adjustedAt, 'adjusted_at'];
    case 'transfer': return [record.movedAt, 'moved_at'];
    case 'item':
    case 'party': return null;
  }
}

/** Checks records against a window fixed when the import starts. */
export class DatePlausibility {
  private readonly latest: number;

  constructor(now: number, private readonly futureDays: number) {
    this.latest = now + futureDays * 86_400_000;
  }

  /** A warning for the record's date, or null when it is plausible. */
  check(record: BatchRecord): { message: string; value: string; column: string } | null {
    const found = instantOf(record);
    if (!found) return null;
    const [at, column] = found;
    if (at >= 0 && at <= this.latest) return null;
    const value = new Date(at).toISOString();
    const message = at < 0
      ? `${column} ${value.slice(0, 10)} is before 1970; kept as written, check the year`
      : `${column} ${value.slice(0, 10)} is more than ${this.futureDays} day(s) after today; kept as written, check the year`;
    return { message, value, column };
  }
}
