/**
 * A trace's links as indented trees for reports: backward (what the lot was
 * made from, down to suppliers) and forward (what was made from it, down to
 * customers). The genealogy is a graph, not a tree: a lot reached twice is
 * printed once in full and then as "(see above)", and the walk uses an
 * explicit stack so a 10,000-deep chain cannot overflow the call stack.
 * Capped at `limit` lines with a closing line saying how many more there
 * are: nothing is lost, as the report's tables list every lot, receipt and
 * shipment in full (and no report prints "…", issue 14).
 */
import type { TraceResult } from '../../contract/dto/trace';
import { formatNumber } from '../recall/unit-totals';
import { plantTime } from './render';

export interface TreeLine {
  depth: number;
  text: string;
}

const key = (item: string, lot: string): string => `${item}\u0000${lot}`;

export function traceTree(trace: TraceResult, direction: 'backward' | 'forward', zone: string, limit = 400): TreeLine[] {
  const day = (iso: string): string => plantTime(iso, zone, true);
  const children = new Map<string, { item: string; lot: string; text: string }[]>();
  for (const l of trace.links) {
    const [parent, child] = direction === 'backward' ? [l.to, l.from] : [l.from, l.to];
    const list = children.get(key(parent.item, parent.lot)) ?? [];
    const what = direction === 'backward' ? `${formatNumber(l.quantity)} ${l.uom} used in batch ${l.batch}` : `batch ${l.batch} used ${formatNumber(l.quantity)} ${l.uom}`;
    list.push({ item: child.item, lot: child.lot, text: `${child.item} / ${child.lot} — ${what}${l.produced_at ? ` (${day(l.produced_at)})` : ''}` });
    children.set(key(parent.item, parent.lot), list);
  }
  const leaves = new Map<string, string[]>();
  if (direction === 'backward') {
    for (const r of trace.receipts) {
      const list = leaves.get(key(r.item, r.lot)) ?? [];
      list.push(`received ${formatNumber(r.quantity)} ${r.uom} from ${r.supplier}${r.supplier_lot ? `, supplier lot ${r.supplier_lot}` : ''}${r.po ? `, PO ${r.po}` : ''} (${day(r.received_at)})`);
      leaves.set(key(r.item, r.lot), list);
    }
  } else {
    for (const s of trace.shipments) {
      const list = leaves.get(key(s.item, s.lot)) ?? [];
      list.push(`shipped ${formatNumber(s.quantity)} ${s.uom} to ${s.customer}${s.ship_to ? ` / ${s.ship_to}` : ''}${s.order ? `, order ${s.order}` : ''}${s.bol ? `, BOL ${s.bol}` : ''} (${day(s.shipped_at)})`);
      leaves.set(key(s.item, s.lot), list);
    }
  }
  const root = trace.root;
  const out: TreeLine[] = [];
  const expanded = new Set<string>();
  const stack: { item: string; lot: string; text: string; depth: number }[] = [{ ...root, text: `${root.item} / ${root.lot}`, depth: 0 }];
  let omitted = 0;
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (out.length >= limit) {
      omitted++;
      continue;
    }
    const k = key(n.item, n.lot);
    if (expanded.has(k)) {
      out.push({ depth: n.depth, text: `${n.text} (see above)` });
      continue;
    }
    expanded.add(k);
    out.push({ depth: n.depth, text: n.text });
    for (const leaf of leaves.get(k) ?? []) {
      if (out.length >= limit) omitted++;
      else out.push({ depth: n.depth + 1, text: leaf });
    }
    const kids = children.get(k) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ ...kids[i]!, depth: n.depth + 1 });
  }
  if (omitted > 0) out.push({ depth: 0, text: `${omitted} more lines of this tree are not drawn here: every lot, receipt and shipment is listed in full in the tables below.` });
  return out;
}
