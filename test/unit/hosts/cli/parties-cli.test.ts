/**
 * `lottrace parties [--missing] [--json]` and `lottrace parties set`, run
 * in-process on a real database file: the gaps after importing events with
 * unknown parties, the firm's missing site record, closing a gap with an
 * edit, and usage errors.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/hosts/cli/main';
import { csv, RECEIPTS } from '../../../fixtures/import/helpers';

let dir: string;
let dbPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-parties-'));
  dbPath = join(dir, 'plant.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...args, '--db', dbPath], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const PARTIES = 'party,role,location,street,city,region,postal_code,country,phone,email,gln,fda_registration';

describe('lottrace parties', () => {
  it('lists the gaps, including the firm site, and an edit closes one', async () => {
    await cli('settings', 'company', 'Acme Foods');
    expect((await cli('import', file('receipts.csv', csv(RECEIPTS, '2026-03-02T08:00:00,SUGAR,Cane sugar,L1,100,kg,Sweet Co,SW-1,PO-1,WH1,')))).code).toBe(0);
    const gaps = await cli('parties', '--missing', '--json');
    expect(gaps.code).toBe(0);
    expect((JSON.parse(gaps.out) as { role: string; party: string; gaps: string[] }[]).map((g) => [g.role, g.party, g.gaps])).toEqual([
      ['site', 'Acme Foods', ['no site record']],
      ['supplier', 'Sweet Co', ['address', 'phone']],
    ]);
    expect((await cli('import', file('parties.csv', csv(PARTIES, 'Acme Foods,site,,1 Factory Rd,Springfield,IL,62701,US,+1 217 555 0100,,,')))).code).toBe(0);
    const set = await cli('parties', 'set', 'supplier', 'Sweet Co', 'street=5 Cane St', 'city=Baton Rouge', 'country=US', 'phone=+1 225 555 0101', '--reason', 'supplier approval file');
    expect(set).toEqual({ code: 0, out: 'supplier Sweet Co: changed', err: '' });
    expect(await cli('parties', '--missing')).toEqual({ code: 0, out: 'no gaps: every party and location has an address and a phone', err: '' });
    const table = (await cli('parties')).out.split('\n');
    expect(table[0]).toMatch(/^role\s+party\s+location\s+address\s+phone\s+identifiers\s+missing$/);
    expect(table.slice(2).map((l) => l.replace(/\s{2,}/g, ' | ').trim())).toEqual([
      'site | Acme Foods | 1 Factory Rd, Springfield, IL 62701, US | +1 217 555 0100',
      'supplier | Sweet Co | 5 Cane St, Baton Rouge, US | +1 225 555 0101',
    ]);
  });

  it('refuses a set without a reason, with an unknown field or role, and for an unknown party', async () => {
    await cli('init');
    expect((await cli('parties', 'set', 'supplier', 'X', 'street=1')).code).toBe(2);
    expect((await cli('parties', 'set', 'supplier', 'X', 'colour=red', '--reason', 'r')).err).toMatch(/unknown field "colour"/);
    expect((await cli('parties', 'set', 'vendor', 'X', 'street=1', '--reason', 'r')).err).toMatch(/unknown role "vendor"/);
    const r = await cli('parties', 'set', 'supplier', 'Nobody', 'street=1', '--reason', 'r');
    expect(r).toMatchObject({ code: 1, err: 'lottrace: no supplier "Nobody" on record' });
  });
});
