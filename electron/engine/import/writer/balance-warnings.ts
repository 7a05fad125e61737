/**
 * The mass-balance warnings of a lot a file changed: a lot only referenced
 * (never received or produced), or more consumed, shipped or written off
 * than it held. They are warnings, not errors: records arrive out of order
 * and the imbalance shows in the lot's mass balance until it is fixed.
 */
import { roundQuantity } from '../../domain/units';
import type { LotState, WriterReport } from './state';

/** The warning a lot's totals call for (unknown origin, more used than held), if any. */
export function balanceWarning(lot: LotState): string | undefined {
  const label = `lot ${lot.code} of item ${lot.item.code}`;
  if (lot.origin === 'unknown') {
    return lot.createdHere ? `${label} is not on record as received or produced; created with origin unknown until its receipt or production arrives` : undefined;
  }
  const used = roundQuantity(lot.consumed + lot.shipped);
  if (used > lot.quantity * (1 + 1e-9) + 1e-9) {
    return `${label}: ${used} ${lot.uom} consumed or shipped but only ${lot.quantity} ${lot.uom} received or produced (over by ${roundQuantity(used - lot.quantity)} ${lot.uom}); see its mass balance`;
  }
  const out = roundQuantity(used + lot.adjusted);
  if (lot.adjusted > 0 && out > lot.quantity * (1 + 1e-9) + 1e-9) {
    return `${label}: ${out} ${lot.uom} consumed, shipped or written off but only ${lot.quantity} ${lot.uom} received or produced (over by ${roundQuantity(out - lot.quantity)} ${lot.uom})`;
  }
  return undefined;
}

/** Reports a lot's balance warning, if it has one, where the file first referenced the lot. */
export function checkBalance(lot: LotState, report: WriterReport): void {
  const warning = balanceWarning(lot);
  if (warning) report.warning(lot.firstSeen, warning);
}
