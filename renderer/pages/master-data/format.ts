/**
 * How the master-data page writes a party location's values in one line:
 * the address as "street, city, region postal, country" and the identifiers
 * FDA looks a facility up by — the same wording as `lottrace parties` and
 * the FSMA 204 export's location descriptions (engine/parties/party-values.ts,
 * which the renderer cannot import).
 */
import type { PartyGap, PartyRow } from '../../../electron/contract/dto/master-data';

export function addressLine(v: PartyRow['values']): string {
  const regionPostal = [v.region, v.postal_code].filter(Boolean).join(' ');
  return [v.street, v.city, regionPostal, v.country].filter(Boolean).join(', ');
}

export function identifiers(v: PartyRow['values']): string {
  return [v.fda_registration && `FFRN ${v.fda_registration}`, v.gln && `GLN ${v.gln}`, v.fei && `FEI ${v.fei}`].filter(Boolean).join('; ');
}

const GAP_WORDS: Record<PartyGap, string> = { address: 'address missing', phone: 'phone missing', 'no site record': 'no site record' };

export function gapLabel(g: PartyGap): string {
  return GAP_WORDS[g];
}
