/**
 * The FSMA 204 page's preview on the hand-made recall plant: the rows each
 * sheet will hold (the same counts the export then writes), the lot codes
 * that name no lot (ours or a supplier's), and the file's name after its
 * scope.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fsma204FileName, previewFsma204, writeFsma204 } from '../../../../electron/engine/export/fsma204';
import type { Plant } from '../../../fixtures/import/helpers';
import { openRecallPlant } from '../../../fixtures/recall/plant';

let plant: Plant;
beforeAll(async () => {
  plant = await openRecallPlant();
});
afterAll(() => plant.close());

describe('FSMA 204 preview', () => {
  it('counts the rows the export writes and names the codes that match no lot', async () => {
    const q = { lots: ['MU-55', 'NOPE-1', 'C-1'], from: '2026-03-01', to: '2026-03-31' };
    const preview = previewFsma204(plant.engine, q);
    const written = await writeFsma204(plant.engine, q, join(plant.dir, 'x.xlsx'));
    expect(preview.rows).toEqual(written.rows);
    expect(preview.rows.Receiving).toBeGreaterThan(0);
    expect(preview.unknown_lots).toEqual(['NOPE-1']);
    expect(preview.file_stem).toBe('fsma204-MU-55-and-2-more-2026-03-01-2026-03-31');
  });

  it('only unknown codes: nothing to export, every code named', () => {
    expect(previewFsma204(plant.engine, { lots: ['NOPE-1', 'NOPE-2'] })).toEqual({
      rows: { Receiving: 0, Transformation: 0, Shipping: 0 }, unknown_lots: ['NOPE-1', 'NOPE-2'], file_stem: 'fsma204-NOPE-1-and-1-more',
    });
  });

  it('names the file after one lot, a range, or all lots, in safe characters', () => {
    expect(fsma204FileName({ lots: ['A100'], from: '2026-01-01', to: '2026-03-31' })).toBe('fsma204-A100-2026-01-01-2026-03-31');
    expect(fsma204FileName({ from: '2026-01-01', to: '2026-03-31' })).toBe('fsma204-all-lots-2026-01-01-2026-03-31');
    expect(fsma204FileName({ lots: ['MÜ/55 x'] })).toBe('fsma204-M_55_x');
  });
});
