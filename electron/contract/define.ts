/**
 * How a contract call is written: its input schema (validated on the engine
 * side) and its result type (a phantom, for the renderer's typing). Used by
 * contract.ts and by each domain's call file (recall-calls.ts, …).
 */
import { z } from 'zod';

export interface Call<I extends z.ZodType, R> {
  input: I;
  result?: R;
}

export function call<R>() {
  return <I extends z.ZodType>(input: I): Call<I, R> => ({ input });
}

export const empty = z.object({}).strict();
export const text = z.string().trim().min(1).max(200);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
export const lotRefSchema = z.object({ item: text, lot: text }).strict();
