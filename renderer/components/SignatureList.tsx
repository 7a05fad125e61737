/**
 * Electronic signatures as a record's page shows them: printed name (and
 * user name), date and time with the zone it was signed in, the meaning,
 * what was signed, and whether the signature still holds — INVALID, in red,
 * when the signed record has changed since (signature:list / lot:get give
 * the validity as of now).
 */
import Chip from '@mui/material/Chip';
import type { SignatureInfo } from '../../electron/contract/dto/users';
import { signedAt } from '../auth/session-format';
import { DataTable } from './DataTable';

const SIGNED_RECORDS: Record<string, string> = { status_change: 'status change', recall: 'recall as opened', 'recall-closure': 'recall closure', setting: 'setting', 'issued-report': 'issued report' };

export function SignatureList({ signatures, testId = 'signatures' }: { signatures: readonly SignatureInfo[]; testId?: string }) {
  return (
    <DataTable
      testId={testId}
      rows={[...signatures]}
      rowKey={(s) => s.id}
      rowProps={(s) => ({ 'data-signature-status': s.status === 'valid' ? 'valid' : 'invalid' })}
      columns={[
        { key: 'name', header: 'Signed by', cell: (s) => `${s.printed_name} (${s.user})` },
        { key: 'at', header: 'Date and time', cell: (s) => signedAt(s.at, s.zone), cellProps: () => ({ sx: { whiteSpace: 'nowrap' } }) },
        { key: 'meaning', header: 'Meaning', cell: (s) => s.meaning },
        { key: 'what', header: 'Signed record', cell: (s) => `${SIGNED_RECORDS[s.entity] ?? s.entity} ${s.key}` },
        {
          key: 'status',
          header: 'Validity',
          cell: (s) =>
            s.status === 'valid' ? (
              <Chip size="small" color="success" variant="outlined" label="valid" />
            ) : (
              <Chip size="small" color="error" label="INVALID: record changed after signing" />
            ),
        },
      ]}
    />
  );
}
