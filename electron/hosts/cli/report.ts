/**
 * `lottrace report verify FILE.pdf` and `lottrace report approve FILE.pdf`:
 * whether a PDF is, byte for byte, a report this database issued (its kind,
 * subject, when and by whom, the audit chain head it was made at, whether
 * the current data still gives its fingerprint, and its approvals); and
 * approving an issued report with an electronic signature bound to its
 * file's hash. Exit codes: 0 verified / approved, 1 a file that does not
 * verify or a refused approval, 2 usage.
 */
import { resolve } from 'node:path';
import type { Engine } from '../../engine/engine';
import { approveReport } from '../../engine/reports/report-approval';
import { formatGenerated } from '../../engine/reports/render';
import { readReportFile, verifyReportBytes } from '../../engine/reports/verify-report';
import type { IssuedReport, ReportVerifyResult } from '../../contract/dto/reports';
import { REPORT_KIND_TEXT, signatureLine, verifyFacts } from '../../shared/report-verify-text';
import type { PasswordSource } from './password-input';

export const REPORT_USAGE = `  report verify FILE.pdf [--json]  does the file match, byte for byte, a report issued from this database?
                                    (kind, subject, issued at/by, audit chain head, data rechecked, approvals)
  report approve FILE.pdf --as NAME [--meaning TEXT]
                                    approve an issued report: an electronic signature (meaning "approved")
                                    bound to the file's SHA-256; password from LOTTRACE_PASSWORD or standard input`;

export class ReportUsageError extends Error {}

export interface ReportValues {
  json?: boolean;
  as?: string;
  meaning?: string;
  user?: string;
}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const KIND_TEXT = REPORT_KIND_TEXT;
const at = (iso: string, zone: string): string => formatGenerated(new Date(iso), zone);

function describe(r: IssuedReport, v: ReportVerifyResult): string[] {
  return verifyFacts(r, v, at).map(([label, value]) => `  ${label.padEnd(11)} ${value}`);
}

function one(args: string[], what: string): string {
  if (args.length !== 1) throw new ReportUsageError(`report ${what} needs exactly one FILE.pdf`);
  return args[0]!;
}

export async function runReport(args: string[], v: ReportValues, open: () => Engine, passwords: PasswordSource, io: Io): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'verify': {
      const file = resolve(one(rest, 'verify'));
      const bytes = readReportFile(file);
      const r = verifyReportBytes(open(), bytes);
      if (v.json) io.out(JSON.stringify({ file, ...r }, null, 2));
      if (r.ok) {
        if (!v.json) io.out([`${file}: verified — exactly the ${KIND_TEXT[r.report!.kind]} ${r.report!.report_id} issued from this database`, ...describe(r.report!, r)].join('\n'));
        return 0;
      }
      if (!v.json && r.report) io.out([`${file}: claimed report, as issued:`, ...describe(r.report, r)].join('\n'));
      io.err(`lottrace: ${file} does NOT verify: ${r.problem}${r.report ? `; ${r.data_note}` : ''}`);
      return 1;
    }
    case 'approve': {
      const file = resolve(one(rest, 'approve'));
      if (v.user !== undefined) throw new ReportUsageError('approving a report is an electronic signature: sign with --as NAME, not --user');
      if (!v.as) throw new ReportUsageError('approving a report is an electronic signature: give --as NAME (password from LOTTRACE_PASSWORD or standard input)');
      const bytes = readReportFile(file);
      const engine = open();
      const password = await passwords.next('LOTTRACE_PASSWORD', `password for ${v.as}: `);
      const { report, signature } = approveReport(engine, bytes, { user: v.as, password, ...(v.meaning ? { meaning: v.meaning } : {}) });
      if (v.json) io.out(JSON.stringify({ file, report, signature }, null, 2));
      else io.out(`${KIND_TEXT[report.kind]} ${report.report_id} (${report.subject}) signed ${signatureLine(signature, at)}`);
      return 0;
    }
    default:
      throw new ReportUsageError(sub ? `unknown report command "${sub}"` : 'report needs verify or approve');
  }
}
