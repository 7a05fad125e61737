/** A lot's status as a coloured chip (colour + text, never colour alone). */
import Chip from '@mui/material/Chip';
import { STATUS_COLORS } from '../app/theme';

export function StatusChip({ status, size = 'small' }: { status: string; size?: 'small' | 'medium' }) {
  const c = STATUS_COLORS[status] ?? { bg: '#999', fg: '#000', label: status };
  return <Chip size={size} label={c.label} sx={{ bgcolor: c.bg, color: c.fg, fontWeight: 600 }} data-status={status} />;
}
