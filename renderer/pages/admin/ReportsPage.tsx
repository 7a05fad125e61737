/**
 * Issued reports (21 CFR 11.10(a), 11.50): verify a PDF — pick the file and
 * get the answer `lottrace report verify` gives (shared/report-verify-text.ts):
 * is it, byte for byte, a report this database issued, what it was, the
 * audit chain head it was made at, whether the data still gives its
 * fingerprint, and its approvals — and the list of issued reports, newest
 * first, each with its approvals. A QA manager or admin approves a report
 * (from the list, or the verified file) with an electronic signature:
 * the password again and the meaning ("approved" or "reviewed").
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TablePagination from '@mui/material/TablePagination';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useRef, useState, type ChangeEvent } from 'react';
import { REPORT_APPROVAL_MEANINGS } from '../../../electron/contract/constants';
import type { IssuedReport, ReportVerifyResult } from '../../../electron/contract/dto/reports';
import { REPORT_KIND_TEXT, verifyFacts, verifyVerdict } from '../../../electron/shared/report-verify-text';
import { api, ApiError } from '../../api/api';
import { useCall } from '../../api/use-call';
import { useAuth } from '../../auth/auth-context';
import { signedAt } from '../../auth/session-format';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { toBase64 } from '../../components/files';
import { Fact, Section } from '../../components/Section';
import { SignatureDialog, type SignatureInput } from '../../components/SignatureDialog';
import { SignatureList } from '../../components/SignatureList';
import { count, displayedRows } from '../../components/format';

const PAGE_SIZE = 25;
const APPROVERS: readonly string[] = ['qa-manager', 'admin'];

/** What is being approved: a report from the list (by id) or the verified file (by its bytes). */
type Approval = { report: IssuedReport; content_base64?: string };

