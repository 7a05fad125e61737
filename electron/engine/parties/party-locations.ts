/**
 * Parties and their locations as master data (migration 13): finding or
 * creating a party location, its current values (the newest version row),
 * appending a version, editing one through the audit trail, and the listing
 * of every party location with what its location description lacks
 * (`lottrace parties [--missing]`).
 *
 * The firm's own site is the role 'site' party named like the company
 * setting, else the first site party on record. A plant location code
 * (a receipt's or transfer's location) resolves to a party location of that
 * name under the firm's site when parties.csv gives one (a separate
 * warehouse), else to the site itself: docks and lines are at its address.
 */
import type { Db } from '../db/database';
import { EngineError } from '../errors';
import { appendAudit } from '../audit/audit-trail';
import { ADDRESS_FIELDS, effectiveValues, emptyValues, gaps, PARTY_ROLES, sameValues, type Gap, type PartyRole, type PartyValues } from './party-values';

export class PartyError extends EngineError {
  readonly code = 'rejected';
}

export type VersionSource = 'migration' | 'auto' | 'import' | 'epcis' | 'edit';

const VALUE_COLUMNS = ADDRESS_FIELDS.join(', ');

function pick(row: Record<string, unknown> | undefined): PartyValues {
  const v = emptyValues();
  if (row) for (const f of ADDRESS_FIELDS) v[f] = String(row[f] ?? '');
  return v;
}

/** The party's id, created when new. */
export function ensureParty(db: Db, role: PartyRole, name: string): number {
  db.prepare('INSERT OR IGNORE INTO party (role, name) VALUES (?, ?)').run(role, name);
  return (db.prepare('SELECT id FROM party WHERE role = ? AND name = ?').pluck().get(role, name) as number);
}

export interface Ensured {
  id: number;
  created: boolean;
}

/** The party location (party, location) — '' for the party itself — created when new with `initial` (default empty) as its first version. */
export function ensurePartyLocation(db: Db, partyId: number, location: string, source: VersionSource, importId: number | null, user = '', initial: PartyValues = emptyValues(), at = Date.now()): Ensured {
  const found = db.prepare('SELECT id FROM party_location WHERE party_id = ? AND location = ?').pluck().get(partyId, location) as number | undefined;
  if (found !== undefined) return { id: found, created: false };
  const id = Number(db.prepare('INSERT INTO party_location (party_id, location, created_at) VALUES (?, ?, ?)').run(partyId, location, at).lastInsertRowid);
  appendVersion(db, id, initial, source, importId, user, '', at);
  return { id, created: true };
}

export function currentValues(db: Db, partyLocationId: number): { versionId: number; values: PartyValues } | undefined {
  const row = db.prepare(`SELECT id, ${VALUE_COLUMNS} FROM party_location_version WHERE party_location_id = ? ORDER BY id DESC LIMIT 1`).get(partyLocationId) as Record<string, unknown> | undefined;
  return row ? { versionId: row.id as number, values: pick(row) } : undefined;
}

export function appendVersion(db: Db, partyLocationId: number, v: PartyValues, source: VersionSource, importId: number | null, user: string, reason: string, at = Date.now()): number {
  return Number(
    db
      .prepare(`INSERT INTO party_location_version (party_location_id, ${VALUE_COLUMNS}, source, import_id, user, reason, at) VALUES (?, ${ADDRESS_FIELDS.map(() => '?').join(', ')}, ?, ?, ?, ?, ?)`)
      .run(partyLocationId, ...ADDRESS_FIELDS.map((f) => v[f]), source, importId, user, reason, at).lastInsertRowid,
  );
}

export interface PartyKey {
  role: PartyRole;
  party: string;
  /** '' = the party itself. */
  location?: string;
}

/**
 * Changes a party location's values: a new version row and a 'party.update'
 * audit entry with before and after, in one transaction. Fields not given
 * keep their values; the party location must exist. Returns false when
 * nothing changed (then nothing is written).
 */
