/**
 * Keeps a cached lot's running totals in step with the event rows the
 * writer adds for it, so its lot row can be written once at flush instead of
 * being recomputed from its rows.
 */
import { joinHome } from '../../inventory/lot-home';
import { convert, roundQuantity } from '../../domain/units';
import type { RecordSource } from '../records';
import type { LotState, WriterReport } from './state';

export type TotalField = 'quantity' | 'consumed' | 'shipped' | 'adjusted';

/** Adds `quantity uom` to one of a lot's running totals, in the lot's unit. */
export function addTo(lot: LotState, field: TotalField, quantity: number, uom: string, at?: number): void {
  if (at !== undefined) touched(lot, at);
  const q = convert(quantity, uom, lot.uom);
  if (q === undefined) lot.unconvertible++;
  else lot[field] = roundQuantity(lot[field] + q);
  lot.dirty = true;
  lot.changedHere = true;
}

/** Widens the lot's home with a receipt or output at `place`, or SEVERAL_PLACES when it moves (inventory/lot-home.ts). */
export function widenHome(lot: LotState, place: number): void {
  const home = joinHome(lot.home, place);
  if (home !== lot.home) {
    lot.home = home;
    lot.dirty = true;
  }
}

/** Keeps the lot's last_event_at (which lets inventory queries skip used-up lots). */
export function touched(lot: LotState, at: number): void {
  if (lot.lastEventAt === null || at > lot.lastEventAt) {
    lot.lastEventAt = at;
    lot.dirty = true;
    lot.changedHere = true;
  }
}

/**
 * Receipt or production gives a lot its identity. When it arrives after
 * the lot was already consumed under another unit, the lot takes the unit
 * it was made or received in and its totals are recomputed from the rows.
 */
export function establish(
  lot: LotState, origin: 'received' | 'produced', at: number, uom: string, expiresOn: string | null, source: RecordSource, report: WriterReport,
): void {
  if (lot.origin === 'unknown') {
    lot.origin = origin;
    if (lot.uom !== uom) {
      lot.uom = uom;
      lot.recompute = true;
    }
  } else if (lot.origin !== origin) {
    report.warning(source, `lot ${lot.code} of item ${lot.item.code} is both received and produced; kept as ${lot.origin}`, undefined, undefined, { kind: 'received_and_produced', item: lot.item.code, lot: lot.code });
  }
  if (lot.producedAt === null || at < lot.producedAt) lot.producedAt = at;
  if (expiresOn) {
    if (lot.expiresOn && lot.expiresOn !== expiresOn) {
      report.warning(source, `lot ${lot.code} of item ${lot.item.code} already expires on ${lot.expiresOn}; kept that date`, expiresOn, 'expires_on', { kind: 'expiry_kept', item: lot.item.code, lot: lot.code });
    } else lot.expiresOn = expiresOn;
  }
  lot.dirty = true;
  lot.changedHere = true;
}