export function ReportsPage() {
  const { status } = useAuth();
  const [page, setPage] = useState(0);
  const issued = useCall('reports:issued', { limit: PAGE_SIZE, offset: page * PAGE_SIZE });
  const [verified, setVerified] = useState<{ name: string; result: ReportVerifyResult; content_base64: string }>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [approving, setApproving] = useState<Approval>();
  const [meaning, setMeaning] = useState<string>(REPORT_APPROVAL_MEANINGS[0]);
  const [approved, setApproved] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);
  const canApprove = !!status?.user && APPROVERS.includes(status.user.role);

  const verify = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setVerified(undefined);
    setApproved(undefined);
    try {
      const content = await toBase64(file);
      setVerified({ name: file.name, result: await api.call('reports:verify', { content_base64: content }), content_base64: content });
    } catch (x) {
      setError(x instanceof ApiError ? x : new ApiError({ code: 'internal', message: String(x) }));
    } finally {
      setBusy(false);
    }
  };

  const approve = async (signature: SignatureInput): Promise<void> => {
    const target = approving!;
    const r = await api.call('reports:approve', {
      ...(target.content_base64 ? { content_base64: target.content_base64 } : { report_id: target.report.report_id }),
      signature: { password: signature.password, meaning: signature.meaning },
    });
    setApproving(undefined);
    setApproved(`${REPORT_KIND_TEXT[r.report.kind]} ${r.report.report_id} signed "${r.signature.meaning}" by ${r.signature.printed_name}`);
    issued.reload();
    if (verified?.result.report?.report_id === r.report.report_id) {
      setVerified({ ...verified, result: await api.call('reports:verify', { content_base64: verified.content_base64 }) });
    }
  };

  const v = verified?.result;
  return (
    <Stack spacing={2} data-testid="reports-page">
      <Typography variant="h4" component="h1">
        Reports
      </Typography>
      <Section title="Verify a report PDF" testId="report-verify">
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          Choose a PDF report: LotTrace says whether it is, byte for byte, a report issued from this database, the audit chain head it was made at, whether the data still gives
          its fingerprint, and who approved it — the same answer as <code>lottrace report verify FILE.pdf</code>. The file is read here and not stored.
        </Typography>
        <input ref={fileInput} type="file" accept="application/pdf,.pdf" hidden onChange={(e) => void verify(e)} data-testid="report-verify-file" />
        <Button variant="contained" disabled={busy} onClick={() => fileInput.current?.click()} data-testid="report-verify-choose">
          Choose PDF…
        </Button>
        {busy && <LinearProgress sx={{ mt: 1 }} />}
        {verified && v && (
          <Stack spacing={1} sx={{ mt: 2 }}>
            <Alert severity={v.ok ? 'success' : 'error'} data-testid="report-verify-result" data-verified={v.ok ? 'yes' : 'no'}>
              {verified.name}: {verifyVerdict(v)}
            </Alert>
            {v.report && (
              <Table size="small" data-testid="report-verify-facts">
                <TableBody>
                  {verifyFacts(v.report, v, signedAt).map(([label, value], i) => (
                    <Fact key={`${label}-${i}`} label={label} value={<span style={{ wordBreak: 'break-all' }}>{value}</span>} />
                  ))}
                </TableBody>
              </Table>
            )}
            {!v.report && <Typography variant="body2">SHA-256 of the file: <code>{v.sha256}</code> ({count(v.size)} bytes)</Typography>}
            {v.ok && v.report && canApprove && (
              <div>
                <Button variant="outlined" onClick={() => setApproving({ report: v.report!, content_base64: verified.content_base64 })} data-testid="report-verify-approve">
                  Approve this report…
                </Button>
              </div>
            )}
          </Stack>
        )}
      </Section>
      {approved && (
        <Alert severity="success" onClose={() => setApproved(undefined)} data-testid="report-approved">
          {approved}
        </Alert>
      )}
      <ErrorAlert error={error ?? issued.error} />
      <Section title={issued.data ? `Issued reports (${count(issued.data.total)})` : 'Issued reports'} testId="issued-reports">
        {issued.loading && <LinearProgress />}
        <DataTable
          testId="issued-reports-table"
          rows={issued.data?.rows ?? []}
          rowKey={(r) => r.report.report_id}
          rowProps={(r) => ({ 'data-report': r.report.report_id })}
          empty="No report has been issued from this database yet."
          detail={(r) => (r.approvals.length ? <SignatureList signatures={r.approvals} testId={`approvals-${r.report.report_id}`} /> : null)}
          columns={[
            { key: 'id', header: 'Report', cell: (r) => <code>{r.report.report_id}</code> },
            { key: 'kind', header: 'Kind', cell: (r) => REPORT_KIND_TEXT[r.report.kind] },
            { key: 'subject', header: 'Subject', cell: (r) => r.report.subject },
            { key: 'issued', header: 'Issued', cell: (r) => signedAt(r.report.issued_at, r.report.zone), cellProps: () => ({ sx: { whiteSpace: 'nowrap' } }) },
            { key: 'by', header: 'By', cell: (r) => r.report.issued_by },
            { key: 'pages', header: 'Pages', numeric: true, cell: (r) => count(r.report.pages) },
            {
              key: 'approvals',
              header: 'Approvals',
              cell: (r) =>
                r.approvals.length === 0 ? (
                  '—'
                ) : (
                  <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
                    {r.approvals.map((a) => (
                      <Chip key={a.id} size="small" color={a.status === 'valid' ? 'success' : 'error'} label={`${a.meaning}: ${a.printed_name}${a.status === 'valid' ? '' : ' (INVALID)'}`} />
                    ))}
                  </Stack>
                ),
            },
            {
              key: 'action',
              header: '',
              cell: (r) =>
                canApprove ? (
                  <Button size="small" onClick={() => setApproving({ report: r.report })} data-testid="report-approve">
                    Approve…
                  </Button>
                ) : null,
            },
          ]}
        />
        <TablePagination
          labelDisplayedRows={displayedRows}
          component="div"
          count={issued.data?.total ?? 0}
          page={page}
          onPageChange={(_, p) => setPage(p)}
          rowsPerPage={PAGE_SIZE}
          rowsPerPageOptions={[PAGE_SIZE]}
        />
      </Section>
      <SignatureDialog
        open={approving !== undefined}
        title={approving ? `Approve report ${approving.report.report_id}` : 'Approve report'}
        signing={
          approving
            ? [
                ['Report', `${approving.report.report_id}: ${REPORT_KIND_TEXT[approving.report.kind]} of ${approving.report.subject}`],
                ['Issued', `${signedAt(approving.report.issued_at, approving.report.zone)} by ${approving.report.issued_by}`],
                ['File SHA-256', approving.report.file_sha256],
              ]
            : []
        }
        meaning={meaning}
        confirmLabel="Sign and approve"
        onSign={approve}
        onClose={() => setApproving(undefined)}
      >
        <TextField select label="Signature for" value={meaning} onChange={(e) => setMeaning(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'report-approval-meaning' } }}>
          {REPORT_APPROVAL_MEANINGS.map((m) => (
            <MenuItem key={m} value={m}>
              {m}
            </MenuItem>
          ))}
        </TextField>
      </SignatureDialog>
    </Stack>
  );
}
