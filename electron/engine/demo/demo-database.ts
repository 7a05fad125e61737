/**
 * A demo plant in a database: generates the plant's batch records and imports
 * them through the normal import path, so the demo exercises exactly what a
 * real plant's files would. Used by `lottrace demo` and by browser mode's
 * first start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Engine } from '../engine';
import type { ImportResult } from '../../contract/dto/import';
import { generatePlant, type GeneratedPlant } from './generate-plant';
import { EngineError } from '../errors';
import { applyDemoQaDecisions } from './demo-qa-decisions';

export class DemoImportError extends EngineError {
  readonly code = 'rejected';
  constructor(readonly result: ImportResult) {
    super(`demo file ${result.file} was rejected`);
  }
}

export interface DemoImport {
  plant: GeneratedPlant;
  imports: ImportResult[];
  /** A raw lot that went into production: a good first trace. */
  example: { item: string; lot: string } | undefined;
}

/**
 * Generate the demo plant into `outDir` (a temp folder, removed after, when
 * omitted) and import it; `end` dates it to end that day (generate-plant.ts)
 * and adds the QA decisions of its last days (demo-qa-decisions.ts).
 */
export async function importDemoPlant(engine: Engine, options: { lots: number; seed: number; outDir?: string; end?: string }): Promise<DemoImport> {
  const outDir = options.outDir ?? mkdtempSync(join(tmpdir(), 'lottrace-demo-'));
  try {
    const plant = await generatePlant({ lots: options.lots, seed: options.seed, outDir, ...(options.end ? { end: options.end } : {}) });
    const imports: ImportResult[] = [];
    for (const file of plant.files) {
      // Logged under its file name: the folder is a temp folder, removed after.
      const r = await engine.importFile(file, { displayName: basename(file) });
      imports.push(r);
      if (r.outcome === 'rejected') throw new DemoImportError(r);
    }
    // A plant dated up to yesterday also has its QA team's last decisions: lots waiting on hold, in quarantine.
    if (options.end) applyDemoQaDecisions(engine.db);
    const example = engine.db
      .prepare(`SELECT i.code AS item, l.code AS lot FROM lot l JOIN item i ON i.id = l.item_id
        WHERE i.kind = 'raw' AND EXISTS (SELECT 1 FROM link WHERE from_lot_id = l.id) ORDER BY l.id LIMIT 1`)
      .get() as { item: string; lot: string } | undefined;
    return { plant, imports, example };
  } finally {
    if (!options.outDir) rmSync(outDir, { recursive: true, force: true });
  }
}
