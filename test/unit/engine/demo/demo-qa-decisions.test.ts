/**
 * The demo plant dated up to yesterday carries its QA team's last decisions
 * (issue 20: a new user's dashboard shows live holds): finished lots on hold
 * for two reasons of different ages, a raw lot quarantined, one rejected —
 * each a lot with stock left, decided after it was made and never in the
 * future, recorded in the audit trail by "demo". A plant on fixed dates
 * (the tests' 2016 plants) gets none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDemoPlant } from '../../../../electron/engine/demo/demo-database';
import { addDays, localDate } from '../../../../electron/engine/domain/dates';
import { Engine } from '../../../../electron/engine/engine';

let dir: string;
let engine: Engine;
const before = Date.now();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lottrace-demo-qa-'));
  engine = Engine.open(join(dir, 'demo.db'));
  await importDemoPlant(engine, { lots: 2000, seed: 1, end: addDays(localDate(engine.settings.timezone, Date.now()), -1) });
}, 180_000);

afterAll(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Decision { code: string; kind: string; status: string; action: string; reason: string; user: string; at: number; produced_at: number; left: number }

describe('the demo plant’s QA decisions', () => {
  it('holds, a quarantine and a rejection on lots with stock, dated after the lot was made and not in the future', () => {
    const rows = engine.db.prepare(`SELECT l.code, i.kind, l.status, s.action, s.reason, s.user, s.at, l.produced_at, l.quantity - l.consumed - l.shipped AS left
      FROM status_change s JOIN lot l ON l.id = s.lot_id JOIN item i ON i.id = l.item_id ORDER BY s.id`).all() as Decision[];
    expect(rows.map((r) => `${r.kind} ${r.action} → ${r.status}: ${r.reason}`)).toEqual([
      'finished hold → on_hold: Customer complaint: foreign body in pack',
      'finished hold → on_hold: Customer complaint: foreign body in pack',
      'finished hold → on_hold: Micro test pending: Listeria environmental swab',
      'finished hold → on_hold: Micro test pending: Listeria environmental swab',
      'finished hold → on_hold: Micro test pending: Listeria environmental swab',
      'raw quarantine → quarantined: Supplier certificate of analysis missing',
      'raw reject → rejected: Failed incoming inspection: moisture above specification',
    ]);
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.user).toBe('demo');
      expect(r.left).toBeGreaterThan(0);
      expect(r.at).toBeGreaterThanOrEqual(r.produced_at);
      expect(r.at).toBeLessThanOrEqual(Date.now());
    }
    // Of different ages: the complaint days before the micro tests.
    expect(rows[4]!.at - rows[0]!.at).toBeGreaterThan(2 * 86_400_000);
    expect(before).toBeGreaterThan(rows[0]!.at);
    const audited = engine.db.prepare("SELECT action, reason FROM audit_entry WHERE action LIKE 'lot.%' AND user = 'demo' ORDER BY at, id").all() as { action: string; reason: string }[];
    expect(audited.map((a) => a.action).sort()).toEqual(['lot.hold', 'lot.hold', 'lot.hold', 'lot.hold', 'lot.hold', 'lot.quarantine', 'lot.reject']);
  });

  it('a plant on fixed dates gets none', async () => {
    const other = Engine.open(join(dir, 'fixed.db'));
    try {
      await importDemoPlant(other, { lots: 300, seed: 1 });
      expect(other.db.prepare('SELECT count(*) FROM status_change').pluck().get()).toBe(0);
    } finally {
      other.close();
    }
  }, 120_000);
});
