/**
 * The plant's predefined reasons for putting a lot on hold, in quarantine or
 * rejecting it (the setting reasonCodes: one reason per line). The app
 * offers them as a list wherever such a reason is typed, so the same cause
 * is written the same way and holds can be grouped by reason; free text
 * stays allowed (a reason often needs its particulars: "Foreign material —
 * NCR 2026-014"). Shared by the engine (which validates the setting) and the
 * renderer (settings page, lot page).
 */
export const DEFAULT_REASON_CODES = [
  'Pending QC test results',
  'Failed QC / lab test',
  'Pathogen positive (e.g. Salmonella, Listeria)',
  'Undeclared allergen / allergen cross-contact',
  'Foreign material',
  'Temperature excursion',
  'Label or packaging error',
  'Damaged packaging',
  'Supplier notification',
  'Missing certificate of analysis',
  'Customer complaint',
].join('\n');

export const MAX_REASON_CODES = 50;
export const MAX_REASON_CODE_LENGTH = 120;

/** The reasons of a setting's text, in order: lines trimmed, blank lines dropped. */
export function parseReasonCodes(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Why the text cannot be the list of reasons, or null when it can. */
export function reasonCodesProblem(text: string): string | null {
  const codes = parseReasonCodes(text);
  if (codes.length > MAX_REASON_CODES) return `at most ${MAX_REASON_CODES} reasons (found ${codes.length})`;
  const long = codes.find((c) => c.length > MAX_REASON_CODE_LENGTH);
  if (long !== undefined) return `a reason is at most ${MAX_REASON_CODE_LENGTH} characters: "${long.slice(0, 40)}…" has ${long.length}`;
  const seen = new Set<string>();
  for (const c of codes) {
    const k = c.toLowerCase();
    if (seen.has(k)) return `"${c}" is listed twice`;
    seen.add(k);
  }
  return null;
}
