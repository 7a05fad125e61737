/**
 * recall-letters, consignee-response and recall-status through main(argv,
 * io) on a real database built from the recall test plant (supplier lot
 * MU-55 reaches four consignees): the letters PDF read back with pdftotext
 * holds one letter per consignee with its own lots and orders only; --each
 * writes a file per consignee; a response in a unit never received or above
 * what was received exits 1 with nothing stored; QTY UOM is two words; a
 * second response corrects the first; the status JSON has exactly the
 * agreed fields and matches what was recorded; PDF and CSV are written.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/hosts/cli/main';
import { joinQuantityArgs } from '../../../../electron/hosts/cli/recall-follow-up';
import { addDays } from '../../../../electron/engine/domain/dates';
import { pdfPages, pdfText } from '../../../fixtures/recall/pdf-text';
import { RECALL_PLANT } from '../../../fixtures/recall/plant';
import { CLI_FACTS } from '../../../fixtures/recall/facts';

let dir: string;
let db: string;
let code: string;
/** Today, plant-local: the recall is opened now, and a response cannot precede it nor be in the future. */
const today = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(new Date());
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-follow-up-cli-'));
  db = join(dir, 'plant.db');
  expect((await cli(['settings', 'timezone', 'America/Chicago'])).code).toBe(0);
  expect((await cli(['import', ...['receipts.csv', 'production.csv', 'shipments.csv'].map((f) => join(RECALL_PLANT, f))])).code).toBe(0);
  const r = await cli(['recall', '--supplier-lot', 'MU-55', '--proposed-class', 'I', '--reason', 'Salmonella in flour', '--depth', 'retail', ...CLI_FACTS, '--user', 'qa', '--json']);
  expect(r.code, r.err).toBe(0);
  code = JSON.parse(r.out).recall.code;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const exit = await main([...args, '--db', db], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code: exit, out: out.join('\n'), err: err.join('\n') };
}

function count(sql: string): number {
  const raw = new Database(db, { readonly: true });
  try {
    return raw.prepare(sql).pluck().get() as number;
  } finally {
    raw.close();
  }
}

/** What each consignee received on the plant: its lots, orders and BOLs. */
const RECEIVED = {
  'Animal Feed Co': { lots: ['CR-1'], orders: ['SO-5'] },
  'Grocer One / DC North': { lots: ['C-1', 'C-2'], orders: ['SO-1', 'SO-4'] },
  'Grocer One / DC South': { lots: ['C-2'], orders: ['SO-3'] },
  'Grocer Two / Store 12': { lots: ['C-1', 'BR-1'], orders: ['SO-2', 'SO-6'] },
} as const;
const ALL_ORDERS = ['SO-1', 'SO-2', 'SO-3', 'SO-4', 'SO-5', 'SO-6'];
const ALL_LOTS = ['C-1', 'C-2', 'CR-1', 'BR-1'];

