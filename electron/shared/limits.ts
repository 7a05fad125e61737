/**
 * Limits every entry point applies alike (CSV, JSON and EPCIS imports, the
 * API, the CLI), so a value one accepts is never refused by another.
 *
 * MAX_QUANTITY: one quantity of a receipt, batch line, shipment or
 * adjustment. 10^12 of any unit is beyond any plant's record, yet sums of
 * millions of such values stay finite and exact to well below a unit, so
 * totals, mass balances and reports never meet Infinity or NaN.
 */
export const MAX_QUANTITY = 1e12;
