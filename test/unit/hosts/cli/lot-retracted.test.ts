/**
 * `lottrace lot` lists what EPCIS error declarations retracted (issue 19):
 * after a later file retracts a shipment, the lot's figures leave it out and
 * a section below them names it with the declaration's reason and file;
 * --json carries the same records as `retracted`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../../electron/hosts/cli/main';
import { PLANT_DOC, RETRACTED, retraction } from '../../../fixtures/epcis/retraction-plant';

let dir: string;
let dbPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-cli-retracted-'));
  dbPath = join(dir, 'lottrace.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...args, '--db', dbPath], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('lot with retracted records', () => {
  it('prints the retracted shipment below the figures, which leave it out', async () => {
    writeFileSync(join(dir, 'plant.jsonld'), PLANT_DOC);
    writeFileSync(join(dir, 'retract.jsonld'), retraction);
    expect((await cli(['init'])).code).toBe(0);
    expect((await cli(['import', join(dir, 'plant.jsonld')])).code).toBe(0);
    const before = await cli(['lot', 'L1', '--item', 'FG']);
    expect(before.out).not.toContain('retracted');
    expect((await cli(['import', join(dir, 'retract.jsonld')])).code).toBe(0);
    const r = await cli(['lot', 'L1', '--item', 'FG']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toContain('quantity 100 kg, on hand 90 kg, produced/received 2026-03-02T08:00:00.000Z, expires -');
    const at = lines.indexOf('retracted by EPCIS error declarations (kept on record, not in the figures above)');
    expect(at).toBeGreaterThan(lines.indexOf('mass balance'));
    expect(lines[at + 1]!.split(/\s{2,}/)).toEqual(['at', 'record', 'quantity', 'uom', 'party', 'ship to', 'reference', 'event', 'reason', 'declared', 'file']);
    expect(lines[at + 3]!.trim().split(/\s{2,}/)).toEqual([
      '2026-03-03T09:00:00.000Z', 'shipment', '40', 'kg', 'Grocer One', 'DC North', 'SO-1', 'urn:uuid:00000000-0000-4000-8000-000000000002', 'did_not_occur', '2026-03-09T10:00:00.000Z', join(dir, 'retract.jsonld'),
    ]);
    expect(lines).toHaveLength(at + 4);
    const json = JSON.parse((await cli(['lot', 'L1', '--item', 'FG', '--json'])).out) as { retracted: unknown[]; mass_balance: { shipped: number } };
    expect(json.retracted).toEqual([{ ...RETRACTED, retracted_by_file: join(dir, 'retract.jsonld') }]);
    expect(json.mass_balance.shipped).toBe(10);
  });

  it('trace: the retracted shipment is listed struck out of the trace forward, and not on a backward trace', async () => {
    writeFileSync(join(dir, 'plant.jsonld'), PLANT_DOC);
    writeFileSync(join(dir, 'retract.jsonld'), retraction);
    expect((await cli(['import', join(dir, 'plant.jsonld')])).code).toBe(0);
    expect((await cli(['import', join(dir, 'retract.jsonld')])).code).toBe(0);
    const forward = JSON.parse((await cli(['trace', 'L1', '--item', 'FG', '--direction', 'forward', '--json'])).out) as { shipments: { quantity: number }[]; retracted: unknown[] };
    expect(forward.shipments.map((s) => s.quantity)).toEqual([10]);
    expect(forward.retracted).toEqual([{ ...RETRACTED, retracted_by_file: join(dir, 'retract.jsonld') }]);
    const text = (await cli(['trace', 'L1', '--item', 'FG', '--direction', 'forward'])).out.split('\n');
    expect(text).toContain('retracted by EPCIS error declarations (kept on record, not in the figures above)');
    const backward = JSON.parse((await cli(['trace', 'L1', '--item', 'FG', '--direction', 'backward', '--json'])).out) as { retracted?: unknown[] };
    expect(backward.retracted).toBeUndefined();
  });
});
