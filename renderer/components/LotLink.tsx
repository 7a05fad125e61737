/** A lot code that opens the lot's own page: how every table names a lot. */
import Link from '@mui/material/Link';
import { Link as RouterLink } from 'react-router';
import { lotPath } from './format';

export function LotLink({ item, lot }: { item: string; lot: string }) {
  return (
    <Link component={RouterLink} to={lotPath(item, lot)}>
      {lot}
    </Link>
  );
}
