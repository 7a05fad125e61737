/**
 * The audit trail viewer (21 CFR 11.10(e)): every recorded create, change
 * and delete, filtered by lot, user, action and date range (audit:list, the
 * same filter as `lottrace audit`), newest first, a page at a time — paged
 * by the engine (audit:page, a keyset cursor: the page asks for the entries
 * below the last one it showed), so a trail of a million entries opens as
 * quickly as a short one and only one page travels to the window; each
 * entry's before → after in words (shared/audit-change.ts), not raw JSON.
 * "Verify chain" recomputes the hash chain (audit:verify) and says either
 * that it is intact, with the number of entries and the head, or which
 * entry is the first that does not match. The filtered entries export as
 * CSV (shared CSV writer, over audit:list: the whole filtered trail, fetched
 * when asked) and as a PDF report (reports:audit).
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TablePagination from '@mui/material/TablePagination';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import type { AuditVerifyResult } from '../../../electron/contract/dto/audit';
import { fieldChanges, changeLine } from '../../../electron/shared/audit-change';
import { api, ApiError } from '../../api/api';
import { useCall } from '../../api/use-call';
import { zonedTime } from '../../auth/session-format';
import { DataTable } from '../../components/DataTable';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { base64Blob, downloadBlob } from '../../components/files';
import { Section } from '../../components/Section';
import { auditCsv } from './audit-csv';
import { count, displayedRows } from '../../components/format';

interface Filter {
  lot: string;
  user: string;
  action: string;
  from: string;
  to: string;
}
const NO_FILTER: Filter = { lot: '', user: '', action: '', from: '', to: '' };
const PAGE_SIZES = [50, 100, 250];
/** An identifier (a user name, an e-mail address) is not broken over lines: one line, an ellipsis past the width. */
const ONE_LINE = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: 200 } as const;

/** Only the fields given, trimmed: the contract refuses empty strings. */
function query(f: Filter): Partial<Filter> {
  return Object.fromEntries(Object.entries(f).map(([k, v]) => [k, (v as string).trim()]).filter(([, v]) => v !== '')) as Partial<Filter>;
}

function fileStem(f: Filter): string {
  const parts = Object.entries(query(f)).map(([k, v]) => `${k}-${v}`);
  return ['audit-trail', ...parts].join('_').replace(/[^A-Za-z0-9._-]+/g, '_');
}

