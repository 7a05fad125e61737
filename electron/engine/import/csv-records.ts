/**
 * Turns a CSV file (canonical layout, or any layout through a mapping
 * profile) into validated batch records, problems and the layout found, in
 * file order, through a sink. It touches no database, so the same code runs
 * in the importing thread or in the parse worker (csv-parse-worker.ts) that feeds
 * the importer while it writes.
 */
import { readCsvRows } from './csv-source';
import { readHeader, RowReader, rowToRecord } from './csv-layouts';
import type { ImportProblem, LayoutName } from '../../contract/dto/import';
import { translator, type MappingProfile, type ProfileTranslator } from './mapping-profile';
import type { BatchRecord } from './records';

export interface CsvRecordSink {
  /** A valid data row. */
  record(record: BatchRecord, line: number): void;
  error(problem: ImportProblem): void;
  warning(problem: ImportProblem): void;
  /** A data row that was invalid: it counts as a row but is not applied. */
  invalidRow(): void;
  /** The layout the header was recognised as. */
  layout(name: LayoutName): void;
}

/** Reads the whole file into the sink; rejects on an encoding or I/O error. */
export async function readCsvRecords(path: string, file: string, timezone: string, sink: CsvRecordSink, profile?: MappingProfile): Promise<void> {
  let header: ReturnType<typeof readHeader> | undefined;
  let layout: LayoutName | undefined;
  let width = 0;
  let mapped: ProfileTranslator | undefined;
  // Through a profile, errors name the file's own column next to the field.
  const column = (field: string | undefined): string | undefined => {
    const source = field && mapped?.sourceOf(field);
    return source ? `${source} (${field})` : field;
  };
  const format = profile ? { delimiter: profile.delimiter, encoding: profile.encoding } : undefined;
  await readCsvRows(path, {
    onMalformed: (line, message) => sink.error({ file, line, message: `malformed CSV row: ${message}` }),
    onRow: (sourceRow) => {
      let row = sourceRow;
      if (profile) {
        if (!mapped) {
          mapped = translator(profile, sourceRow.fields);
          for (const message of mapped.headerErrors) sink.error({ file, line: sourceRow.line, message });
          row = { ...sourceRow, fields: mapped.header };
        } else row = { ...sourceRow, fields: sourceRow.fields.length === width ? mapped.row(sourceRow.fields) : sourceRow.fields };
      }
      if (!header) {
        header = readHeader(row.fields);
        // Width is the source file's: a translated row always has the canonical width.
        width = sourceRow.fields.length;
        for (const message of header.errors) sink.error({ file, line: row.line, message });
        if (mapped && mapped.headerErrors.length > 0) return;
        if (header.layout) {
          sink.layout(header.layout.name);
          if (header.ignored.length > 0) sink.warning({ file, line: row.line, message: `column(s) not used by the ${header.layout.name} layout were ignored: ${header.ignored.join(', ')}`, kind: 'ignored_columns' });
          // With a broken header no row can be read meaningfully: report the header only.
          if (header.errors.length === 0) layout = header.layout.name;
        }
        return;
      }
      if (!layout) return;
      if (sourceRow.fields.length !== width) {
        sink.error({ file, line: row.line, message: `row has ${sourceRow.fields.length} fields but the header has ${width}` });
        sink.invalidRow();
        return;
      }
      const reader = new RowReader(row.fields, header.columns, row.line, timezone);
      const record = rowToRecord(layout, reader);
      if (reader.problems.length > 0) {
        for (const p of reader.problems) sink.error({ file, ...p, column: column(p.column) });
        sink.invalidRow();
        return;
      }
      sink.record(record, row.line);
    },
  }, format);
  if (!header) sink.error({ file, message: 'file is empty (no header row)' });
}
