/**
 * The migrations folder and its index agree: one file per migration, named
 * after its version, listed in version order 1, 2, 3... with none missing.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS } from '../../../../electron/engine/db/migrations';

const dir = join(import.meta.dirname, '../../../../electron/engine/db/migrations');

describe('the migrations folder', () => {
  it('lists versions 1..N in order, one NNNN-name.ts file each', async () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: MIGRATIONS.length }, (_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
    const files = readdirSync(dir).filter((f) => /^\d{4}-/.test(f)).sort();
    expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(MIGRATIONS.map((m) => m.version));
    for (const [i, f] of files.entries()) {
      const mod = (await import(join(dir, f))) as Record<string, unknown>;
      expect(Object.values(mod), f).toContain(MIGRATIONS[i]);
    }
  });

  it('has a test per migration', () => {
    const tests = readdirSync(join(import.meta.dirname, 'migrations')).filter((f) => f.endsWith('.test.ts'));
    for (const m of MIGRATIONS) {
      const id = String(m.version).padStart(4, '0');
      expect(tests.some((t) => t.startsWith(`${id}-`)), `test for migration ${id}`).toBe(true);
    }
  });
});
