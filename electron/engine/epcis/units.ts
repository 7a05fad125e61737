/**
 * UN/CEFACT Recommendation 20/21 unit codes (the `uom` of EPCIS quantity
 * elements) to the engine's unit symbols (electron/engine/domain/units.ts) and
 * back. A quantity element without a uom counts instances: 'ea'.
 */
import { normalizeUnit } from '../domain/units';

const CEFACT: Record<string, string> = {
  KGM: 'kg', GRM: 'g', MGM: 'mg', LBR: 'lb', ONZ: 'oz', TNE: 't',
  LTR: 'l', MLT: 'ml', HLT: 'hl', GLL: 'gal',
  EA: 'ea', H87: 'ea', C62: 'ea', XEA: 'ea', NAR: 'ea', PCE: 'ea',
  CS: 'cs', XCS: 'cs', CT: 'cs', XCT: 'cs',
  BG: 'bag', XBG: 'bag', BX: 'box', XBX: 'box', BO: 'btl', XBO: 'btl', CA: 'can', XCA: 'can',
  DR: 'drum', XDR: 'drum', WA: 'tote', XWA: 'tote', PF: 'pallet', XPF: 'pallet', PX: 'pallet', XPX: 'pallet', RO: 'roll', XRO: 'roll',
};

const TO_CEFACT: Record<string, string> = {
  kg: 'KGM', g: 'GRM', mg: 'MGM', lb: 'LBR', oz: 'ONZ', t: 'TNE', l: 'LTR', ml: 'MLT', hl: 'HLT', gal: 'GLL',
  cs: 'CS', bag: 'BG', box: 'BX', btl: 'BO', can: 'CA', drum: 'DR', tote: 'WA', pallet: 'PF', roll: 'RO',
};

/** The engine unit of an EPCIS uom, or undefined for a code LotTrace does not know. */
export function unitFromCefact(uom: string | undefined): string | undefined {
  if (uom === undefined || uom === '') return 'ea';
  return CEFACT[uom.trim().toUpperCase()] ?? normalizeUnit(uom);
}

/** The UN/CEFACT code of an engine unit; undefined for 'ea' (instances: no uom in EPCIS). */
export function cefactFromUnit(unit: string): string | undefined {
  if (unit === 'ea') return undefined;
  return TO_CEFACT[unit] ?? unit.toUpperCase();
}
