/**
 * The FSMA 204 spreadsheet as one CSV file: a leading "CTE" column and the
 * union of the three CTEs' columns, so the whole file sorts as one table.
 * RFC 4180 quoting, UTF-8 with a BOM (Excel then reads "Müller Öl GmbH"
 * right), CRLF line ends, and the formula-injection guard on text cells.
 * Written through a stream, honouring backpressure.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { guardCsvText } from './spreadsheet-guard';

type Cell = string | number;

function csvField(v: Cell): string {
  const text = typeof v === 'number' ? String(v) : guardCsvText(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function writeFsma204Csv(path: string, sections: { cte: string; header: readonly string[]; rows: Iterable<Cell[]> }[]): Promise<void> {
  const columns: string[] = [];
  for (const s of sections) for (const h of s.header) if (!columns.includes(h)) columns.push(h);
  const out = createWriteStream(path, { encoding: 'utf8' });
  const write = async (line: string): Promise<void> => {
    if (!out.write(line)) await once(out, 'drain');
  };
  try {
    await write(`\uFEFF${['CTE', ...columns].map(csvField).join(',')}\r\n`);
    for (const s of sections) {
      const at = s.header.map((h) => columns.indexOf(h));
      for (const row of s.rows) {
        const cells: Cell[] = new Array<Cell>(columns.length).fill('');
        row.forEach((v, i) => {
          cells[at[i]!] = v;
        });
        await write(`${[s.cte, ...cells].map(csvField).join(',')}\r\n`);
      }
    }
    out.end();
    await once(out, 'finish');
  } catch (e) {
    out.destroy();
    throw e;
  }
}