export function editPartyLocation(db: Db, key: PartyKey, changes: Partial<PartyValues>, user: string, reason: string): boolean {
  if (!(PARTY_ROLES as readonly string[]).includes(key.role)) throw new PartyError(`unknown role "${key.role}" (known: ${PARTY_ROLES.join(', ')})`);
  if (!user.trim()) throw new PartyError('changing a party needs a user');
  if (!reason.trim()) throw new PartyError('changing a party needs a reason');
  for (const f of Object.keys(changes)) if (!(ADDRESS_FIELDS as readonly string[]).includes(f)) throw new PartyError(`unknown field "${f}" (known: ${ADDRESS_FIELDS.join(', ')})`);
  return db.transaction(() => {
    const location = key.location ?? '';
    const pl = db.prepare('SELECT pl.id FROM party_location pl JOIN party p ON p.id = pl.party_id WHERE p.role = ? AND p.name = ? AND pl.location = ?').pluck().get(key.role, key.party, location) as number | undefined;
    if (pl === undefined) throw new PartyError(`no ${key.role} "${key.party}"${location ? ` with location "${location}"` : ''} on record`);
    const before = currentValues(db, pl)!;
    const after: PartyValues = { ...before.values };
    for (const [f, v] of Object.entries(changes)) after[f as keyof PartyValues] = String(v ?? '').trim();
    const problem = validateValues(after);
    if (problem) throw new PartyError(problem);
    if (sameValues(before.values, after)) return false;
    const versionId = appendVersion(db, pl, after, 'edit', null, user.trim(), reason.trim());
    appendAudit(db, {
      user, action: 'party.update', entity: 'party_location', key: partyKeyText(key.role, key.party, location), reason,
      before: before.values, after: { version_id: versionId, ...after },
    });
    return true;
  })();
}

export function partyKeyText(role: string, party: string, location: string): string {
  return `${role}:${party}${location ? ` / ${location}` : ''}`;
}

/** A check digit valid GS1 number (GLN 13 digits, GTIN 8/12/13/14). */
export function gs1CheckDigitOk(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 2, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += Number(digits[i]) * w;
  return (10 - (sum % 10)) % 10 === Number(digits[digits.length - 1]);
}

/** The first thing wrong with a set of values, or ''. */
export function validateValues(v: PartyValues): string {
  if (v.gln && !(/^\d{13}$/.test(v.gln) && gs1CheckDigitOk(v.gln))) return `gln "${v.gln}" is not a 13-digit GLN with a valid check digit`;
  if (v.email && !/^[^\s@]+@[^\s@]+$/.test(v.email)) return `email "${v.email}" is not an e-mail address`;
  if (v.fda_registration && !/^\d{11}$/.test(v.fda_registration.replace(/[\s-]/g, ''))) return `fda_registration "${v.fda_registration}" is not an 11-digit FDA Food Facility Registration number`;
  if (v.fei && !/^\d{7,10}$/.test(v.fei)) return `fei "${v.fei}" is not an FDA Establishment Identifier (7 to 10 digits)`;
  for (const f of ADDRESS_FIELDS) if (v[f].length > 300) return `${f} is longer than 300 characters`;
  return '';
}

export interface PartyListing {
  role: PartyRole;
  party: string;
  location: string;
  /** The values that hold there (a location without its own address takes its party's). */
  values: PartyValues;
  gaps: Gap[];
  /** Where the current values came from. */
  source: VersionSource;
  versions: number;
}

/** Every party location with its current values and gaps, by role, party and location. */
export function listParties(db: Db, opts: { missing?: boolean } = {}): PartyListing[] {
  const rows = db
    .prepare(`SELECT pl.id, pl.party_id, p.role, p.name, pl.location, v.source, ${ADDRESS_FIELDS.map((f) => `v.${f}`).join(', ')},
        (SELECT count(*) FROM party_location_version c WHERE c.party_location_id = pl.id) AS versions
      FROM party_location pl JOIN party p ON p.id = pl.party_id
      JOIN party_location_version v ON v.id = (SELECT max(id) FROM party_location_version x WHERE x.party_location_id = pl.id)
      ORDER BY p.role, p.name, pl.location`)
    .all() as (Record<string, unknown> & { party_id: number; role: PartyRole; name: string; location: string; source: VersionSource; versions: number })[];
  const own = new Map<number, PartyValues>();
  for (const r of rows) if (r.location === '') own.set(r.party_id, pick(r));
  const out: PartyListing[] = rows.map((r) => {
    const values = r.location === '' ? pick(r) : effectiveValues(pick(r), own.get(r.party_id));
    return { role: r.role, party: r.name, location: r.location, values, gaps: gaps(values), source: r.source, versions: r.versions };
  });
  return opts.missing ? out.filter((r) => r.gaps.length > 0) : out;
}
