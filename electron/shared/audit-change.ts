/**
 * An audit entry's before and after values as a person reads them: one
 * line per field that changed ("status: on_hold → released"), instead of
 * two walls of JSON. The trail stores before/after as JSON text (or '' for
 * nothing, or plain text); the audit page, its CSV export and the audit
 * trail PDF all describe them with this one function, so the three agree.
 */

export interface FieldChange {
  /** The field's name; '' when the value is not an object (a plain value). */
  field: string;
  /** undefined: the field was absent on that side (created or removed). */
  before: string | undefined;
  after: string | undefined;
}

const MAX_VALUE = 300;

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function show(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const s = value === null ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields that differ between before and after, in the order they first appear; unchanged fields are left out. */
export function fieldChanges(beforeText: string, afterText: string): FieldChange[] {
  const before = parse(beforeText);
  const after = parse(afterText);
  if ((isRecord(before) || before === undefined) && (isRecord(after) || after === undefined) && (before !== undefined || after !== undefined)) {
    const b = before ?? {};
    const a = after ?? {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys
      .map((field) => ({ field, before: show(b[field]), after: show(a[field]) }))
      .filter((c) => c.before !== c.after);
  }
  if (before === undefined && after === undefined) return [];
  const change = { field: '', before: show(before), after: show(after) };
  return change.before === change.after ? [] : [change];
}

/** One change as a line: "field: before → after", "field: after" for a new value, "field: before → (removed)". */
export function changeLine(c: FieldChange): string {
  const label = c.field ? `${c.field}: ` : '';
  if (c.before === undefined) return `${label}${c.after ?? ''}`;
  return `${label}${c.before} → ${c.after ?? '(removed)'}`;
}

/** Every change of an entry, one per line. */
export function describeChange(beforeText: string, afterText: string): string {
  return fieldChanges(beforeText, afterText).map(changeLine).join('\n');
}
