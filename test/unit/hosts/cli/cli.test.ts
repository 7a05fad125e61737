/**
 * The lottrace command line, called in-process through main(argv, io) with
 * a capturing io and a real database file in a temp folder: exit codes
 * (0 ok, 1 rejected input, 2 usage), what goes to stdout and stderr, and the
 * exact JSON shapes. One test spawns the real bin (tsx loader included).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/hosts/cli/main';
import { SMALL_PLANT } from '../../../fixtures/import/helpers';

const REPO = resolve(import.meta.dirname, '..', '..', '..', '..');

let dir: string;
let dbPath: string;
let savedEnv: string | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-cli-'));
  dbPath = join(dir, 'plant.db');
  savedEnv = process.env.LOTTRACE_DB;
  delete process.env.LOTTRACE_DB;
});
afterEach(() => {
  if (savedEnv === undefined) delete process.env.LOTTRACE_DB;
  else process.env.LOTTRACE_DB = savedEnv;
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI against the test database (unless the args name another). */
async function cli(args: string[], { db = true } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(db ? [...args, '--db', dbPath] : args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const plantFiles = ['receipts.csv', 'production.csv', 'shipments.csv'].map((f) => join(SMALL_PLANT, f));

async function smallPlant(): Promise<void> {
  expect((await cli(['settings', 'timezone', 'America/Chicago'])).code).toBe(0);
  const r = await cli(['import', ...plantFiles]);
  expect(r.code, r.err).toBe(0);
}

describe('init and settings', () => {
  it('creates the database and reports where', async () => {
    const r = await cli(['init']);
    expect(r).toEqual({ code: 0, out: `database ready: ${dbPath}`, err: '' });
    expect(existsSync(dbPath)).toBe(true);
    const j = await cli(['init', '--json']);
    expect(JSON.parse(j.out)).toMatchObject({ db: dbPath, settings: { site: 'P1', lotPattern: '{SITE}-{YY}{JJJ}-{SEQ:3}' } });
  });

  it('shows and changes settings, refusing bad values with exit 1', async () => {
    expect(await cli(['settings', 'timezone', 'America/Chicago'])).toEqual({ code: 0, out: 'timezone=America/Chicago', err: '' });
    expect(await cli(['settings', 'site'])).toEqual({ code: 0, out: 'site=P1', err: '' });
    const bad = await cli(['settings', 'timezone', 'Nowhere/City']);
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('lottrace: unknown time zone "Nowhere/City" (use an IANA name such as America/Chicago)');
    expect((await cli(['settings', 'colour'])).code).toBe(1);
  });

  it('refuses to change the time zone of a plant with lots without --reason, and logs it with one (issue 15)', async () => {
    await smallPlant();
    const refused = await cli(['settings', 'timezone', 'Europe/Berlin']);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      "lottrace: changing the plant time zone from America/Chicago to Europe/Berlin moves the plant-local dates of the lots on record (and every report's); give a reason (CLI: --reason TEXT) — the change is logged in the audit trail",
    );
    expect((await cli(['settings', 'timezone'])).out).toBe('timezone=America/Chicago');
    expect(await cli(['settings', 'timezone', 'Europe/Berlin', '--reason', 'plant moved', '--user', 'admin.carl'])).toEqual({ code: 0, out: 'timezone=Europe/Berlin', err: '' });
    const audit = JSON.parse((await cli(['audit', '--action', 'settings.change', '--json'])).out) as { key: string; user: string; before: string; after: string; reason: string }[];
    expect(audit.filter((e) => e.key === 'timezone').map((e) => [e.user, e.before, e.after, e.reason]).at(-1)).toEqual(['admin.carl', '{"value":"America/Chicago"}', '{"value":"Europe/Berlin"}', 'plant moved']);
  });
});

describe('import', () => {
  it('imports the small plant with one line per file', async () => {
    await cli(['settings', 'timezone', 'America/Chicago']);
    const r = await cli(['import', ...plantFiles]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      `${plantFiles[0]}: imported (receipts, 4 rows: 4 new, 0 duplicates)`,
      `${plantFiles[1]}: imported (production, 9 rows: 9 new, 0 duplicates)`,
      `${plantFiles[2]}: imported (shipments, 3 rows: 3 new, 0 duplicates)`,
    ]);
    expect(r.err).toBe('');
  });

  it('says "already imported" for a file imported before and exits 0', async () => {
    await smallPlant();
    const r = await cli(['import', plantFiles[0]!]);
    expect(r).toEqual({ code: 0, out: `${plantFiles[0]}: already imported, nothing changed`, err: '' });
  });

  it('rejects a bad file with exit 1, the errors on stderr, and still imports the good files', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'shipped_at,item,lot,quantity,uom,customer\n2026-03-07,COOKIE,C-1,12,ea,Grocer\n2026-03-07,COOKIE,C-1,x,ea,Grocer\n2026-02-30,COOKIE,C-1,1,ea,Grocer\n');
    const r = await cli(['import', bad, plantFiles[0]!]);
    expect(r.code).toBe(1);
    expect(r.out.split('\n')).toEqual([`${bad}: rejected, nothing stored (2 errors)`, `${plantFiles[0]}: imported (receipts, 4 rows: 4 new, 0 duplicates)`]);
    expect(r.err.split('\n')).toEqual([
      `  ${bad}: line 3: quantity: is not a number (value: "x")`,
      `  ${bad}: line 4: shipped_at: no such calendar date (value: "2026-02-30")`,
    ]);
    const lot = await cli(['lot', 'C-1']);
    expect(lot.code).toBe(1);
    expect(lot.err).toBe('lottrace: no lot C-1');
  });

  it('prints warnings on stderr and the results as JSON with --json', async () => {
    const ship = join(dir, 'ship.csv');
    writeFileSync(ship, 'shipped_at,item,lot,quantity,uom,customer,extra\n2026-03-07T14:00:00,COOKIE,C-1,12,ea,Grocer,x\n');
    const r = await cli(['import', ship]);
    expect(r.code).toBe(0);
    expect(r.err.split('\n')).toEqual([
      '  2 warnings:',
      '            1  columns not used by the layout (ignored_columns)',
      '            1  lot not on record as received or produced (unknown_origin)',
      `  warning: ${ship}: line 1: column(s) not used by the shipments layout were ignored: extra`,
      `  warning: ${ship}: line 2: lot C-1 of item COOKIE is not on record as received or produced; created with origin unknown until its receipt or production arrives`,
    ]);
    const again = await cli(['import', ship, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toEqual([expect.objectContaining({ file: ship, outcome: 'already_imported', rows: 0 })]);
  });

  it('rejects a file that does not exist (exit 1) and imports JSON documents', async () => {
    const missing = join(dir, 'missing.csv');
    const r = await cli(['import', missing]);
    expect(r.code).toBe(1);
    expect(r.out).toBe(`${missing}: rejected, nothing stored (1 error)`);
    expect(r.err.startsWith(`  ${missing}: cannot read file: ENOENT`)).toBe(true);

    const doc = join(dir, 'b.json');
    writeFileSync(doc, JSON.stringify({ type: 'production', batch: 'B-1001', produced_at: '2026-03-14T06:00:00Z', outputs: [{ item: 'CAPS', lot: 'L-1001', quantity: 1000, uom: 'ea' }], inputs: [] }));
    expect(await cli(['import', doc])).toEqual({ code: 0, out: `${doc}: imported (json, 1 rows: 1 new, 0 duplicates)`, err: '' });
    expect(JSON.parse((await cli(['lot', 'L-1001', '--json'])).out).lot).toMatchObject({ item: 'CAPS', origin: 'produced', quantity: 1000, produced_at: '2026-03-14T06:00:00.000Z' });
  });

  it('needs at least one file (exit 2)', async () => {
    const r = await cli(['import']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^lottrace: import needs at least one FILE\n\nusage: lottrace/);
  });
});

