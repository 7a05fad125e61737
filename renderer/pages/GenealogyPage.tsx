/**
 * A lot's genealogy: loads the trace for the direction and depth in the
 * address and hands it to the graph component, which asks for one more level
 * through `loadMore` when the user expands a node.
 */
import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCallback } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../api/api';
import { useCall } from '../api/use-call';
import { ErrorAlert } from '../components/ErrorAlert';
import { counted, lotPath, when } from '../components/format';
import { RetractedList } from '../components/RetractedList';
import { GenealogyGraph } from '../graph/GenealogyGraph';
import { ImpactStrip } from '../graph/ImpactStrip';
import type { TraceResult } from '../../electron/contract/dto';

type Direction = 'backward' | 'forward' | 'both';

export function GenealogyPage() {
  const { item = '', lot = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const direction = (['backward', 'forward', 'both'].includes(params.get('direction') ?? '') ? params.get('direction') : 'both') as Direction;
  const depthParam = params.get('depth');
  const depth = depthParam ? Number(depthParam) : undefined;
  // Asked first, so it is answered before the trace: whether the engine is
  // still loading its trace copies (after start or an import), which the
  // trace then waits for.
  const info = useCall('app:info', {});
  const trace = useCall('trace:run', { item, lot, direction, ...(depth ? { depth } : {}) });

  const set = (key: string, value: string | null): void => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const loadMore = useCallback(
    (ref: { item: string; lot: string }, dir: 'backward' | 'forward') => api.call('trace:run', { item: ref.item, lot: ref.lot, direction: dir, depth: 1 }),
    [],
  );

  return (
    <Stack spacing={1} sx={{ height: '100%' }}>
      <Typography variant="h5" component="h1">
        Genealogy of {lot} <Typography component="span" color="text.secondary">({item})</Typography>
      </Typography>
      <ImpactStrip item={item} lot={lot} />
      <ErrorAlert error={trace.error} />
      {trace.loading && <LinearProgress />}
      {trace.loading && info.data?.trace_copies_ready === false && (
        <Alert severity="info" data-testid="trace-copies-loading">
          LotTrace is loading the plant's genealogy, shipments and receipts into memory, as it does after it starts and after imports (a few
          seconds on a large plant). Meanwhile this trace is read straight from the database, as far as the graph draws; traces after it answer at once.
        </Alert>
      )}
      {trace.data?.full_size && <TruncatedNotice trace={trace.data} />}
      {trace.data && (
        <GenealogyGraph
          trace={trace.data}
          direction={direction}
          // A cut trace shows the depth it was cut at, so the control can go one deeper.
          depth={depth ?? (trace.data.full_size ? (trace.data.depth_limit ?? undefined) : undefined)}
          onDirectionChange={(d) => set('direction', d)}
          onDepthChange={(d) => set('depth', d === undefined ? null : String(d))}
          onOpenLot={(ref) => void navigate(lotPath(ref.item, ref.lot))}
          loadMore={loadMore}
        />
      )}
      {trace.data?.retracted && (
        <Stack spacing={1} data-testid="trace-retracted">
          <Typography variant="subtitle1" component="h2">
            Retracted by EPCIS error declarations (kept on record, not in the trace)
          </Typography>
          <RetractedList records={trace.data.retracted} when={when} />
        </Stack>
      )}
    </Stack>
  );
}

/** Says that a very large trace is drawn only to the levels that fit, and how large it is. */
function TruncatedNotice({ trace }: { trace: TraceResult }) {
  const full = trace.full_size!;
  return (
    <Alert severity="info" data-testid="trace-truncated">
      {trace.full_size_partial ? (
        // Answered from SQL while the plant's data loads: only a lower bound is known.
        <>The full {trace.direction === 'both' ? '' : `${trace.direction} `}trace reaches at least {counted(full.lots, 'lot')}: more than a graph can show.</>
      ) : (
        <>
          The full {trace.direction === 'both' ? '' : `${trace.direction} `}trace reaches {counted(full.lots, 'lot')}, {counted(full.links, 'link')}
          {full.shipments > 0 ? `, ${counted(full.shipments, 'shipment')}` : ''}
          {full.receipts > 0 ? `, ${counted(full.receipts, 'receipt')}` : ''}: more than a graph can show.
        </>
      )}{' '}
      Drawn to depth {trace.depth_limit} ({counted(trace.lots.length, 'lot')}).
      Raise the depth or expand a node to go further; the lot traceability report lists the whole trace.
    </Alert>
  );
}
