/** Plain-text tables for the CLI's human-readable output. */

export function formatTable(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));
  // Loops, not Math.max(...cells): a silo lot's trace lists 400,000 rows, past what one call's arguments can hold.
  const widths = headers.map((h) => h.length);
  for (const r of cells) {
    for (let i = 0; i < widths.length; i++) if ((r[i]?.length ?? 0) > widths[i]!) widths[i] = r[i]!.length;
  }
  const numeric = headers.map((_, i) => cells.length > 0 && cells.every((r) => r[i] === '' || /^-?[\d.]+$/.test(r[i] ?? '')));
  const line = (r: string[]): string =>
    r.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
