/**
 * The frame every chart sits in: a title, the chart (from @mui/x-charts),
 * a line saying what it counts, and a placeholder of the same height while
 * its data loads, so the page does not jump. The chart's figures come
 * aggregated from the engine (per week, month or day), never raw rows.
 */
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

export interface ChartBoxProps {
  title: string;
  testId: string;
  /** Number of series drawn (data-series, for the tests and the curious). */
  series: number;
  height?: number;
  loading?: boolean;
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: string | false;
  note?: ReactNode;
  children?: ReactNode;
}

export function ChartBox({ title, testId, series, height = 240, loading = false, empty, note, children }: ChartBoxProps) {
  return (
    <Paper variant="outlined" sx={{ p: 1.5, minWidth: 0 }} data-testid={testId} data-series={series} aria-busy={loading} component="figure" style={{ margin: 0 }}>
      <Typography variant="subtitle2" component="figcaption" sx={{ fontWeight: 700 }}>
        {title}
      </Typography>
      {loading && !children ? (
        <Skeleton variant="rectangular" height={height} sx={{ mt: 1 }} data-testid={`${testId}-loading`} />
      ) : empty ? (
        <Box sx={{ height, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <Typography variant="body2" color="text.secondary">
            {empty}
          </Typography>
        </Box>
      ) : (
        <Box sx={{ minHeight: height, opacity: loading ? 0.4 : 1, transition: 'opacity 0.2s' }}>{children}</Box>
      )}
      {note && (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
          {note}
        </Typography>
      )}
    </Paper>
  );
}
