/**
 * The FSMA 204 spreadsheet as one CSV file: a leading "CTE" column and the
 * union of the three CTEs' columns, so the whole file sorts as one table.
 * Quoting and the formula-injection guard come from the app's one CSV writer
 * (shared/csv.ts); this module adds the UTF-8 BOM (Excel then reads
 * "Müller Öl GmbH" right) and writes through a stream, honouring
 * backpressure, because a long date range can be many rows.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvLine } from '../../shared/csv';

type Cell = string | number;

export async function writeFsma204Csv(path: string, sections: { cte: string; header: readonly string[]; rows: Iterable<Cell[]> }[]): Promise<void> {
  const columns: string[] = [];
  for (const s of sections) for (const h of s.header) if (!columns.includes(h)) columns.push(h);
  const out = createWriteStream(path, { encoding: 'utf8' });
  const write = async (line: string): Promise<void> => {
    if (!out.write(line)) await once(out, 'drain');
  };
  try {
    await write(`\uFEFF${csvLine(['CTE', ...columns])}\r\n`);
    for (const s of sections) {
      const at = s.header.map((h) => columns.indexOf(h));
      for (const row of s.rows) {
        const cells: Cell[] = new Array<Cell>(columns.length).fill('');
        row.forEach((v, i) => {
          cells[at[i]!] = v;
        });
        await write(`${csvLine([s.cte, ...cells])}\r\n`);
      }
    }
    out.end();
    await once(out, 'finish');
  } catch (e) {
    out.destroy();
    throw e;
  }
}
