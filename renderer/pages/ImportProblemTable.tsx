/**
 * One table for an import's row problems wherever they are shown: a dropped
 * file's result card, an import-log entry opened from the log, and a file a
 * watched folder set aside in rejected/. Each row says whether it is an
 * error (nothing from the file was stored) or a warning (stored; a figure to
 * check), the line and column, the message and the value as read.
 */
import Chip from '@mui/material/Chip';
import type { SxProps, Theme } from '@mui/material/styles';
import { DataTable } from '../components/DataTable';

export interface ProblemRow {
  line?: number | null | undefined;
  column?: string | undefined;
  message: string;
  value?: string | null | undefined;
}

export function ImportProblemTable({ errors = [], warnings = [], testId, sx }: { errors?: readonly ProblemRow[]; warnings?: readonly ProblemRow[]; testId: string; sx?: SxProps<Theme> }) {
  const rows = [...errors.map((p) => ({ ...p, severity: 'error' as const })), ...warnings.map((p) => ({ ...p, severity: 'warning' as const }))];
  if (rows.length === 0) return null;
  return (
    <DataTable
      {...(sx ? { sx } : {})}
      testId={testId}
      rows={rows}
      rowKey={(_, n) => n}
      rowProps={(p) => ({ 'data-severity': p.severity })}
      columns={[
        { key: 'severity', header: null, cell: (p) => <Chip size="small" variant="outlined" color={p.severity} label={p.severity} /> },
        { key: 'line', header: 'Line', numeric: true, cell: (p) => p.line ?? '' },
        { key: 'column', header: 'Column', cell: (p) => p.column ?? '' },
        { key: 'message', header: 'Message', cell: (p) => p.message },
        { key: 'value', header: 'Value', cell: (p) => p.value ?? '' },
      ]}
    />
  );
}
