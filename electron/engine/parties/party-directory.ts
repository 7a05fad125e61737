/**
 * Every party location's current values held in memory for a report that
 * describes many events (the FSMA 204 export): a party location is looked
 * up by role, party name and location, a plant location code by the firm's
 * own site (see party-locations.ts for how the site and codes resolve).
 * Master data is small next to the event tables, so one read is cheaper
 * than a query per row.
 */
import type { Db } from '../db/database';
import { listParties, type PartyListing } from './party-locations';
import { emptyValues, locationDescription, type PartyValues } from './party-values';

export interface Place {
  name: string;
  location: string;
  values: PartyValues;
}

export class PartyDirectory {
  private readonly byKey = new Map<string, PartyListing>();
  /** The firm's own site party, when one is on record. */
  readonly site: PartyListing | undefined;

  constructor(db: Db, company: string) {
    const all = listParties(db);
    for (const p of all) this.byKey.set(`${p.role}\u0000${p.party}\u0000${p.location}`, p);
    const sites = all.filter((p) => p.role === 'site' && p.location === '');
    this.site = sites.find((s) => s.party === company.trim()) ?? sites[0];
  }

  /** A supplier's or customer's place; a location not on record is the party's own address, and a party not on record is all gaps. */
  place(role: 'supplier' | 'customer', party: string, location = ''): Place {
    const p = this.byKey.get(`${role}\u0000${party}\u0000${location}`) ?? this.byKey.get(`${role}\u0000${party}\u0000`);
    return { name: party, location, values: p?.values ?? emptyValues() };
  }

  /**
   * Where a plant location code is: a place of that name under the firm's
   * site (a warehouse of its own), else the site itself. `fallbackName`
   * names the firm when no site is on record (then every field is a gap).
   */
  plant(code: string | null, fallbackName: string): Place {
    if (!this.site) return { name: fallbackName, location: '', values: emptyValues() };
    const own = code ? this.byKey.get(`site\u0000${this.site.party}\u0000${code}`) : undefined;
    if (own) return { name: this.site.party, location: own.location, values: own.values };
    return { name: this.site.party, location: '', values: this.site.values };
  }

  static describe(p: Place, withIdentifiers = false): string {
    return locationDescription(p.name, p.location, p.values, { identifiers: withIdentifiers });
  }
}
