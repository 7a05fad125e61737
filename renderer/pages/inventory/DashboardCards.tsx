/**
 * The inventory cards of the dashboard: lots expiring in the next 30 days
 * (the dashboard's one expiry card), expired lots still in stock, FEFO
 * violations this month and suppliers with rising holds, from one
 * inventory:dashboard call. Each figure names what it counts ("363 lots"),
 * with thousands separators; each card says how its figure is defined and
 * links to the page with the detail. Placeholders stand in while loading.
 */
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import { useCall } from '../../api/use-call';
import { useDataVersion } from '../../api/data-changed';
import { ErrorAlert } from '../../components/ErrorAlert';
import { count, counted, qty } from '../../components/format';
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
  const r = useCall('inventory:dashboard', {}, useDataVersion());
  if (r.error) {
    return (
      <Grid size={{ xs: 12 }}>
        <ErrorAlert error={r.error} />
      </Grid>
    );
  }
  const d = r.data;
  if (!d) {
    return (
      <>
        {['card-expiring', 'card-expired', 'card-fefo', 'card-rising-holds'].map((id) => (
          <Grid key={id} size={{ xs: 12, sm: 6, md: 3 }}>
            <Skeleton variant="rounded" height={140} data-testid={`${id}-loading`} />
          </Grid>
        ))}
      </>
    );
  }
  // The expired list is one line per lot and location: say how many lots the lines beyond the first five hold.
  const shownExpired = d.expired.rows.slice(0, 5);
  const moreExpiredLots = d.expired.lots - new Set(shownExpired.map((l) => `${l.item}\u0000${l.lot}`)).size;
  const small = (text: ReactNode): ReactNode => (
    <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
      {text}
    </Typography>
  );
  return (
    <>
      <Card title={`Expiring in the next ${d.expiring.days} days`} testId="card-expiring" figure={counted(d.expiring.lots, 'lot')}>
        {small(`Lots with stock on ${d.as_of} whose expiry falls within the next ${d.expiring.days} days (${counted(d.expiring.items, 'item')}).`)}
        <Link component={RouterLink} to="/inventory">
          On hand
        </Link>
      </Card>
      <Card title="Expired, still in stock" testId="card-expired" figure={counted(d.expired.lots, 'lot')}>
        {shownExpired.map((l) => (
          <Typography key={`${l.item}\u0000${l.lot}\u0000${l.location}`} variant="body2">
            <LotLink item={l.item} lot={l.lot} />{' '}
            {l.item}, {qty(l.quantity, l.uom)} at {l.location || '—'} · Expired {l.expires_on}
          </Typography>
        ))}
        {moreExpiredLots > 0 && small(`and ${counted(moreExpiredLots, 'more lot', 'more lots')} (${counted(d.expired.lots, 'lot')} expired in stock in all)`)}
        {small('Lots past their expiry date with stock left: to write off or destroy.')}
      </Card>
      <Card title="FEFO violations this month" testId="card-fefo" figure={counted(d.fefo.violations, 'violation')}>
        {small(`${d.fefo.from} to ${d.fefo.to}: ${counted(d.fefo.checked, 'consumption or shipment', 'consumptions and shipments')} checked, ${counted(d.fefo.days_given_away, 'day')} of shelf life given away.`)}
        <Link component={RouterLink} to={`/inventory/fefo-compliance?from=${d.fefo.from}&to=${d.fefo.to}`}>
          FEFO compliance
        </Link>
      </Card>
      <Card title="Suppliers with rising holds" testId="card-rising-holds" figure={counted(d.rising_holds.suppliers.length, 'supplier')}>
        {d.rising_holds.suppliers.map((s) => (
          <Typography key={s.supplier} variant="body2">
            {s.supplier}: {count(s.recent)} of {counted(s.recent_received, 'lot')} flagged, was {count(s.previous)} of {count(s.previous_received)}
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
