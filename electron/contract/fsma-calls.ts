/**
 * The FSMA 204 page's preview call (see contract.ts for the rules): before
 * an export, the rows each sheet would hold, the lot codes asked for that
 * name no lot, and the file's name after its scope. The export itself is
 * recall-calls.ts's fsma:export.
 */
import { z } from 'zod';
import { call, isoDate, text } from './define';

export interface Fsma204PreviewResult {
  rows: { Receiving: number; Transformation: number; Shipping: number };
  unknown_lots: string[];
  /** File name without extension, e.g. fsma204-R16004-001-2026-01-01-2026-03-31. */
  file_stem: string;
}

export const FSMA_CALLS = {
  'fsma:preview': call<Fsma204PreviewResult>()(
    z.object({ from: isoDate.optional(), to: isoDate.optional(), lots: z.array(text).max(1000).default([]) }).strict(),
  ),
} as const;
