/**
 * Mapping profiles: real ERP/MES exports never use the canonical headers. A
 * profile (a plain JSON file a plant can share) says, for one export layout,
 * which canonical layout it feeds, which source column feeds each field, the
 * delimiter, encoding, date format, decimal separator, unit aliases and
 * constant values. Rows are translated into canonical rows before the usual
 * validation, so every import rule still applies and errors still name the
 * line, the (source) column and the value.
 *
 *   { "name": "SAP goods receipts", "layout": "receipts", "delimiter": ";",
 *     "encoding": "windows-1252", "decimal": ",", "dateFormat": "dd.mm.yyyy",
 *     "columns": { "received_at": "Buchungsdatum", "item": "Material", ... },
 *     "units": { "ST": "ea" }, "constants": { "location": "WE-01" } }
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LAYOUTS } from './csv-layouts';
import type { LayoutName } from '../../contract/dto/import';
import { EngineError } from '../errors';

const DATE_FORMATS = ['iso', 'dd.mm.yyyy', 'dd/mm/yyyy', 'mm/dd/yyyy', 'yyyymmdd'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const profileSchema = z
  .strictObject({
    name: z.string().trim().min(1),
    layout: z.enum(['receipts', 'production', 'shipments', 'items', 'adjustments', 'transfers']),
    delimiter: z.enum([',', ';', '\t', '|']).default(','),
    encoding: z.enum(['utf-8', 'windows-1252']).default('utf-8'),
    decimal: z.enum(['.', ',']).default('.'),
    dateFormat: z.enum(DATE_FORMATS).default('iso'),
    /** canonical field -> source column header */
    columns: z.record(z.string(), z.string().trim().min(1)),
    /** source unit -> unit LotTrace knows */
    units: z.record(z.string(), z.string()).default({}),
    /** canonical field -> value used on every row */
    constants: z.record(z.string(), z.string()).default({}),
  })
  .superRefine((p, ctx) => {
    const layout = LAYOUTS.find((l) => l.name === p.layout)!;
    const known = new Set([...layout.required, ...layout.optional]);
    for (const field of [...Object.keys(p.columns), ...Object.keys(p.constants)]) {
      if (!known.has(field)) ctx.addIssue({ code: 'custom', message: `"${field}" is not a field of the ${p.layout} layout`, path: ['columns', field] });
    }
    for (const field of layout.required) {
      if (!(field in p.columns) && !(field in p.constants)) ctx.addIssue({ code: 'custom', message: `required field "${field}" has no column or constant`, path: ['columns'] });
    }
  });

export type MappingProfile = z.infer<typeof profileSchema>;

export class ProfileError extends EngineError {
  readonly code = 'rejected';
}

export function parseProfile(raw: unknown, source = 'profile'): MappingProfile {
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ProfileError(`${source} is not a valid mapping profile: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(profile)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export function readProfile(path: string): MappingProfile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ProfileError(`cannot read mapping profile ${path}: ${(e as Error).message}`);
  }
  return parseProfile(raw, path);
}

const DATE_FIELDS = new Set(['received_at', 'produced_at', 'shipped_at', 'expires_on', 'po_date', 'adjusted_at', 'moved_at']);
const NUMBER_FIELDS = new Set(['quantity', 'output_quantity', 'input_quantity', 'shelf_life_days']);
const UNIT_FIELDS = new Set(['uom', 'output_uom', 'input_uom']);

/** Rewrites a date in the profile's format as ISO 8601; leaves anything unrecognised for the validator to report. */
export function toIsoDate(value: string, format: DateFormat): string {
  const v = value.trim();
  if (format === 'iso' || v === '') return v;
  const time = /^(\S+)(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(v);
  if (!time) return v;
  const [, date = '', hh, mm, ss] = time;
  let y: string | undefined;
  let m: string | undefined;
  let d: string | undefined;
  if (format === 'yyyymmdd') [, y, m, d] = /^(\d{4})(\d{2})(\d{2})$/.exec(date) ?? [];
  else {
    const parts = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(date);
    if (parts) [d, m, y] = format === 'mm/dd/yyyy' ? [parts[2], parts[1], parts[3]] : [parts[1], parts[2], parts[3]];
  }
  if (!y || !m || !d) return v;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return hh === undefined ? iso : `${iso}T${hh.padStart(2, '0')}:${mm}:${ss ?? '00'}`;
}

/** "1.234,5" -> "1234.5" for a decimal comma; plain numbers pass through. */
export function toPlainNumber(value: string, decimal: '.' | ','): string {
  const v = value.trim();
  if (decimal === '.') return v.replace(/,(?=\d{3}(\D|$))/g, '');
  return v.replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.');
}

export interface ProfileTranslator {
  layout: LayoutName;
  /** Canonical header row to hand to the layout reader. */
  header: string[];
  /** Source column name for a canonical field, for error messages. */
  sourceOf(field: string): string | undefined;
  /** Problems with the source header (missing columns). */
  headerErrors: string[];
  /** Translates one source row into a canonical row. */
  row(fields: readonly string[]): string[];
}

/** Binds a profile to a file's header row. */
export function translator(profile: MappingProfile, sourceHeader: readonly string[]): ProfileTranslator {
  const index = new Map(sourceHeader.map((h, i) => [h.trim().toLowerCase(), i]));
  const fields = [...new Set([...Object.keys(profile.columns), ...Object.keys(profile.constants)])];
  const headerErrors: string[] = [];
  const sourceIndex = new Map<string, number>();
  for (const [field, column] of Object.entries(profile.columns)) {
    const i = index.get(column.toLowerCase());
    if (i === undefined) headerErrors.push(`column "${column}" (for ${field}) named by profile "${profile.name}" is not in the file's header`);
    else sourceIndex.set(field, i);
  }
  const units = new Map(Object.entries(profile.units).map(([k, v]) => [k.trim().toLowerCase(), v]));
  return {
    layout: profile.layout,
    header: fields,
    headerErrors,
    sourceOf: (field) => profile.columns[field],
    row: (source) =>
      fields.map((field) => {
        const i = sourceIndex.get(field);
        let v = i === undefined ? (profile.constants[field] ?? '') : (source[i] ?? '');
        if (DATE_FIELDS.has(field)) v = toIsoDate(v, profile.dateFormat);
        else if (NUMBER_FIELDS.has(field)) v = toPlainNumber(v, profile.decimal);
        else if (UNIT_FIELDS.has(field)) v = units.get(v.trim().toLowerCase()) ?? v;
        return v;
      }),
  };
}