describe('trace', () => {
  beforeEach(smallPlant);

  it('refuses a lot code shared by two items without --item (exit 1), naming both', async () => {
    const r = await cli(['trace', 'A100']);
    expect(r).toEqual({ code: 1, out: '', err: 'lottrace: lot A100 exists under 2 items (FLOUR, SALT); choose one with --item' });
  });

  it('prints the forward trace of SALT A100 as JSON with the documented shape', async () => {
    const r = await cli(['trace', 'A100', '--item', 'SALT', '--direction', 'forward', '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const t = JSON.parse(r.out);
    expect(Object.keys(t)).toEqual(expect.arrayContaining(['root', 'direction', 'lots', 'links', 'shipments', 'receipts']));
    expect(t.root).toEqual({ item: 'SALT', lot: 'A100' });
    expect(t.direction).toBe('forward');

    for (const lot of t.lots) {
      expect(lot).toEqual(expect.objectContaining({ item: expect.any(String), lot: expect.any(String), depth: expect.any(Number), status: expect.any(String), quantity: expect.any(Number), uom: expect.any(String) }));
    }
    expect(t.lots.map(({ item, lot, depth, status, quantity, uom }: Record<string, unknown>) => ({ item, lot, depth, status, quantity, uom }))).toEqual([
      { item: 'SALT', lot: 'A100', depth: 0, status: 'released', quantity: 500, uom: 'kg' },
      { item: 'COOKIE', lot: 'C-2', depth: 1, status: 'released', quantity: 1000, uom: 'ea' },
      { item: 'DOUGH', lot: 'D-1', depth: 1, status: 'consumed', quantity: 800, uom: 'kg' },
      { item: 'COOKIE', lot: 'C-1', depth: 2, status: 'consumed', quantity: 2000, uom: 'ea' },
      { item: 'CRUMBS', lot: 'CR-1', depth: 2, status: 'released', quantity: 50, uom: 'kg' },
    ]);

    for (const link of t.links) {
      expect(Object.keys(link.from).sort()).toEqual(['item', 'lot']);
      expect(Object.keys(link.to).sort()).toEqual(['item', 'lot']);
      expect(link).toEqual(expect.objectContaining({ quantity: expect.any(Number), uom: expect.any(String), batch: expect.any(String) }));
    }
    const links = t.links.map((l: { from: { item: string; lot: string }; to: { item: string; lot: string }; quantity: number; uom: string; batch: string }) => `${l.batch} ${l.from.item}/${l.from.lot} -> ${l.to.item}/${l.to.lot} ${l.quantity} ${l.uom}`);
    expect(links.sort()).toEqual([
      'B-1 SALT/A100 -> DOUGH/D-1 20 kg',
      'B-2 DOUGH/D-1 -> COOKIE/C-1 500 kg',
      'B-2 DOUGH/D-1 -> CRUMBS/CR-1 500 kg',
      'B-3 CRUMBS/CR-1 -> COOKIE/C-2 20 kg',
      'B-3 DOUGH/D-1 -> COOKIE/C-2 300 kg',
      'B-3 SALT/A100 -> COOKIE/C-2 5 kg',
    ]);

    expect(t.shipments).toEqual([
      { item: 'COOKIE', lot: 'C-1', customer: 'Grocer One', ship_to: 'DC North', order: 'SO-1', bol: 'BOL-1', quantity: 1200, uom: 'ea', shipped_at: '2026-03-07T20:00:00.000Z' },
      { item: 'COOKIE', lot: 'C-1', customer: 'Grocer Two', ship_to: 'Store 12', order: 'SO-2', bol: 'BOL-2', quantity: 800, uom: 'ea', shipped_at: '2026-03-08T19:00:00.000Z' },
      { item: 'COOKIE', lot: 'C-2', customer: 'Grocer One', ship_to: 'DC South', order: 'SO-3', bol: 'BOL-3', quantity: 600, uom: 'ea', shipped_at: '2026-03-09T19:00:00.000Z' },
    ]);
    expect(t.receipts).toEqual([]);
  });

  it('lists receipts with their fields on a backward trace', async () => {
    const t = JSON.parse((await cli(['trace', 'C-2', '--direction', 'backward', '--json'])).out);
    expect(t.shipments).toEqual([]);
    expect(t.receipts.map((r: Record<string, unknown>) => Object.keys(r).sort())[0]).toEqual(['item', 'location', 'lot', 'po', 'quantity', 'received_at', 'supplier', 'supplier_lot', 'uom']);
    expect(t.receipts.map((r: { item: string; supplier: string }) => `${r.item} ${r.supplier}`)).toEqual([
      'SUGAR Sweet Co', 'FLOUR Müller Öl GmbH', 'SALT Café São Paulo, Ltda.', 'FILM Pack Ltd',
    ]);
  });

  it('prints a table without --json', async () => {
    const r = await cli(['trace', 'D-1', '--direction', 'forward', '--depth', '1']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('trace forward from DOUGH / D-1: 4 lots, 3 links, 3 shipments, 0 receipts');
  });

  it('refuses a bad --direction or --depth with exit 2', async () => {
    const r = await cli(['trace', 'D-1', '--direction', 'sideways']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^lottrace: --direction must be forward, backward or both\n\nusage: lottrace/);
    expect((await cli(['trace', 'D-1', '--depth', '0'])).code).toBe(2);
    expect((await cli(['trace', 'D-1', 'C-1'])).code).toBe(2);
  });

  it('exits 1 for an unknown lot', async () => {
    expect(await cli(['trace', 'NOPE', '--item', 'SALT'])).toEqual({ code: 1, out: '', err: 'lottrace: no lot NOPE of item SALT' });
  });
});

describe('lot and status changes', () => {
  beforeEach(smallPlant);

  it('prints a lot with events and mass balance as JSON', async () => {
    const r = await cli(['lot', 'D-1', '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out);
    expect(Object.keys(d).sort()).toEqual(['events', 'lot', 'mass_balance', 'supplier_lots']);
    expect(d.lot).toMatchObject({ item: 'DOUGH', lot: 'D-1', description: 'Dough blend', kind: 'wip', status: 'consumed', quantity: 800, uom: 'kg', on_hand: 0, origin: 'produced', produced_at: '2026-03-04T12:00:00.000Z', expires_on: null });
    expect(d.supplier_lots).toEqual([]);
    expect(d.events).toEqual([
      { type: 'produced', at: '2026-03-04T12:00:00.000Z', quantity: 800, uom: 'kg', detail: { batch: 'B-1', location: 'MIX1' } },
      { type: 'consumed', at: '2026-03-05T12:00:00.000Z', quantity: 500, uom: 'kg', detail: { batch: 'B-2', output_item: 'COOKIE', output_lot: 'C-1' } },
      { type: 'consumed', at: '2026-03-06T12:00:00.000Z', quantity: 300, uom: 'kg', detail: { batch: 'B-3', output_item: 'COOKIE', output_lot: 'C-2' } },
    ]);
    expect(d.mass_balance).toEqual({
      item: 'DOUGH', lot: 'D-1', uom: 'kg', received: 0, produced: 800, consumed: 800, shipped: 0, adjusted: 0, on_hand: 0, unaccounted: 0,
      accounted_pct: 100, unconvertible: [], gaps: [],
    });
  });

  it('shows supplier lots of a received lot', async () => {
    const d = JSON.parse((await cli(['lot', 'A100', '--item', 'FLOUR', '--json'])).out);
    expect(d.supplier_lots).toEqual(['MU-55']);
    expect(d.mass_balance).toMatchObject({ uom: 'lb', received: 2000, consumed: 1000, on_hand: 1000 });
  });

  it('puts a lot on hold with a reason, shown as status and as an event', async () => {
    const h = await cli(['hold', 'C-2', '--reason', 'Customer complaint: foreign matter', '--user', 'qa.anna']);
    expect(h).toEqual({ code: 0, out: 'COOKIE / C-2: released -> on_hold (by qa.anna: Customer complaint: foreign matter)', err: '' });
    const d = JSON.parse((await cli(['lot', 'C-2', '--json'])).out);
    expect(d.lot.status).toBe('on_hold');
    const status = d.events.filter((e: { type: string }) => e.type === 'status');
    expect(status).toEqual([
      { type: 'status', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), detail: { action: 'hold', from: 'released', to: 'on_hold', reason: 'Customer complaint: foreign matter', user: 'qa.anna' } },
    ]);
    // Holding it again is refused as input (exit 1); releasing needs a reason (exit 2).
    expect(await cli(['hold', 'C-2', '--reason', 'again', '--user', 'qa.anna'])).toEqual({ code: 1, out: '', err: 'lottrace: lot is already on_hold' });
    const noReason = await cli(['release', 'C-2']);
    expect(noReason.code).toBe(2);
    expect(noReason.err).toMatch(/^lottrace: release needs --reason TEXT/);
    const blankReason = await cli(['release', 'C-2', '--reason', '   ']);
    expect(blankReason.code).toBe(2);
    expect(JSON.parse((await cli(['lot', 'C-2', '--json'])).out).lot.status).toBe('on_hold');
    expect((await cli(['release', 'C-2', '--reason', 'Investigation closed', '--user', 'qa.anna'])).code).toBe(0);
    expect(JSON.parse((await cli(['lot', 'C-2', '--json'])).out).lot.status).toBe('released');
  });
});

describe('usage errors (exit 2)', () => {
  it('refuses an unknown command', async () => {
    const r = await cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^lottrace: unknown command "frobnicate"\n\nusage: lottrace <command>/);
  });

  it('refuses an unknown option and a missing command', async () => {
    const r = await cli(['trace', 'D-1', '--colour', 'red']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^lottrace: .*--colour/);
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^usage: lottrace/);
  });

  it('prints help to stdout with exit 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^usage: lottrace <command> \[options\]/);
    expect(r.err).toBe('');
  });
});

describe('choosing the database', () => {
  it('uses --db over $LOTTRACE_DB, and $LOTTRACE_DB without --db', async () => {
    const envDb = join(dir, 'from-env.db');
    const flagDb = join(dir, 'from-flag.db');
    process.env.LOTTRACE_DB = envDb;
    const viaEnv = await cli(['init', '--json'], { db: false });
    expect(JSON.parse(viaEnv.out).db).toBe(envDb);
    expect(existsSync(envDb)).toBe(true);
    expect(existsSync(flagDb)).toBe(false);

    const viaFlag = await cli(['init', '--json', '--db', flagDb], { db: false });
    expect(JSON.parse(viaFlag.out).db).toBe(flagDb);
    expect(existsSync(flagDb)).toBe(true);

    // Data goes where --db says, not to $LOTTRACE_DB.
    await cli(['import', plantFiles[0]!, '--db', flagDb], { db: false });
    expect((await cli(['lot', 'S-100', '--db', flagDb], { db: false })).code).toBe(0);
    expect(await cli(['lot', 'S-100'], { db: false })).toEqual({ code: 1, out: '', err: 'lottrace: no lot S-100' });
  });

  it('resolves a relative --db against the working directory', async () => {
    const rel = relative(process.cwd(), join(dir, 'relative.db'));
    expect(rel.startsWith('/')).toBe(false);
    const r = await cli(['init', '--json', '--db', rel], { db: false });
    expect(JSON.parse(r.out).db).toBe(join(dir, 'relative.db'));
    expect(existsSync(join(dir, 'relative.db'))).toBe(true);
  });
});

describe('the real bin', () => {
  it('runs `node electron/hosts/cli/lottrace.mjs --help` through the tsx loader with exit 0', () => {
    const r = spawnSync(process.execPath, ['electron/hosts/cli/lottrace.mjs', '--help'], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    expect(r.error).toBeUndefined();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: lottrace <command> \[options\]/);
  });

  it('exits 2 from the real bin on an unknown command', () => {
    const r = spawnSync(process.execPath, ['electron/hosts/cli/lottrace.mjs', 'frobnicate', '--db', dbPath], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^lottrace: unknown command "frobnicate"/);
  });
});

describe('identifier and text limits (shared/limits.ts, as for imports and the API)', () => {
  it('an over-long lot code, --item or --reason is refused by name before the database is touched', async () => {
    await smallPlant();
    const lot = await cli(['lot', 'L'.repeat(201)]);
    expect(lot).toMatchObject({ code: 1, err: 'lottrace: LOT is 201 characters long; at most 200 are allowed' });
    const item = await cli(['trace', 'S-100', '--item', 'I'.repeat(300)]);
    expect(item).toMatchObject({ code: 1, err: 'lottrace: --item is 300 characters long; at most 200 are allowed' });
    const reason = await cli(['hold', 'S-100', '--reason', 'r'.repeat(2001)]);
    expect(reason).toMatchObject({ code: 1, err: 'lottrace: --reason is 2,001 characters long; at most 2,000 are allowed' });
    // At the limit the command runs (the lot is just not there).
    expect((await cli(['lot', 'L'.repeat(200)])).err).toMatch(/not found|no lot/i);
  });
});