export function AuditPage() {
  const [draft, setDraft] = useState<Filter>(NO_FILTER);
  const [applied, setApplied] = useState<Filter>(NO_FILTER);
  const [page, setPage] = useState(0);
  const [perPage, setPerPage] = useState(PAGE_SIZES[0]!);
  /** The cursor of each page seen so far (page 0: none, the newest entries). */
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors[page];
  const list = useCall('audit:page', { ...query(applied), limit: perPage, ...(before === undefined ? {} : { before }) });
  const [verify, setVerify] = useState<AuditVerifyResult>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const rows = list.data?.entries ?? [];
  const total = list.data?.total;
  const firstPage = (): void => {
    setPage(0);
    setCursors([undefined]);
  };

  const apply = (e: FormEvent): void => {
    e.preventDefault();
    setApplied(draft);
    firstPage();
  };
  const run = async (what: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await what();
    } catch (x) {
      setError(x instanceof ApiError ? x : new ApiError({ code: 'internal', message: String(x) }));
    } finally {
      setBusy(false);
    }
  };
  const field = (key: keyof Filter, label: string, extra: { helper?: string; width?: number } = {}) => (
    <TextField
      size="small"
      label={label}
      value={draft[key]}
      onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      sx={{ width: extra.width ?? 180 }}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `audit-filter-${key}` } }}
      {...(extra.helper ? { helperText: extra.helper } : {})}
    />
  );
  // A date typed digit by digit is the filter's only once it is a whole date (not year 0002 on the way to 2026).
  const dateField = (key: 'from' | 'to', label: string) => (
    <DateField size="small" label={label} value={draft[key]} onChange={(v) => setDraft((d) => ({ ...d, [key]: v }))} sx={{ width: 160 }} testId={`audit-filter-${key}`} />
  );

  return (
    <Stack spacing={2} data-testid="audit-page">
      <Typography variant="h4" component="h1">
        Audit trail
      </Typography>
      <Box component="form" onSubmit={apply}>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
          {field('lot', 'Lot code')}
          {field('user', 'User')}
          {field('action', 'Action', { helper: 'e.g. lot, lot.release, recall, import, user, signature' , width: 240 })}
          {dateField('from', 'From')}
          {dateField('to', 'To (including)')}
          <Button type="submit" variant="contained" data-testid="audit-apply">
            Apply
          </Button>
          <Button
            onClick={() => {
              setDraft(NO_FILTER);
              setApplied(NO_FILTER);
              firstPage();
            }}
          >
            Clear
          </Button>
        </Stack>
      </Box>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <Button variant="outlined" disabled={busy} onClick={() => void run(async () => setVerify(await api.call('audit:verify', {})))} data-testid="audit-verify">
          Verify chain
        </Button>
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              // The whole filtered trail, not just the page on screen.
              const all = await api.call('audit:list', query(applied));
              downloadBlob(new Blob(['\uFEFF', auditCsv(all)], { type: 'text/csv;charset=utf-8' }), `${fileStem(applied)}.csv`);
            })
          }
          data-testid="audit-export-csv"
        >
          Export CSV
        </Button>
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const r = await api.call('reports:audit', query(applied));
              downloadBlob(base64Blob(r.content_base64, 'application/pdf'), `${fileStem(applied)}.pdf`);
            })
          }
          data-testid="audit-export-pdf"
        >
          Export PDF
        </Button>
      </Stack>
      {verify &&
        (verify.ok ? (
          <Alert severity="success" data-testid="audit-verify-result" onClose={() => setVerify(undefined)}>
            Chain intact: {count(verify.entries)} entries, head <code style={{ wordBreak: 'break-all' }}>{verify.head || '(empty)'}</code>
          </Alert>
        ) : (
          <Alert severity="error" data-testid="audit-verify-result" onClose={() => setVerify(undefined)}>
            Chain broken: entry #{verify.bad?.id} ({verify.bad?.action}) does not match: {verify.bad?.why}. Entries from this one on cannot be relied on.
          </Alert>
        ))}
      <ErrorAlert error={error ?? list.error} />
      <Section title={total !== undefined ? `${count(total)} entr${total === 1 ? 'y' : 'ies'}, newest first` : 'Entries'} testId="audit-entries">
        {list.loading && <LinearProgress />}
        <DataTable
          testId="audit-table"
          rows={rows}
          rowKey={(e) => e.id}
          // A long before → after list makes a tall row: its who, when and what stay at the top, beside the list's first line.
          rowProps={(e) => ({ 'data-entry': e.id, 'data-action': e.action, sx: { '& > td': { verticalAlign: 'top' } } })}
          empty="No audit entry matches this filter."
          columns={[
            { key: 'id', header: '#', numeric: true, cell: (e) => e.id },
            { key: 'at', header: 'When', cell: (e) => <span title={`${e.at} (${e.zone})`}>{zonedTime(e.at, e.zone)}</span>, cellProps: () => ({ sx: { whiteSpace: 'nowrap' } }) },
            // A user name is often an e-mail address: one line, cut with an ellipsis, the whole of it on hover.
            { key: 'user', header: 'User', cell: (e) => <span title={e.user}>{e.user}</span>, cellProps: () => ({ sx: ONE_LINE, 'data-col': 'user' }) },
            { key: 'action', header: 'Action', code: true, cell: (e) => e.action },
            { key: 'record', header: 'Record', cell: (e) => (e.key ? `${e.entity} ${e.key}` : e.entity) },
            {
              key: 'change',
              header: 'Before → after',
              cell: (e) => {
                const changes = fieldChanges(e.before, e.after);
                return changes.length === 0 ? '—' : (
                  <Box component="ul" sx={{ m: 0, pl: 2 }} data-testid="audit-change">
                    {changes.map((c) => (
                      <li key={c.field} style={{ overflowWrap: 'anywhere' }}>
                        {changeLine(c)}
                      </li>
                    ))}
                  </Box>
                );
              },
            },
            { key: 'reason', header: 'Reason', cell: (e) => e.reason || '—', cellProps: () => ({ sx: { overflowWrap: 'anywhere' } }) },
          ]}
        />
        <TablePagination
          labelDisplayedRows={displayedRows}
          component="div"
          count={total ?? 0}
          page={total === undefined ? 0 : Math.min(page, Math.max(0, Math.ceil(total / perPage) - 1))}
          onPageChange={(_, p) => {
            // Next and previous only: the next page starts below the last entry shown.
            if (p > page) {
              const next = list.data?.next_before;
              if (next === null || next === undefined) return;
              setCursors((c) => [...c.slice(0, page + 1), next]);
            }
            setPage(p);
          }}
          rowsPerPage={perPage}
          rowsPerPageOptions={PAGE_SIZES}
          onRowsPerPageChange={(e) => {
            setPerPage(Number(e.target.value));
            firstPage();
          }}
          data-testid="audit-pagination"
        />
      </Section>
    </Stack>
  );
}
