/**
 * The fuzzing budget and its report. Every target runs a fixed number of
 * generated inputs (FUZZ_RUNS scales them, default 1) from a fixed seed
 * (FUZZ_SEED overrides it to explore), so CI is repeatable and a failure is
 * reproducible from the seed and path fast-check prints. Each target appends
 * {target, runs, failures} to the JSON-lines file LOTTRACE_FUZZ_REPORT names,
 * which .ci/run sums into its closing line. A failure found here is kept as a
 * regression test beside the code it broke.
 */
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';

export const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);

/** Runs `property` over `runs` inputs and records how many were tried. */
export async function fuzz<T>(target: string, runs: number, arbitrary: fc.Arbitrary<T>, property: (value: T) => Promise<void> | void): Promise<void> {
  let tried = 0;
  let failures = 0;
  try {
    await fc.assert(
      fc.asyncProperty(arbitrary, async (value) => {
        tried++;
        await property(value);
      }),
      { numRuns: Math.max(1, Math.round(runs * SCALE)), seed: SEED, endOnFailure: true },
    );
  } catch (e) {
    failures = 1;
    throw e;
  } finally {
    const report = process.env.LOTTRACE_FUZZ_REPORT;
    if (report) appendFileSync(report, `${JSON.stringify({ target, runs: tried, failures })}\n`);
  }
}

/** Text an attacker or a broken export would send: quotes, separators, controls, bidi, formulas, huge and odd numbers, impossible dates. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '', ' ', '"', '""', ',', '\n', '\r\n', '\u0000', '\uFEFF', '\u202E', '＝1+1', '=HYPERLINK("x")', '+cmd|x', '@SUM(1)', '-1+1',
    '1e308', '-0', 'NaN', 'Infinity', '1,5', '0x10', '1e-400', '99999999999999999999', '0', '-5', '2.5',
    '2026-02-30', '2026-03-02T24:00:00Z', '0026-03-02', '9999-12-31T23:59:59Z', '0000-00-00', '2026-13-01', '2026-03-02T08:00:00+15:00',
    'kg', 'KGM', 'lb', 'ea', 'cs', 'furlong', '__proto__', 'constructor', '<x>', '&amp;', '\\', '%00', '../../etc/passwd',
  ),
  fc.integer().map(String),
  fc.double().map(String),
  fc.nat({ max: 5000 }).map((n) => 'x'.repeat(n)),
);