describe('lottrace recall-letters', () => {
  it('writes one letter per consignee, each on its own pages with only its own lots and orders, and one file each', async () => {
    const out = join(dir, 'letters.pdf');
    const each = join(dir, 'each');
    const r = await cli(['recall-letters', '--recall', code, '--out', out, '--each', each, '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ recall: code, letters: 4, out, report_id: expect.stringMatching(/^R-/) });
    // A letter per consignee: each starts on a new page with the heading.
    const pages = pdfPages(out);
    const letters: string[] = [];
    for (const p of pages) {
      if (/URGENT: FOOD (INGREDIENT )?RECALL/.test(p)) letters.push(p);
      else letters[letters.length - 1] += p;
    }
    expect(letters.length).toBe(4);
    // Worded per product type: the crumbs (a co-product used again in production) are an ingredient, the cookies and bread food.
    expect(letters.map((l) => /URGENT: [A-Z ]+RECALL/.exec(l)![0])).toEqual(['URGENT: FOOD INGREDIENT RECALL', 'URGENT: FOOD RECALL', 'URGENT: FOOD RECALL', 'URGENT: FOOD RECALL']);
    for (const [who, got] of Object.entries(RECEIVED)) {
      const [customer, shipTo] = who.split(' / ') as [string, string | undefined];
      const letter = letters.find((l) => l.includes(`To                                        ${customer}`) || new RegExp(`To\\s+${customer}${shipTo ? ` \\(${shipTo}\\)` : ''}`).test(l));
      expect(letter, who).toBeDefined();
      const tokens = new Set(letter!.split(/[\s,/]+/));
      for (const lot of ALL_LOTS) expect(tokens.has(lot), `${who} ${lot}`).toBe((got.lots as readonly string[]).includes(lot));
      for (const order of ALL_ORDERS) expect(tokens.has(order), `${who} ${order}`).toBe((got.orders as readonly string[]).includes(order));
      expect(letter).toContain('Response form');
      expect(letter).toMatch(/Quantity on hand when notified:/);
      const flat = letter!.replace(/\s+/g, ' ');
      expect(flat).toContain('Recall contact: Anna Quality, QA Manager, phone +1 312 555 0100, e-mail anna.quality@example.com');
      expect(flat).toContain('Reason for the recall: Salmonella in flour');
      expect(flat).toContain('This recall extends to the retail level');
    }
    // The formula-like BOL of BR-1 prints as text in Grocer Two's letter.
    expect(letters.find((l) => l.includes('Store 12'))).toContain('=HYPERLINK("http://x")');
    expect(readdirSync(each).sort()).toEqual([
      `${code}-letter-Animal_Feed_Co-Farm_1.pdf`, `${code}-letter-Grocer_One-DC_North.pdf`, `${code}-letter-Grocer_One-DC_South.pdf`, `${code}-letter-Grocer_Two-Store_12.pdf`,
    ]);
    const south = pdfText(join(each, `${code}-letter-Grocer_One-DC_South.pdf`));
    expect(south).toContain('SO-3');
    expect(south).not.toContain('SO-1');
    // Five issued reports: the letters and one per consignee; each verifies.
    expect(count("SELECT count(*) FROM issued_report WHERE kind = 'recall-letters'")).toBe(5);
    const v = await cli(['report', 'verify', join(each, `${code}-letter-Grocer_One-DC_South.pdf`)]);
    expect(v.code, v.err + v.out).toBe(0);
    expect(v.out).toContain(`recall letters of ${code} / Grocer One / DC South`);
  });

  it('exits 2 without --out and 1 for an unknown recall', async () => {
    expect((await cli(['recall-letters', '--recall', code])).code).toBe(2);
    const r = await cli(['recall-letters', '--recall', 'RC-1999-009', '--out', join(dir, 'x.pdf')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no recall RC-1999-009');
  });
});

describe('lottrace consignee-response', () => {
  it('refuses a unit never received and a quantity above what was received (exit 1, nothing stored)', async () => {
    const before = count('SELECT count(*) FROM audit_entry');
    const unit = await cli(['consignee-response', '--recall', code, '--customer', 'Animal Feed Co', '--responded', today(), '--returned', '10', 'cs']);
    expect(unit.code).toBe(1);
    expect(unit.err).toBe("lottrace: Animal Feed Co (Farm 1) never received cs of this recall's lots (received 10 kg); the returned quantity must be in a unit it received");
    const above = await cli(['consignee-response', '--recall', code, '--customer', 'Grocer One', '--ship-to', 'DC South', '--responded', today(), '--on-hand', '601', 'ea']);
    expect(above.code).toBe(1);
    expect(above.err).toBe('lottrace: Grocer One (DC South) received 600 ea; 601 ea on hand is more than it received');
    expect(count('SELECT count(*) FROM recall_consignee_response')).toBe(0);
    expect(count('SELECT count(*) FROM audit_entry')).toBe(before);
  });

  it('asks for --ship-to when the customer received at several places, and for a method with --notified', async () => {
    const r = await cli(['consignee-response', '--recall', code, '--customer', 'Grocer One', '--responded', today()]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Grocer One received the recall\'s lots at 2 places (DC North; DC South): give --ship-to');
    expect((await cli(['consignee-response', '--recall', code, '--customer', 'Animal Feed Co', '--notified', today()])).code).toBe(2);
    expect((await cli(['consignee-response', '--recall', code, '--customer', 'Animal Feed Co', '--notified', today(), '--method', 'pigeon'])).code).toBe(2);
    expect((await cli(['consignee-response', '--recall', code, '--customer', 'Animal Feed Co', '--responded', today(), '--returned', 'ten', 'kg'])).code).toBe(2);
    expect(count('SELECT count(*) FROM recall_consignee_event')).toBe(0);
  });

  it('records notifications and responses; a response again corrects it; recall-status reports exactly what was recorded', async () => {
    const ok = async (args: string[]): Promise<string> => {
      const r = await cli(['consignee-response', '--recall', code, ...args]);
      expect(r.code, r.err).toBe(0);
      return r.out;
    };
    await ok(['--customer', 'Animal Feed Co', '--notified', today(), '--method', 'letter']);
    await ok(['--customer', 'Grocer One', '--ship-to', 'DC North', '--notified', today(), '--method', 'phone']);
    await ok(['--customer', 'Grocer One', '--ship-to', 'DC South', '--notified', `${today()}T00:30`, '--method', 'email']);
    await ok(['--customer', 'Animal Feed Co', '--responded', today(), '--on-hand', '10', 'kg', '--destroyed', '22', 'lb']);
    await ok(['--customer', 'Grocer One', '--ship-to', 'DC South', '--responded', today(), '--on-hand', '600', 'ea', '--returned', '20', 'ea']);
    const corrected = await ok(['--customer', 'Grocer One', '--ship-to', 'DC South', '--responded', today(), '--on-hand', '600', 'ea', '--returned', '500', 'ea', '--destroyed', '100', 'ea']);
    expect(corrected).toContain('correcting response 2 (kept in the history)');
    expect(count('SELECT count(*) FROM recall_consignee_response')).toBe(3);

    const pdf = join(dir, 'status.pdf');
    const csv = join(dir, 'status.csv');
    const s = await cli(['recall-status', '--recall', code, '--json', '--pdf', pdf, '--csv', csv]);
    expect(s.code, s.err).toBe(0);
    expect(JSON.parse(s.out)).toEqual({
      notified: 3, responded: 2,
      not_responded: [{ customer: 'Grocer One', ship_to: 'DC North' }, { customer: 'Grocer Two', ship_to: 'Store 12' }],
      on_hand: [{ quantity: 10, uom: 'kg' }, { quantity: 600, uom: 'ea' }],
      returned: [{ quantity: 500, uom: 'ea' }],
      destroyed: [{ quantity: 22, uom: 'lb' }, { quantity: 100, uom: 'ea' }],
      effectiveness_level: 'A',
      // 2 of 4 responded on the day of the first notification (counted as one day): 2 a day, the other 2 by the next day.
      estimated_completion: addDays(today(), 1),
    });
    const text = pdfText(pdf);
    expect(text).toContain(`Recall status report ${code}`);
    expect(text).toMatch(/Not responded \(7\.53\(b\)\(3\)\)\s+Grocer One \(DC North\); Grocer Two \(Store 12\)/);
    expect(text).toMatch(/level A: 100 % of 4 consignees = 4 to reach; 2 responded: NOT MET yet/);
    expect(text).toMatch(new RegExp(`${today()} 00:30 C[SD]T\\s+Grocer One \\(DC South\\)\\s+email`));
    // Response 2 was replaced by its correction, no. 3; the history keeps both.
    expect(text).toMatch(/^ +2 +Grocer One.* 600 ea +20 ea +- +- .* - +replaced by no\. 3$/m);
    expect(text).toMatch(/^ +3 +Grocer One.* 600 ea +500 ea +100 ea +- .* no\. 2 +in force$/m);
    const rows = readFileSync(csv, 'utf8').split('\r\n');
    expect(rows[0]).toBe('recall,customer,ship_to,received,notified,method,responded,on_hand_when_notified,returned,destroyed,corrected,recovered_pct_per_unit,zone');
    expect(rows.find((r) => r.includes('DC South'))).toMatch(new RegExp(`^${code},Grocer One,DC South,600 ea,${today()} 00:30 C[SD]T,email,${today()},600 ea,500 ea,100 ea,,100 % ea,America/Chicago$`));
    expect(count("SELECT count(*) FROM issued_report WHERE kind = 'recall-status'")).toBe(1);
    const plain = await cli(['recall-status', '--recall', code]);
    expect(plain.code).toBe(0);
    expect(plain.out).toContain('3 of 4 consignees notified, 2 responded');
  });
});

describe('the write gate', () => {
  it('in Part 11 mode refuses a response without a signed-in user, storing nothing', async () => {
    expect((await cli(['init', '--part11'])).code).toBe(0);
    const r = await cli(['consignee-response', '--recall', code, '--customer', 'Animal Feed Co', '--notified', today(), '--method', 'letter']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Part 11 mode is on: this command changes data and needs --as NAME');
    expect(count('SELECT count(*) FROM recall_consignee_event')).toBe(0);
  });
});

describe('QTY UOM on the command line', () => {
  it('joins a number and the unit after it; leaves everything else alone', () => {
    expect(joinQuantityArgs(['x', '--returned', '12', 'cs', '--on-hand', '1.5', 'kg', '--destroyed', '3 ea', '--json'])).toEqual(['x', '--returned', '12 cs', '--on-hand', '1.5 kg', '--destroyed', '3 ea', '--json']);
    expect(joinQuantityArgs(['--returned', '12', '--json'])).toEqual(['--returned', '12', '--json']);
    expect(joinQuantityArgs(['--reason', '12', 'cs'])).toEqual(['--reason', '12', 'cs']);
  });
});
