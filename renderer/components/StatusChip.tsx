/** A lot's status as a coloured chip (colour + text, never colour alone). */
import Chip from '@mui/material/Chip';
import { STATUS_COLORS } from '../app/theme';

export function StatusChip({ status, size = 'small' }: { status: string; size?: 'small' | 'medium' }) {
  const c = STATUS_COLORS[status] ?? { bg: '#999', fg: '#000', label: status };
  // No colour transition: a chip must never show the old status's colour under the new label.
  return <Chip size={size} label={c.label} sx={{ bgcolor: c.bg, color: c.fg, fontWeight: 600, transition: 'none' }} data-status={status} />;
}
