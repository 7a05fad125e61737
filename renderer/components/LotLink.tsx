/** A lot code that opens the lot's own page: how every table names a lot (never wrapped mid-code). */
import Link from '@mui/material/Link';
import { Link as RouterLink } from 'react-router';
import { CODE_SX, lotPath } from './format';

export function LotLink({ item, lot }: { item: string; lot: string }) {
  return (
    <Link component={RouterLink} to={lotPath(item, lot)} sx={CODE_SX}>
      {lot}
    </Link>
  );
}
