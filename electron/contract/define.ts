/**
 * How a contract call is written: its input schema (validated on the engine
 * side), its result type (a phantom, for the renderer's typing) and whether
 * it writes the database, declared where the call is defined so a new
 * writing call cannot be forgotten in a separate list. Used by contract.ts
 * and by each domain's call file (recall-calls.ts, …).
 */
import { z } from 'zod';
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters, isIsoCalendarDate } from '../shared/text-rules';
import { MAX_IDENTIFIER_LENGTH, MAX_TEXT_LENGTH, tooLongMessage } from '../shared/limits';

export interface Call<I extends z.ZodType, R> {
  input: I;
  /**
   * The call writes the database. The engine worker runs such calls on its
   * writer connection, one at a time and never inside a watched-folder
   * import; every other call runs on a read-only connection, so a writing
   * call declared with call() fails there instead of writing.
   */
  writes: boolean;
  result?: R;
}

/** A call that only reads. */
export function call<R>() {
  return <I extends z.ZodType>(input: I): Call<I, R> => ({ input, writes: false });
}

/** A call that writes the database (see Call.writes). */
export function write<R>() {
  return <I extends z.ZodType>(input: I): Call<I, R> => ({ input, writes: true });
}

export const empty = z.object({}).strict();

/** Free text of at most `max` characters, trimmed, without control characters (shared/text-rules.ts). */
export function plainText(max: number) {
  return z.string().trim().max(max, { error: (issue) => tooLongMessage((issue.input as string).length, max) }).refine((v) => !hasControlCharacters(v), CONTROL_CHARACTERS_MESSAGE);
}
/** Like plainText, and not empty once trimmed. */
export function requiredText(max: number, message = 'is required') {
  return plainText(max).refine((v) => v.length > 0, message);
}
/** An identifier (item, lot, batch code, party name…): the importers' limit (shared/limits.ts). */
export const text = requiredText(MAX_IDENTIFIER_LENGTH);
/** A reason or note: the importers' free-text limit. */
export function reasonText(message: string) {
  return requiredText(MAX_TEXT_LENGTH, message);
}
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((v) => !/^\d{4}-\d{2}-\d{2}$/.test(v) || isIsoCalendarDate(v), 'no such calendar date');
export const lotRefSchema = z.object({ item: text, lot: text }).strict();

/** An electronic signature given with a write call: the signer re-enters their password (21 CFR 11.200). */
export const signatureSchema = z.object({ password: z.string().min(1).max(1024), meaning: z.string().trim().min(1).max(200).optional() }).strict();
