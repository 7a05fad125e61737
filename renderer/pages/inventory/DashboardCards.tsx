/**
 * The inventory cards of the dashboard: lots expiring in the next 30 days,
 * expired lots still in stock, FEFO violations this month and suppliers
 * with rising holds, from one inventory:dashboard call. Each card says how
 * its figure is defined and links to the page with the detail.
 */
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import { useCall } from '../../api/use-call';
import { ErrorAlert } from '../../components/ErrorAlert';
import { num } from './parts';
import { LotLink } from '../../components/LotLink';

function Card({ title, testId, figure, children }: { title: string; testId: string; figure: ReactNode; children: ReactNode }) {
  return (
    <Grid size={{ xs: 12, sm: 6, md: 3 }}>
      <Paper variant="outlined" sx={{ p: 2, height: '100%' }} data-testid={testId}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {title}
        </Typography>
        <Typography variant="h4" component="p" data-testid={`${testId}-figure`}>
          {figure}
        </Typography>
        {children}
      </Paper>
    </Grid>
  );
}

export function InventoryDashboardCards() {
  const r = useCall('inventory:dashboard', {});
  if (r.error) {
    return (
      <Grid size={{ xs: 12 }}>
        <ErrorAlert error={r.error} />
      </Grid>
    );
  }
  const d = r.data;
  if (!d) return null;
  const small = (text: ReactNode): ReactNode => (
    <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
      {text}
    </Typography>
  );
  return (
    <>
      <Card title={`Expiring in ${d.expiring.days} days`} testId="card-expiring" figure={d.expiring.lots}>
        {small(`Lots with stock on ${d.as_of} whose expiry falls within the next ${d.expiring.days} days (${d.expiring.items} item${d.expiring.items === 1 ? '' : 's'}).`)}
        <Link component={RouterLink} to="/inventory">
          On hand
        </Link>
      </Card>
      <Card title="Expired, still in stock" testId="card-expired" figure={d.expired.lots}>
        {d.expired.rows.slice(0, 5).map((l) => (
          <Typography key={`${l.item}\u0000${l.lot}\u0000${l.location}`} variant="body2">
            <LotLink item={l.item} lot={l.lot} />{' '}
            {l.item}, {num(l.quantity)} {l.uom} at {l.location || '—'} · Expired {l.expires_on}
          </Typography>
        ))}
        {d.expired.rows.length > 5 && small(`and ${d.expired.rows.length - 5} more lot-location lines${d.expired.rows.length >= 50 ? ' (first 50 shown)' : ''}`)}
        {small('Lots past their expiry date with stock left: to write off or destroy.')}
      </Card>
      <Card title="FEFO violations this month" testId="card-fefo" figure={d.fefo.violations}>
        {small(`${d.fefo.from} to ${d.fefo.to}: ${d.fefo.checked} consumptions and shipments checked, ${d.fefo.days_given_away} days of shelf life given away.`)}
        <Link component={RouterLink} to={`/inventory/fefo-compliance?from=${d.fefo.from}&to=${d.fefo.to}`}>
          FEFO compliance
        </Link>
      </Card>
      <Card title="Suppliers with rising holds" testId="card-rising-holds" figure={d.rising_holds.suppliers.length}>
        {d.rising_holds.suppliers.map((s) => (
          <Typography key={s.supplier} variant="body2">
            {s.supplier}: {s.recent} of {s.recent_received} lots flagged, was {s.previous} of {s.previous_received}
          </Typography>
        ))}
        {small(`Last 30 days (from ${d.rising_holds.recent_from}) against the 30 before (from ${d.rising_holds.previous_from}). ${d.rising_holds.definition}`)}
        <Link component={RouterLink} to="/suppliers">
          Supplier scorecard
        </Link>
      </Card>
    </>
  );
}
