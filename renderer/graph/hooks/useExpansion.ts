/**
 * What the picture holds beyond the trace the page handed in: groups the
 * user expanded and lots whose next level was loaded on demand (merged into
 * the trace), and the model built from all of it. Double-click or Enter on a
 * group expands it; on a lot it loads the next level away from the root
 * through the page's `loadMore`. A new trace from the page (direction or
 * depth changed) starts a fresh picture.
 */
import { useCallback, useMemo, useRef, useState, type MutableRefObject } from 'react';
import type { LotRef, TraceDirection, TraceResult } from '../../../electron/contract/dto';
import { buildModel, mergeTrace, outwardDirection, type GraphModel, type LinkDirection } from '../graph-model';

interface GraphState {
  base: TraceResult;
  merged: TraceResult;
  expanded: ReadonlySet<string>;
  loaded: ReadonlySet<string>;
  /** Node to keep in view after the next layout (what the user just expanded). */
  focus: string | null;
}

const initialState = (trace: TraceResult): GraphState => ({ base: trace, merged: trace, expanded: new Set(), loaded: new Set(), focus: null });

export interface ExpansionInput {
  trace: TraceResult;
  loadMore: (ref: LotRef, direction: LinkDirection) => Promise<TraceResult>;
  groupThreshold: number | undefined;
  /** Expanding a group selects the lot it hangs off. */
  setSelected: (id: string | null) => void;
}

export interface Expansion {
  model: GraphModel;
  /** The current model, for callbacks and listeners registered once. */
  modelRef: MutableRefObject<GraphModel>;
  /** How long the last model build took and when it started (for GraphReadyInfo). */
  modelMsRef: MutableRefObject<number>;
  modelStartRef: MutableRefObject<number>;
  /** Node to keep in view after the next layout. */
  focus: string | null;
  /** Lots whose next level is loading. */
  loading: ReadonlySet<string>;
  error: string | null;
  clearError: () => void;
  expandGroup: (id: string) => void;
  /** Expands several groups at once (those holding search matches). */
  expandGroups: (ids: readonly string[]) => void;
  loadLevel: (id: string, direction: TraceDirection) => Promise<boolean>;
  /** A group expands, a lot loads its next level away from the root. True when the picture changes. */
  expand: (id: string) => Promise<boolean>;
  /** The latest expand, for listeners registered once. */
  expandRef: MutableRefObject<(id: string) => Promise<boolean>>;
}

export function useExpansion({ trace, loadMore, groupThreshold, setSelected }: ExpansionInput): Expansion {
  const [state, setState] = useState(() => initialState(trace));
  // A new trace from the page (direction/depth changed) starts a fresh picture.
  if (state.base !== trace) setState(initialState(trace));
  const [loading, setLoading] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const modelMsRef = useRef(0);
  const modelStartRef = useRef(0);

  const model = useMemo(() => {
    const t0 = performance.now();
    modelStartRef.current = t0;
    const m = buildModel(state.merged, { groupThreshold, expanded: state.expanded, loaded: state.loaded });
    modelMsRef.current = performance.now() - t0;
    return m;
  }, [state.merged, state.expanded, state.loaded, groupThreshold]);
  const modelRef = useRef(model);
  modelRef.current = model;

  const expandGroup = useCallback((id: string) => {
    const group = modelRef.current.byId.get(id)?.group;
    if (!group) return;
    setState((s) => ({ ...s, expanded: new Set(s.expanded).add(id), focus: group.parent }));
    setSelected(group.parent);
  }, [setSelected]);

  const expandGroups = useCallback((ids: readonly string[]) => {
    setState((s) => ({ ...s, expanded: new Set([...s.expanded, ...ids]) }));
  }, []);

  const loadLevel = useCallback(
    async (id: string, direction: TraceDirection): Promise<boolean> => {
      const lot = modelRef.current.byId.get(id)?.lot;
      if (!lot) return false;
      const base = state.base;
      setLoading((l) => new Set(l).add(id));
      setError(null);
      try {
        const dirs: LinkDirection[] = direction === 'both' ? ['backward', 'forward'] : [direction];
        const results = await Promise.all(dirs.map((d) => loadMore({ item: lot.item, lot: lot.lot }, d)));
        setState((s) => (s.base !== base ? s : { ...s, merged: results.reduce(mergeTrace, s.merged), loaded: new Set(s.loaded).add(id), focus: id }));
        return true;
      } catch (e) {
        setError(`Could not load the next level of ${lot.item} ${lot.lot}: ${e instanceof Error ? e.message : String(e)}`);
        return false;
      } finally {
        setLoading((l) => {
          const next = new Set(l);
          next.delete(id);
          return next;
        });
      }
    },
    [loadMore, state.base],
  );

  const expand = useCallback(
    async (id: string): Promise<boolean> => {
      const node = modelRef.current.byId.get(id);
      if (!node) return false;
      if (node.type === 'group') {
        expandGroup(id);
        return true;
      }
      return node.lot ? loadLevel(id, outwardDirection(node.lot, trace.direction)) : false;
    },
    [expandGroup, loadLevel, trace.direction],
  );
  const expandRef = useRef(expand);
  expandRef.current = expand;

  const clearError = useCallback(() => setError(null), []);

  return {
    model, modelRef, modelMsRef, modelStartRef, focus: state.focus, loading, error, clearError, expandGroup, expandGroups, loadLevel, expand, expandRef,
  };
}
