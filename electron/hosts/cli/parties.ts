/**
 * `lottrace parties [--missing] [--json]`: every party and location on
 * record with its address, phone and identifiers, and what its FSMA 204
 * location description lacks; --missing lists only the gaps, including a
 * missing record of the firm's own site. `lottrace parties set ROLE PARTY
 * [LOCATION] FIELD=VALUE... --reason TEXT` changes one: a new version,
 * audited with before and after (Part 11 mode: --as and the import right).
 * Returns the exit code: 0 ok (also when gaps are listed), 1 rejected, 2 usage.
 */
import type { Engine } from '../../engine/engine';
import { editPartyLocation } from '../../engine/parties/party-locations';
import { partyRows } from '../../engine/parties/party-gaps';
import { addressLine, ADDRESS_FIELDS, identifiers, PARTY_ROLES, type PartyRole, type PartyValues } from '../../engine/parties/party-values';
import type { Permission } from '../../engine/users/roles';
import { formatTable } from './table';
import type { WriteIdentity } from './write-gate';

export const PARTIES_USAGE = `  parties [--missing] [--json]      parties and locations with address, phone, GLN, FDA registration, FEI;
                                    --missing lists those whose location description lacks an address or phone
  parties set ROLE PARTY [LOCATION] FIELD=VALUE... --reason TEXT
                                    change a party's or location's ${ADDRESS_FIELDS.join(', ')}
                                    (a new version; the earlier values are kept and audited)`;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function runParties(args: string[], v: { json?: boolean; missing?: boolean; reason?: string }, open: () => Engine, gate: (p: Permission) => Promise<WriteIdentity>, io: Io): Promise<number> {
  const usage = (m: string): number => {
    io.err(`lottrace: ${m}\n\nusage:\n${PARTIES_USAGE}`);
    return 2;
  };
  if (args[0] === 'set') {
    const positional = args.slice(1).filter((a) => !a.includes('='));
    const fields = args.slice(1).filter((a) => a.includes('='));
    const [role, party, location = ''] = positional;
    if (!role || !party || positional.length > 3) return usage('parties set needs ROLE PARTY [LOCATION] and FIELD=VALUE pairs');
    if (!(PARTY_ROLES as readonly string[]).includes(role)) return usage(`unknown role "${role}" (known: ${PARTY_ROLES.join(', ')})`);
    if (fields.length === 0) return usage('parties set needs at least one FIELD=VALUE');
    if (!v.reason?.trim()) return usage('parties set needs --reason TEXT');
    const changes: Partial<PartyValues> = {};
    for (const f of fields) {
      const at = f.indexOf('=');
      const name = f.slice(0, at);
      if (!(ADDRESS_FIELDS as readonly string[]).includes(name)) return usage(`unknown field "${name}" (known: ${ADDRESS_FIELDS.join(', ')})`);
      changes[name as keyof PartyValues] = f.slice(at + 1);
    }
    const who = await gate('import');
    const changed = editPartyLocation(open().db, { role: role as PartyRole, party, location }, changes, who.name, v.reason);
    io.out(v.json ? JSON.stringify({ changed }) : changed ? `${role} ${party}${location ? ` / ${location}` : ''}: changed` : 'nothing changed');
    return 0;
  }
  if (args.length > 0) return usage(`unknown parties argument "${args[0]}"`);
  const rows = partyRows(open().db, { missing: v.missing === true });
  if (v.json) {
    io.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  if (rows.length === 0) {
    io.out(v.missing ? 'no gaps: every party and location has an address and a phone' : 'no parties on record');
    return 0;
  }
  io.out(
    formatTable(
      ['role', 'party', 'location', 'address', 'phone', 'identifiers', 'missing'],
      rows.map((r) => [r.role, r.party, r.location, addressLine(r.values), r.values.phone, identifiers(r.values), r.gaps.join(', ')]),
    ),
  );
  return 0;
}
