/**
 * The mass-balance warnings of a lot a file changed: a lot only referenced
 * (never received or produced), or more consumed, shipped or written off
 * than it held. They are warnings, not errors: records arrive out of order
 * and the imbalance shows in the lot's mass balance until it is fixed.
 */
import { roundQuantity } from '../../domain/units';
import type { LotState, WarningDetail, WriterReport } from './state';

/** The warning a lot's totals call for (unknown origin, more used than held), if any, with its kind and excess. */
export function balanceWarning(lot: LotState): { message: string; detail: WarningDetail } | undefined {
  const label = `lot ${lot.code} of item ${lot.item.code}`;
  const which = { item: lot.item.code, lot: lot.code, uom: lot.uom };
  if (lot.origin === 'unknown') {
    return lot.createdHere
      ? { message: `${label} is not on record as received or produced; created with origin unknown until its receipt or production arrives`, detail: { kind: 'unknown_origin', ...which } }
      : undefined;
  }
  const used = roundQuantity(lot.consumed + lot.shipped);
  if (used > lot.quantity * (1 + 1e-9) + 1e-9) {
    const excess = roundQuantity(used - lot.quantity);
    return {
      message: `${label}: ${used} ${lot.uom} consumed or shipped but only ${lot.quantity} ${lot.uom} received or produced (over by ${excess} ${lot.uom}); see its mass balance`,
      detail: { kind: 'over_used', ...which, excess, held: lot.quantity },
    };
  }
  const out = roundQuantity(used + lot.adjusted);
  if (lot.adjusted > 0 && out > lot.quantity * (1 + 1e-9) + 1e-9) {
    const excess = roundQuantity(out - lot.quantity);
    return {
      message: `${label}: ${out} ${lot.uom} consumed, shipped or written off but only ${lot.quantity} ${lot.uom} received or produced (over by ${excess} ${lot.uom})`,
      detail: { kind: 'over_written_off', ...which, excess, held: lot.quantity },
    };
  }
  return undefined;
}

/** Reports a lot's balance warning, if it has one, where the file first referenced the lot. */
export function checkBalance(lot: LotState, report: WriterReport): void {
  const warning = balanceWarning(lot);
  if (warning) report.warning(lot.firstSeen, warning.message, undefined, undefined, warning.detail);
}
