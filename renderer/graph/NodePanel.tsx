/**
 * The side panel of the genealogy graph: the facts of the selected node and
 * what can be done from it — open the lot page, load the next level up- or
 * downstream, expand a group, highlight every path from the root. Every
 * action is a button, so it is reachable with Tab and Enter alone.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { LinkDirection, GraphModel, GraphNode } from './graph-model';
import { count, qty, when } from '../components/format';
import { KIND_STYLES, STATUS_STYLES } from './style';

export interface NodePanelProps {
  node: GraphNode;
  model: GraphModel;
  /** Lot ids whose next level is being loaded. */
  loading: ReadonlySet<string>;
  pathActive: boolean;
  onOpenLot: () => void;
  onLoad: (direction: LinkDirection) => void;
  onExpandGroup: () => void;
  onTogglePaths: () => void;
  onClose: () => void;
}

const LIST_MAX = 12;

const STATUS_TEXT: Record<string, string> = { released: 'Released', consumed: 'Consumed (used up)' };

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Typography component="dt" sx={{ fontSize: 14, color: 'text.secondary' }}>{label}</Typography>
      <Typography component="dd" sx={{ fontSize: 15, m: 0, overflowWrap: 'anywhere' }}>{children}</Typography>
    </>
  );
}

function Facts({ children }: { children: ReactNode }) {
  return <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 1.5, rowGap: 0.5, m: 0 }}>{children}</Box>;
}

function List({ title, rows }: { title: string; rows: string[] }) {
  if (rows.length === 0) return null;
  return (
    <Box>
      <Typography component="h3" sx={{ fontSize: 14, fontWeight: 'bold', mt: 1 }}>{title}</Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5, fontSize: 14 }}>
        {rows.slice(0, LIST_MAX).map((r, i) => <li key={i}>{r}</li>)}
        {rows.length > LIST_MAX && <li>… and {count(rows.length - LIST_MAX)} more</li>}
      </Box>
    </Box>
  );
}

function LotFacts({ node }: { node: GraphNode }) {
  const l = node.lot!;
  const status = STATUS_STYLES[l.status as keyof typeof STATUS_STYLES]?.label ?? STATUS_TEXT[l.status] ?? l.status;
  return (
    <>
      <Facts>
        <Fact label="Item">{l.item} — {l.description}</Fact>
        <Fact label="Lot">{l.lot}</Fact>
        <Fact label="Kind">{KIND_STYLES[node.kind].label}</Fact>
        <Fact label="Status">{status}</Fact>
        <Fact label="Quantity">{qty(l.quantity, l.uom)}</Fact>
        <Fact label="On hand">{qty(l.on_hand, l.uom)}</Fact>
        <Fact label="Origin">{l.origin}</Fact>
        <Fact label="Produced">{when(l.produced_at)}</Fact>
        <Fact label="Expires">{l.expires_on ?? '—'}{node.expired ? ' (EXPIRED)' : ''}</Fact>
        <Fact label="Trace">{l.side === 'root' ? 'traced lot' : `${l.side}, ${l.depth} ${l.depth === 1 ? 'step' : 'steps'}`}{node.frontier ? ' — more may lie beyond' : ''}</Fact>
      </Facts>
      <List title="Received" rows={(node.receipts ?? []).map((r) => `${qty(r.quantity, r.uom)} from ${r.supplier} (supplier lot ${r.supplier_lot || '—'}, PO ${r.po || '—'}) ${when(r.received_at)}`)} />
      <List title="Shipped" rows={(node.shipments ?? []).map((s) => `${qty(s.quantity, s.uom)} to ${s.customer}, ${s.ship_to} (order ${s.order || '—'}) ${when(s.shipped_at)}`)} />
    </>
  );
}

