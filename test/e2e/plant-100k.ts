/**
 * The generated 100,000-lot plant the scale tests open (recall-scale.spec.ts,
 * pages-100k.spec.ts): the demo generator dated up to yesterday, made once
 * per day and kept in the temp folder, so a run pays for it once (~15 s).
 * Each test copies the file before it opens it.
 *
 * LOTTRACE_E2E_PLANT_LOTS (a measurement, never CI) makes the plant that
 * size instead, e.g. 1000000 to time every page at a million lots with
 * pages-100k.spec.ts; it is kept under its own name.
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDemoPlant } from '../../electron/engine/demo/demo-database';
import { Engine } from '../../electron/engine/engine';
import { addDays, localDate } from '../../electron/engine/domain/dates';

export const LOTS_100K = 100_000;

/** The plant's size: 100,000 lots unless LOTTRACE_E2E_PLANT_LOTS asks for another. */
export function plantLots(): number {
  const asked = process.env.LOTTRACE_E2E_PLANT_LOTS;
  if (asked === undefined || asked === '') return LOTS_100K;
  const n = Number(asked);
  if (!Number.isInteger(n) || n < 1000) throw new Error(`LOTTRACE_E2E_PLANT_LOTS must be a whole number of at least 1000, not "${asked}"`);
  return n;
}

export async function cachedPlant100k(): Promise<string> {
  const lots = plantLots();
  const dir = join(tmpdir(), lots === LOTS_100K ? 'lottrace-e2e-plant-100k' : `lottrace-e2e-plant-${lots}`);
  const engine0 = Engine.open(':memory:');
  const end = addDays(localDate(engine0.settings.timezone, Date.now()), -1);
  engine0.close();
  const path = join(dir, `plant-${end}.db`);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const work = mkdtempSync(join(dir, 'gen-'));
  const engine = Engine.open(join(work, 'plant.db'));
  try {
    await importDemoPlant(engine, { lots, seed: 1, outDir: join(work, 'csv'), end });
  } finally {
    engine.close();
  }
  // Renamed into place when whole: a run stopped halfway leaves no half-made plant behind for the next.
  renameSync(join(work, 'plant.db'), path);
  rmSync(work, { recursive: true, force: true });
  return path;
}
