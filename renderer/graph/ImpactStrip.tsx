/**
 * The strip above the genealogy graph answering "which finished lots, which
 * customers": what the lot reaches downstream (lot:impact, the whole forward
 * trace even when the graph is cut to a drawable depth) — finished lots,
 * stock still on hand per unit (never summed across units), consignees and
 * open holds — with the open recalls the lot belongs to and the two actions
 * a QA manager takes from here. Holding every affected lot is done from a
 * recall (its "Hold all" records why and holds all or none), so "Hold
 * affected…" opens the lot's open recall, or offers to start one.
 *
 * Test hooks: data-testid="impact-strip" with data-impact-* figures,
 * "impact-hold", "impact-start-recall", "impact-recall-<code>".
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useCall } from '../api/use-call';
import { ErrorAlert } from '../components/ErrorAlert';
import { count, counted, qty } from '../components/format';
import type { LotImpact } from '../../electron/contract/dto';

/** Where a recall of the lot starts: the recall start page with the lot filled in. */
export function startRecallPath(item: string, lot: string): string {
  return `/recalls/new?item=${encodeURIComponent(item)}&lot=${encodeURIComponent(lot)}`;
}

function Figure({ label, value, detail, testId, tone }: { label: string; value: ReactNode; detail?: ReactNode; testId: string; tone?: 'warning' }) {
  return (
    <Box data-testid={testId} sx={{ minWidth: 150, pr: 2, borderRight: 1, borderColor: 'divider' }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="h6" component="div" sx={{ lineHeight: 1.3, color: tone === 'warning' ? 'warning.dark' : 'text.primary', whiteSpace: 'nowrap' }}>
        {value}
      </Typography>
      {detail && (
        <Typography variant="caption" color="text.secondary" component="div" sx={{ whiteSpace: 'nowrap' }}>
          {detail}
        </Typography>
      )}
    </Box>
  );
}

export function ImpactStrip({ item, lot }: { item: string; lot: string }) {
  const impact = useCall('lot:impact', { item, lot });
  const navigate = useNavigate();
  const [holdDialog, setHoldDialog] = useState(false);
  if (impact.error) return <ErrorAlert error={impact.error} />;
  const d = impact.data;
  if (!d) {
    return (
      <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="impact-strip" data-state="loading">
        <Stack direction="row" spacing={2}>
          {[0, 1, 2, 3].map((k) => (
            <Skeleton key={k} variant="rounded" width={150} height={52} />
          ))}
        </Stack>
      </Paper>
    );
  }
  const recall = d.open_recalls[0];
  const holdLabel = `Hold affected… (${count(d.holdable_lots)})`;
  return (
    <Paper
      variant="outlined"
      sx={{ p: 1.5 }}
      data-testid="impact-strip"
      data-state="ready"
      data-impact-finished={d.finished_lots}
      data-impact-consignees={d.consignees}
      data-impact-holds={d.open_holds}
    >
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Figure
          testId="impact-finished"
          label="Finished lots reached"
          value={count(d.finished_lots)}
          detail={`${counted(d.finished_on_hand_lots, 'still in stock', 'still in stock')} · ${counted(d.lots, 'lot')} downstream in all`}
        />
        <Figure
          testId="impact-on-hand"
          label="Still in stock"
          value={d.on_hand.length === 0 ? 'none' : d.on_hand.slice(0, 3).map((q) => qty(q.quantity, q.uom)).join(' · ')}
          detail={`${counted(d.on_hand_lots, 'lot')} on hand${d.on_hand.length > 3 ? `, ${count(d.on_hand.length - 3)} more units` : ''}`}
        />
        <Tooltip title={d.customer_names.length > 0 ? `${d.customer_names.join(', ')}${d.customers > d.customer_names.length ? ', …' : ''}` : 'Nothing shipped'}>
          <span>
            <Figure testId="impact-consignees" label="Consignees (customer + ship-to)" value={count(d.consignees)} detail={counted(d.customers, 'customer')} />
          </span>
        </Tooltip>
        <Figure testId="impact-holds" label="Open holds" value={count(d.open_holds)} detail="on hold or quarantined" {...(d.open_holds > 0 ? { tone: 'warning' as const } : {})} />
        <Stack spacing={0.5} sx={{ ml: 'auto', alignItems: 'flex-end' }}>
          <Stack direction="row" spacing={1}>
            <Button
              variant="outlined"
              color="warning"
              data-testid="impact-hold"
              disabled={d.holdable_lots === 0 && !recall}
              onClick={() => (recall ? void navigate(`/recalls/${recall.id}`) : setHoldDialog(true))}
            >
              {holdLabel}
            </Button>
            <Button variant="contained" color="error" data-testid="impact-start-recall" onClick={() => void navigate(startRecallPath(d.item, d.lot))}>
              Start recall
            </Button>
          </Stack>
        </Stack>
      </Stack>
      {d.open_recalls.length > 0 && (
        <Alert severity="error" sx={{ mt: 1, py: 0 }} data-testid="impact-recalls">
          This lot is in {d.open_recalls.length === 1 ? 'an open recall' : `${count(d.open_recalls.length)} open recalls`}:{' '}
          {d.open_recalls.map((r) => (
            <Chip
              key={r.id}
              size="small"
              color="error"
              clickable
              sx={{ ml: 0.5 }}
              data-testid={`impact-recall-${r.code}`}
              label={`${r.code} · class ${r.class}`}
              onClick={() => void navigate(`/recalls/${r.id}`)}
            />
          ))}
        </Alert>
      )}
      <HoldDialog open={holdDialog} impact={d} onClose={() => setHoldDialog(false)} onStart={() => void navigate(startRecallPath(d.item, d.lot))} />
    </Paper>
  );
}

/** No open recall yet: a hold of everything affected is a recall's "Hold all", so start one (or a mock) first. */
function HoldDialog({ open, impact, onClose, onStart }: { open: boolean; impact: LotImpact; onClose: () => void; onStart: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>Hold what {impact.lot} reached</DialogTitle>
      <DialogContent>
        <Typography gutterBottom>
          {counted(impact.holdable_lots, 'lot')} reached from {impact.item} / {impact.lot} {impact.holdable_lots === 1 ? 'is' : 'are'} still in stock and not on hold
          {impact.open_holds > 0 ? ` (${counted(impact.open_holds, 'more is', 'more are')} on hold or quarantined already)` : ''}.
        </Typography>
        <Typography>
          Holding them all is done from a recall, which records why and holds all or none: start the recall (real or mock) for this lot, then use
          “Hold all on-hand affected lots” on its page. A single lot can be put on hold from its own page.
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" color="error" onClick={onStart} data-testid="impact-hold-start">
          Start recall for {impact.lot}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
