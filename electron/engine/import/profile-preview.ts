/**
 * The mapping editor's preview: reads the first rows of a sample export
 * through a draft mapping profile exactly as an import would (same CSV
 * reader, same translation, same row validation) and returns, per row, the
 * canonical fields and every problem, without writing anything. So what the
 * user sees highlighted is what the import would reject.
 */
import { readCsvRows, EncodingError, type CsvFormat } from './csv-source';
import { LAYOUTS, readHeader, RowReader, rowToRecord } from './csv-layouts';
import type { LayoutName, ProfilePreview } from '../../contract/dto/import';
import { parseProfile, ProfileError, translator, type MappingProfile, type ProfileTranslator } from './mapping-profile';

/** Fields of a draft that the UI may send before it is complete. */
export type DraftProfile = { [K in keyof MappingProfile]?: MappingProfile[K] | undefined } & { layout: LayoutName };

export async function previewProfile(path: string, draft: DraftProfile, timezone: string, limit = 25): Promise<ProfilePreview> {
  const layoutDef = LAYOUTS.find((l) => l.name === draft.layout);
  if (!layoutDef) throw new ProfileError(`unknown layout ${String(draft.layout)}`);
  let profile: MappingProfile | undefined;
  const profileErrors: string[] = [];
  try {
    profile = parseProfile({ name: 'draft', columns: {}, ...draft }, 'the profile');
  } catch (e) {
    profileErrors.push(...(e as Error).message.replace(/^the profile is not a valid mapping profile: /, '').split('; '));
  }
  const format: CsvFormat = { delimiter: draft.delimiter ?? ',', encoding: draft.encoding ?? 'utf-8' };
  const preview: ProfilePreview = {
    source_header: [],
    layout: { name: layoutDef.name, required: [...layoutDef.required], optional: [...layoutDef.optional] },
    profile_errors: profileErrors,
    header_errors: [],
    rows: [],
    total_rows: 0,
    rows_with_errors: 0,
  };
  let mapped: ProfileTranslator | undefined;
  let columns: Map<string, number> | undefined;
  try {
    await readCsvRows(
      path,
      {
        onMalformed: (line, message) => {
          preview.total_rows++;
          preview.rows_with_errors++;
          if (preview.rows.length < limit) preview.rows.push({ line, fields: {}, errors: [{ column: '', message: `malformed CSV row: ${message}`, value: '' }] });
        },
        onRow: (row) => {
          if (preview.source_header.length === 0) {
            preview.source_header = row.fields.map((f) => f.trim());
            if (profile) {
              mapped = translator(profile, row.fields);
              preview.header_errors.push(...mapped.headerErrors);
              const header = readHeader(mapped.header);
              columns = header.columns;
            }
            return;
          }
          preview.total_rows++;
          if (!mapped || !columns) return;
          const canonical = mapped.row(row.fields);
          const reader = new RowReader(canonical, columns, row.line, timezone);
          rowToRecord(layoutDef.name, reader);
          const errors = reader.problems.map((p) => ({ column: p.column ?? '', message: p.message, value: p.value ?? '' }));
          if (row.fields.length !== preview.source_header.length) errors.push({ column: '', message: `row has ${row.fields.length} fields but the header has ${preview.source_header.length}`, value: '' });
          if (errors.length > 0) preview.rows_with_errors++;
          if (preview.rows.length < limit) preview.rows.push({ line: row.line, fields: Object.fromEntries(mapped.header.map((f, i) => [f, canonical[i] ?? ''])), errors });
        },
      },
      format,
    );
  } catch (e) {
    if (e instanceof EncodingError) preview.header_errors.push(`${e.message} — or choose the Windows-1252 encoding`);
    else throw e;
  }
  return preview;
}
