/**
 * The master-data listing the CLI (`lottrace parties [--missing]`) and the
 * app's master-data page share: every party location with its values and
 * gaps, and — when no role 'site' party is on record — a gap for the firm's
 * own site, whose address every Shipping row's ship-from needs.
 */
import type { Db } from '../db/database';
import type { PartyRow } from '../../contract/dto/master-data';
import { readSettings } from '../settings/settings';
import { listParties } from './party-locations';
import { emptyValues } from './party-values';

export function partyRows(db: Db, opts: { missing?: boolean } = {}): PartyRow[] {
  const all = listParties(db);
  const rows: PartyRow[] = opts.missing ? all.filter((r) => r.gaps.length > 0) : [...all];
  if (!all.some((r) => r.role === 'site')) {
    const s = readSettings(db);
    rows.unshift({ role: 'site', party: s.company || `(site ${s.site})`, location: '', values: emptyValues(), gaps: ['no site record'], source: '', versions: 0 });
  }
  return rows;
}
