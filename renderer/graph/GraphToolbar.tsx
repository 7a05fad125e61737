/**
 * The genealogy graph's toolbar: trace direction and depth (the page
 * re-traces on change), search with match count and stepping, fit and zoom,
 * PNG and CSV export, clearing the path highlight, and the legend toggle.
 * Holds no state: the graph owns it and passes handlers in.
 */
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import type { TraceDirection } from '../../electron/contract/dto';
import type { SearchResult } from './graph-query';
import { count } from '../components/format';

const DEPTHS = [1, 2, 3, 5, 10];

export interface GraphToolbarProps {
  direction: TraceDirection;
  /** Undefined = unlimited. */
  depth: number | undefined;
  onDirectionChange: (direction: TraceDirection) => void;
  onDepthChange: (depth: number | undefined) => void;
  search: string;
  onSearchChange: (text: string) => void;
  found: SearchResult;
  /** Enter: next match, Shift+Enter: previous. */
  onNextMatch: (step: number) => void;
  onExpandMatches: () => void;
  onFit: () => void;
  onZoom: (factor: number) => void;
  /** PNG export waits for level of detail to finish filling Cytoscape in. */
  detailReady: boolean;
  onExportPng: () => void;
  onExportCsv: () => void;
  /** A path highlight is on. */
  pathActive: boolean;
  onClearPath: () => void;
  showLegend: boolean;
  onToggleLegend: () => void;
}

export function GraphToolbar(props: GraphToolbarProps) {
  const { found, search } = props;
  const depthOptions = props.depth !== undefined && !DEPTHS.includes(props.depth) ? [...DEPTHS, props.depth].sort((a, b) => a - b) : DEPTHS;
  const hiddenMatches = found.hiddenLots.length;
  return (
    <Stack
      direction="row"
      spacing={1}
      useFlexGap
      sx={{ flexWrap: 'wrap', alignItems: 'center', '& .MuiButtonBase-root, & .MuiInputBase-root, & .MuiInputLabel-root, & .MuiFormHelperText-root': { fontSize: 14 } }}
      role="toolbar"
      aria-label="Genealogy graph controls"
    >
      <ToggleButtonGroup
        exclusive
        size="small"
        value={props.direction}
        onChange={(_, v: TraceDirection | null) => {
          if (v) props.onDirectionChange(v);
        }}
        aria-label="Trace direction"
      >
        <ToggleButton value="backward" sx={{ fontSize: 14 }}>Upstream</ToggleButton>
        <ToggleButton value="forward" sx={{ fontSize: 14 }}>Downstream</ToggleButton>
        <ToggleButton value="both" sx={{ fontSize: 14 }}>Both</ToggleButton>
      </ToggleButtonGroup>
      <TextField
        select
        size="small"
        label="Depth"
        value={props.depth === undefined ? 'all' : String(props.depth)}
        onChange={(e) => props.onDepthChange(e.target.value === 'all' ? undefined : Number(e.target.value))}
        sx={{ width: 110 }}
      >
        {depthOptions.map((d) => <MenuItem key={d} value={String(d)}>{d}</MenuItem>)}
        <MenuItem value="all">All</MenuItem>
      </TextField>
      <TextField
        size="small"
        label="Search in graph"
        value={search}
        onChange={(e) => props.onSearchChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            props.onNextMatch(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') {
            props.onSearchChange('');
          }
        }}
        helperText={search.trim() ? `${count(found.nodes.length)} on screen${hiddenMatches ? `, ${count(hiddenMatches)} in groups` : ''} — Enter: next` : ' '}
        sx={{ width: 260 }}
        slotProps={{ htmlInput: { 'aria-label': 'Search lots, items, customers, suppliers, orders in the graph' } }}
      />
      {hiddenMatches > 0 && (
        <Button size="small" variant="outlined" onClick={props.onExpandMatches}>
          Expand groups with matches
        </Button>
      )}
      <Button size="small" variant="outlined" onClick={() => props.onFit()}>Fit</Button>
      <Button size="small" variant="outlined" onClick={() => props.onZoom(1.25)} aria-label="Zoom in">Zoom +</Button>
      <Button size="small" variant="outlined" onClick={() => props.onZoom(0.8)} aria-label="Zoom out">Zoom −</Button>
      <Button
        size="small"
        variant="outlined"
        disabled={!props.detailReady}
        title={props.detailReady ? undefined : 'Available when every node has been loaded for detail'}
        onClick={props.onExportPng}
      >
        Export PNG
      </Button>
      <Button size="small" variant="outlined" onClick={props.onExportCsv}>Export CSV</Button>
      {props.pathActive && (
        <Button size="small" variant="outlined" onClick={props.onClearPath}>Clear path highlight</Button>
      )}
      <Button size="small" onClick={props.onToggleLegend} aria-pressed={props.showLegend}>{props.showLegend ? 'Hide legend' : 'Show legend'}</Button>
    </Stack>
  );
}
