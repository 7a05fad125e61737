/**
 * Units of measure. Quantities are stored in the unit they were given in;
 * this module decides when two units can be compared or summed (mass with
 * mass, volume with volume, a count unit only with itself) and converts
 * between them. Nothing here ever adds kilograms to cases.
 */

export type Dimension = 'mass' | 'volume' | 'count';

interface UnitDef {
  /** Canonical symbol stored in the database. */
  readonly symbol: string;
  readonly dimension: Dimension;
  /** Size of one unit in the dimension's base unit (g for mass, ml for volume, 1 for counts). */
  readonly factor: number;
}

const DEFS: readonly (UnitDef & { aliases: readonly string[] })[] = [
  { symbol: 'g', dimension: 'mass', factor: 1, aliases: ['gram', 'grams', 'gr', 'grm'] },
  { symbol: 'kg', dimension: 'mass', factor: 1000, aliases: ['kgs', 'kilogram', 'kilograms', 'kgm'] },
  { symbol: 'mg', dimension: 'mass', factor: 0.001, aliases: ['milligram', 'mgm'] },
  { symbol: 'lb', dimension: 'mass', factor: 453.59237, aliases: ['lbs', 'pound', 'pounds', 'lbr'] },
  { symbol: 'oz', dimension: 'mass', factor: 28.349523125, aliases: ['ounce', 'ounces', 'onz'] },
  { symbol: 't', dimension: 'mass', factor: 1_000_000, aliases: ['tonne', 'tonnes', 'mt', 'tne'] },
  { symbol: 'ml', dimension: 'volume', factor: 1, aliases: ['millilitre', 'milliliter', 'mlt'] },
  { symbol: 'l', dimension: 'volume', factor: 1000, aliases: ['litre', 'liter', 'litres', 'liters', 'ltr'] },
  { symbol: 'hl', dimension: 'volume', factor: 100_000, aliases: ['hectolitre', 'hectoliter', 'hlt'] },
  { symbol: 'gal', dimension: 'volume', factor: 3785.411784, aliases: ['gallon', 'gallons', 'gll'] },
  { symbol: 'ea', dimension: 'count', factor: 1, aliases: ['each', 'pc', 'pcs', 'piece', 'pieces', 'unit', 'units', 'h87', 'c62'] },
  { symbol: 'cs', dimension: 'count', factor: 1, aliases: ['case', 'cases', 'cse'] },
  { symbol: 'bag', dimension: 'count', factor: 1, aliases: ['bags', 'bg'] },
  { symbol: 'box', dimension: 'count', factor: 1, aliases: ['boxes', 'bx'] },
  { symbol: 'btl', dimension: 'count', factor: 1, aliases: ['bottle', 'bottles', 'bo'] },
  { symbol: 'can', dimension: 'count', factor: 1, aliases: ['cans', 'ca'] },
  { symbol: 'drum', dimension: 'count', factor: 1, aliases: ['drums', 'dr'] },
  { symbol: 'tote', dimension: 'count', factor: 1, aliases: ['totes', 'ibc'] },
  { symbol: 'pallet', dimension: 'count', factor: 1, aliases: ['pallets', 'plt', 'pf'] },
  { symbol: 'roll', dimension: 'count', factor: 1, aliases: ['rolls', 'ro'] },
];

const BY_NAME = new Map<string, UnitDef>();
for (const def of DEFS) {
  const unit: UnitDef = { symbol: def.symbol, dimension: def.dimension, factor: def.factor };
  BY_NAME.set(def.symbol, unit);
  for (const alias of def.aliases) BY_NAME.set(alias, unit);
}

/** The canonical symbol for a unit as written in a file, or undefined if unknown. */
export function normalizeUnit(raw: string): string | undefined {
  return BY_NAME.get(raw.trim().toLowerCase())?.symbol;
}

export function knownUnits(): string[] {
  return DEFS.map((d) => d.symbol);
}

/** Every canonical unit with its dimension and size in the dimension's base unit (g, ml, or 1 for a count). */
export function unitTable(): readonly UnitDef[] {
  return DEFS.map((d) => ({ symbol: d.symbol, dimension: d.dimension, factor: d.factor }));
}

export function unitDimension(unit: string): Dimension | undefined {
  return BY_NAME.get(unit)?.dimension;
}

/**
 * Whether quantities in `from` can be expressed in `to`. Count units only
 * convert to themselves: a case is not a fixed number of each.
 */
export function convertible(from: string, to: string): boolean {
  if (from === to) return true;
  const a = BY_NAME.get(from);
  const b = BY_NAME.get(to);
  if (!a || !b || a.dimension !== b.dimension) return false;
  return a.dimension !== 'count';
}

/** Converts `quantity` from one unit to another; undefined when not convertible. */
export function convert(quantity: number, from: string, to: string): number | undefined {
  if (from === to) return quantity;
  if (!convertible(from, to)) return undefined;
  const a = BY_NAME.get(from)!;
  const b = BY_NAME.get(to)!;
  return roundQuantity((quantity * a.factor) / b.factor);
}

/** Rounds away binary floating-point noise (1e-9 relative) so sums print as people expect. */
export function roundQuantity(q: number): number {
  return Math.round(q * 1e9) / 1e9;
}

/**
 * A sum that refuses to mix dimensions: parts in units convertible to the
 * target are added up, the rest are kept apart per unit and reported.
 */
export class QuantitySum {
  total = 0;
  readonly unconvertible = new Map<string, number>();

  constructor(readonly unit: string) {}

  add(quantity: number, unit: string): boolean {
    const q = convert(quantity, unit, this.unit);
    if (q === undefined) {
      this.unconvertible.set(unit, roundQuantity((this.unconvertible.get(unit) ?? 0) + quantity));
      return false;
    }
    this.total = roundQuantity(this.total + q);
    return true;
  }

  get isMixed(): boolean {
    return this.unconvertible.size > 0;
  }

  unconvertibleList(): { quantity: number; uom: string }[] {
    return [...this.unconvertible].map(([uom, quantity]) => ({ quantity, uom }));
  }
}