function GroupFacts({ node, model }: { node: GraphNode; model: GraphModel }) {
  const g = node.group!;
  const parent = model.byId.get(g.parent)?.lot;
  const parentText = parent ? `${parent.item} ${parent.lot}` : g.parent;
  if (g.kind === 'shipments') {
    const byDest = new Map<string, number>();
    for (const s of g.shipments) byDest.set(`${s.customer}, ${s.ship_to}`, (byDest.get(`${s.customer}, ${s.ship_to}`) ?? 0) + 1);
    return (
      <>
        <Facts>
          <Fact label="Shipments">{count(g.shipments.length)} of lot {parentText}</Fact>
          <Fact label="Destinations">{count(byDest.size)}</Fact>
        </Facts>
        <List title="Destinations" rows={[...byDest].map(([d, n]) => `${d} (${count(n)})`)} />
      </>
    );
  }
  return (
    <>
      <Facts>
        <Fact label="Lots">{count(g.members.length)} {g.direction === 'forward' ? 'made from' : 'that went into'} {parentText}</Fact>
        <Fact label="Item">{g.item === '*' ? 'several items' : g.item}</Fact>
      </Facts>
      <List title="Lots in the group" rows={g.members.map((m) => m.replace(/^lot:/, ''))} />
    </>
  );
}

export function NodePanel(props: NodePanelProps) {
  const { node, model } = props;
  const busy = props.loading.has(node.id);
  const title = node.type === 'lot' ? `Lot ${node.lot!.lot}` : node.type === 'group' ? 'Group' : node.type === 'supplier' ? 'Supplier' : 'Customer';
  const delivered = node.type === 'supplier' ? model.edges.filter((e) => e.source === node.id).map((e) => `${e.target.replace(/^lot:/, '')}: ${e.label}`) : [];
  return (
    <Paper variant="outlined" sx={{ p: 2, width: 380, maxWidth: '40vw', overflowY: 'auto', flex: 'none' }} aria-label="Selected node" role="region">
      <Stack spacing={1}>
        <Typography component="h2" sx={{ fontSize: 18, fontWeight: 'bold' }}>{title}</Typography>
        {node.type === 'lot' && <LotFacts node={node} />}
        {node.type === 'group' && <GroupFacts node={node} model={model} />}
        {node.type === 'supplier' && (
          <>
            <Facts><Fact label="Name">{node.supplier}</Fact></Facts>
            <List title="Lots received" rows={delivered} />
          </>
        )}
        {node.type === 'customer' && (
          <>
            <Facts>
              <Fact label="Customer">{node.customer!.name}</Fact>
              <Fact label="Ship to">{node.customer!.ship_to}</Fact>
            </Facts>
            <List title="Shipments" rows={(node.shipments ?? []).map((s) => `${s.item} ${s.lot}: ${qty(s.quantity, s.uom)}, order ${s.order || '—'}, BOL ${s.bol || '—'}, ${when(s.shipped_at)}`)} />
          </>
        )}
        <Divider />
        <Stack spacing={1}>
          {node.type === 'lot' && (
            <>
              <Button variant="contained" onClick={props.onOpenLot}>Open lot page</Button>
              <Button variant="outlined" disabled={busy} onClick={() => props.onLoad('backward')}>{busy ? 'Loading…' : 'Load upstream level'}</Button>
              <Button variant="outlined" disabled={busy} onClick={() => props.onLoad('forward')}>{busy ? 'Loading…' : 'Load downstream level'}</Button>
            </>
          )}
          {node.type === 'group' && (
            <Button variant="contained" onClick={props.onExpandGroup}>
              Expand group ({count(node.group!.kind === 'lots' ? node.group!.members.length : node.group!.shipments.length)})
            </Button>
          )}
          {!node.root && (
            <Button variant="outlined" onClick={props.onTogglePaths} aria-pressed={props.pathActive}>
              {props.pathActive ? 'Clear path highlight' : 'Highlight paths from the traced lot'}
            </Button>
          )}
          <Button onClick={props.onClose}>Close panel</Button>
        </Stack>
      </Stack>
    </Paper>
  );
}
