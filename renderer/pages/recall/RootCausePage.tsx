/**
 * Root cause (route /rootcause): several lots with complaints in, the
 * upstream lots and suppliers they share out, most shared first, and the
 * genealogy of the top shared lot with every shared ancestor highlighted —
 * the picture a QA team looks at to decide where the problem came in.
 */
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import type { CallResult } from '../../../electron/contract/contract';
import { api, ApiError } from '../../api/api';
import { useCall } from '../../api/use-call';
import { DataTable, itemColumn } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { count, lotPath } from '../../components/format';
import { GenealogyGraph } from '../../graph/GenealogyGraph';
import { LotPicker, type PickedLot } from './LotPicker';
import { LotLink } from '../../components/LotLink';

type Result = CallResult<'rootcause:rank'>;
type Direction = 'backward' | 'forward' | 'both';

function SharedGraph({ result }: { result: Result }) {
  const navigate = useNavigate();
  const top = result.highlight[0];
  const [direction, setDirection] = useState<Direction>('both');
  const [depth, setDepth] = useState<number>();
  const trace = useCall('trace:run', top ? { item: top.item, lot: top.lot, direction, ...(depth ? { depth } : {}) } : null);
  const loadMore = useCallback(
    (ref: { item: string; lot: string }, dir: 'backward' | 'forward') => api.call('trace:run', { item: ref.item, lot: ref.lot, direction: dir, depth: 1 }),
    [],
  );
  if (!top) return <Typography>No upstream lot is shared by two or more of these lots.</Typography>;
  return (
    <Stack spacing={1} sx={{ height: 640 }}>
      <Typography>
        Genealogy of {top.item} / {top.lot}, the most shared lot; shared ancestors highlighted.
      </Typography>
      <ErrorAlert error={trace.error} />
      {trace.loading && <LinearProgress />}
      {trace.data && (
        <GenealogyGraph
          trace={trace.data}
          direction={direction}
          depth={depth}
          onDirectionChange={setDirection}
          onDepthChange={setDepth}
          onOpenLot={(ref) => void navigate(lotPath(ref.item, ref.lot))}
          loadMore={loadMore}
          highlight={result.highlight}
        />
      )}
    </Stack>
  );
}

export function RootCausePage() {
  const [lots, setLots] = useState<PickedLot[]>([]);
  const [result, setResult] = useState<Result>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const rank = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await api.call('rootcause:rank', { lots }));
    } catch (e) {
      setError(e as ApiError);
      setResult(undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={2} data-testid="rootcause-page">
      <Typography variant="h4" component="h1">
        Root cause
      </Typography>
      <Typography>Enter the lots with complaints: the upstream lots and suppliers they have in common are ranked by how many of them reach each.</Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <div style={{ flex: 1 }}>
          <LotPicker value={lots} onChange={setLots} label="Complaint lots" testId="complaint-lots" />
        </div>
        <Button variant="contained" size="large" disabled={lots.length < 2 || busy} onClick={() => void rank()} data-testid="rank">
          Find shared ancestors
        </Button>
      </Stack>
      <ErrorAlert error={error} />
      {result && (
        <>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, md: 7 }}>
              <Paper variant="outlined" sx={{ p: 2 }}>
                <Typography variant="h6" component="h2" gutterBottom>
                  Shared upstream lots
                </Typography>
                <DataTable
                  testId="shared-lots"
                  rows={result.lots}
                  rowKey={(l) => `${l.item}/${l.lot}`}
                  rowProps={(l) => ({ 'data-lot': `${l.item}/${l.lot}`, selected: result.highlight.some((h) => h.item === l.item && h.lot === l.lot) })}
                  columns={[
                    itemColumn(),
                    { key: 'lot', header: 'Lot', cell: (l) => <LotLink item={l.item} lot={l.lot} /> },
                    { key: 'complaints', header: 'Complaint lots reaching it', numeric: true, cell: (l) => `${count(l.complaints)} of ${count(result.complaint_lots.length)}` },
                    { key: 'hops', header: 'Hops', numeric: true, cell: (l) => l.min_depth },
                    { key: 'suppliers', header: 'Suppliers', cell: (l) => l.suppliers.join(', ') || '—' },
                  ]}
                />
              </Paper>
            </Grid>
            <Grid size={{ xs: 12, md: 5 }}>
              <Paper variant="outlined" sx={{ p: 2 }}>
                <Typography variant="h6" component="h2" gutterBottom>
                  Shared suppliers
                </Typography>
                <DataTable
                  testId="shared-suppliers"
                  rows={result.suppliers}
                  rowKey={(s) => s.supplier}
                  rowProps={(s) => ({ 'data-supplier': s.supplier })}
                  columns={[
                    { key: 'supplier', header: 'Supplier', cell: (s) => s.supplier },
                    { key: 'complaints', header: 'Complaint lots', numeric: true, cell: (s) => `${count(s.complaints)} of ${count(result.complaint_lots.length)}` },
                    { key: 'lots', header: 'Their lots (supplier lot)', cell: (s) => s.lots.map((l) => `${l.item} / ${l.lot} (${l.supplier_lot || '—'})`).join(', ') },
                  ]}
                />
              </Paper>
            </Grid>
          </Grid>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <SharedGraph key={JSON.stringify(result.highlight[0] ?? null)} result={result} />
          </Paper>
        </>
      )}
    </Stack>
  );
}
