/**
 * Bench page for the genealogy graph (graph-bench.html): mounts the real
 * component on a generated trace and reports how long the layout took on
 * `window.__graphBench` (and, for a big graph, when Cytoscape holds every
 * element and the longest task until then on `window.__graphBenchDetail`),
 * for test/bench/graph-layout.ts to read. Query:
 *   ?scenario=big|small   5,000-node trace (default) or ~30 nodes with groups
 *   ?layout=auto|dagre|layered   force a layout, to compare
 * loadMore is answered from the generated trace, so expanding works here too.
 */
import CssBaseline from '@mui/material/CssBaseline';
import { createTheme, ThemeProvider } from '@mui/material/styles';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { TraceDirection, TraceResult } from '../../../electron/contract/dto';
import { GenealogyGraph, type GraphDetailInfo, type GraphReadyInfo } from '../GenealogyGraph';
import { smallTrace, subTrace, syntheticTrace } from './synthetic-trace';

export interface GraphBenchResult extends GraphReadyInfo {
  scenario: string;
  /** From the page's script start to the first frame of the graph. */
  pageMs: number;
}

export interface GraphBenchDetail extends GraphDetailInfo {
  /** Longest main-thread task (PerformanceObserver 'longtask', ≥ 50 ms) from the first frame to Cytoscape holding everything. */
  longestTaskMs: number;
  /** Number of those long tasks. */
  longTasks: number;
}

declare global {
  interface Window {
    __graphBench?: GraphBenchResult;
    __graphBenchRuns?: GraphBenchResult[];
    __graphBenchDetail?: GraphBenchDetail;
  }
}

const started = performance.now();
const params = new URLSearchParams(location.search);
const scenario = params.get('scenario') === 'small' ? 'small' : 'big';
const layoutParam = params.get('layout');
const layoutMode = layoutParam === 'dagre' || layoutParam === 'layered' ? layoutParam : 'auto';
const full: TraceResult = scenario === 'small' ? smallTrace() : syntheticTrace();

// Long tasks after the first frame: how responsive the page stays while Cytoscape fills in.
let firstFrameAt = Infinity;
const longTasks: number[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.startTime >= firstFrameAt) longTasks.push(e.duration);
}).observe({ type: 'longtask', buffered: true });

const theme = createTheme({ typography: { fontSize: 15 }, palette: { primary: { main: '#0072B2' } } });

function Bench() {
  const [direction, setDirection] = useState<TraceDirection>(full.direction);
  const [depth, setDepth] = useState<number | undefined>(undefined);
  const [opened, setOpened] = useState('');
  return (
    <div style={{ height: '100%', padding: 8, boxSizing: 'border-box', display: 'flex', flexDirection: 'column' }}>
      <div style={{ fontSize: 14 }} data-testid="bench-opened">{opened ? `Open lot page: ${opened}` : `Graph bench: ${scenario}, layout ${layoutMode}`}</div>
      <div style={{ flex: 1, minHeight: 0 }}>
        <GenealogyGraph
          trace={full}
          direction={direction}
          depth={depth}
          onDirectionChange={setDirection}
          onDepthChange={setDepth}
          onOpenLot={(ref) => setOpened(`${ref.item} ${ref.lot}`)}
          loadMore={(ref, d) => Promise.resolve(subTrace(full, ref, d))}
          layoutMode={layoutMode}
          onReady={(info) => {
            const result = { ...info, scenario, pageMs: performance.now() - started };
            window.__graphBenchRuns = [...(window.__graphBenchRuns ?? []), result];
            if (window.__graphBench === undefined) firstFrameAt = performance.now();
            window.__graphBench ??= result;
          }}
          onDetail={(info) => {
            window.__graphBenchDetail ??= { ...info, longestTaskMs: Math.max(0, ...longTasks), longTasks: longTasks.length };
          }}
        />
      </div>
    </div>
  );
}

// No StrictMode: its double mount would lay the graph out twice and skew the figure.
createRoot(document.getElementById('root')!).render(
  <ThemeProvider theme={theme}>
    <CssBaseline />
    <Bench />
  </ThemeProvider>,
);
