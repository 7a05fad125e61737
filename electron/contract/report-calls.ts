/**
 * Contract calls of issued reports (see contract.ts for the rules): the
 * list of reports LotTrace issued, newest first, with their approvals, and
 * approving one with an electronic signature (21 CFR 11.50; meaning
 * "approved" unless the signer gives another, e.g. "reviewed"). A report is
 * named by its id from the list, or by its PDF's bytes (the file must match
 * an issued report byte for byte). Verifying a PDF is reports:verify
 * (recall-calls.ts), the same answer as `lottrace report verify`.
 */
import { z } from 'zod';
import { call, signatureSchema, write } from './define';
import type { IssuedReport, IssuedReportEntry } from './dto/reports';
import type { SignatureInfo } from './dto/users';

export type { IssuedReport, IssuedReportEntry };

const base64 = z.string().min(1, 'no file content').max(200 * 1024 * 1024, 'file too large').regex(/^[A-Za-z0-9+/=]*$/, 'expected base64');

export const REPORT_CALLS = {
  'reports:issued': call<{ total: number; rows: IssuedReportEntry[] }>()(
    z.object({ limit: z.number().int().min(1).max(500).default(50), offset: z.number().int().min(0).default(0) }).strict(),
  ),
  'reports:approve': write<{ report: IssuedReport; signature: SignatureInfo }>()(
    z
      .object({ report_id: z.string().trim().regex(/^R-[0-9A-F]{12}$/, 'expected a report id like R-7F3A9C01D2E4').optional(), content_base64: base64.optional(), signature: signatureSchema })
      .strict()
      .refine((v) => (v.report_id === undefined) !== (v.content_base64 === undefined), { message: 'name the report by its id or by its file, one of the two' }),
  ),
};
