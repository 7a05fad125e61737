/**
 * The test hook Playwright drives the graph through: while the graph is
 * mounted, window.__lottraceGraph lists the nodes on screen, expands a group
 * or loads a lot's next level (resolving once the new picture is drawn), and
 * selects a node.
 */
import { useEffect, type MutableRefObject } from 'react';
import type { GraphModel } from '../graph-model';

export interface GraphHookNode {
  id: string;
  label: string;
  kind: string;
  status: string | null;
}

export interface LotTraceGraphHook {
  nodeIds(): string[];
  nodes(): GraphHookNode[];
  /** Expands a group, or loads the next level of a lot (away from the root); resolves when the new picture is drawn. */
  expand(id: string): Promise<void>;
  select(id: string): void;
}

declare global {
  interface Window {
    __lottraceGraph?: LotTraceGraphHook;
  }
}

export function useGraphTestHook(
  modelRef: MutableRefObject<GraphModel>,
  expandRef: MutableRefObject<(id: string) => Promise<boolean>>,
  readyWaitersRef: MutableRefObject<(() => void)[]>,
  select: (id: string) => void,
): void {
  useEffect(() => {
    const hook: LotTraceGraphHook = {
      nodeIds: () => modelRef.current.nodes.map((n) => n.id),
      nodes: () => modelRef.current.nodes.map((n) => ({ id: n.id, label: n.label, kind: n.kind, status: n.status })),
      expand: async (id) => {
        const drawn = new Promise<void>((resolve) => readyWaitersRef.current.push(resolve));
        if (await expandRef.current(id)) await drawn;
      },
      select,
    };
    window.__lottraceGraph = hook;
    return () => {
      if (window.__lottraceGraph === hook) delete window.__lottraceGraph;
    };
    // Refs are stable; only a new select replaces the hook.
  }, [select]);
}
