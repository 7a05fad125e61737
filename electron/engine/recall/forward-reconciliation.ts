/**
 * A mock recall's reconciliation from the implicated lots forward, as
 * BRCGS 3.9.3 and SQF 2.6 auditors ask for it: not only "is the implicated
 * lot 100 % accounted for" but where all of it went — into intermediate
 * lots, into finished goods, and out to each consignee. Every affected lot
 * gets its own mass balance (engine/trace/mass-balance.ts, in its own unit);
 * the lots are then summed per stage (implicated, intermediate, finished)
 * and per unit family, so kilograms and pounds add up while cases and
 * kilograms never do. A family's accounted % is
 * (consumed + shipped + adjusted + on hand) / (produced + received).
 */
import type { Db } from '../db/database';
import { convert, roundQuantity } from '../domain/units';
import { massBalances } from '../trace/mass-balance';
import type { MassBalance } from '../../contract/dto/trace';
import type {
  Consignee, ConsigneeReconciliation, ForwardReconciliation, LotReconciliation, ReconciliationStage, StageReconciliation, UnitReconciliation,
} from '../../contract/dto/recall';
import { totalsOf } from './unit-totals';

export const STAGES: readonly ReconciliationStage[] = ['implicated', 'intermediate', 'finished'];

/** The share accounted for, in % with two decimals; null when nothing came in. */
export function accountedPct(inQty: number, out: number): number | null {
  return inQty > 0 ? Math.round((out / inQty) * 10000) / 100 : null;
}

/** Per-unit-family sums of lot mass balances: each lot lands in the first family its unit converts to. */
export class FamilySums {
  private readonly families: UnitReconciliation[] = [];

  add(l: Pick<LotReconciliation, 'uom' | 'in' | 'consumed' | 'shipped' | 'adjusted' | 'on_hand'>): void {
    let f = this.families.find((x) => convert(1, l.uom, x.uom) !== undefined);
    if (!f) {
      f = { uom: l.uom, lots: 0, in: 0, consumed: 0, shipped: 0, adjusted: 0, on_hand: 0, unaccounted: 0, accounted_pct: null };
      this.families.push(f);
    }
    const c = (q: number): number => convert(q, l.uom, f.uom)!;
    f.lots++;
    f.in = roundQuantity(f.in + c(l.in));
    f.consumed = roundQuantity(f.consumed + c(l.consumed));
    f.shipped = roundQuantity(f.shipped + c(l.shipped));
    f.adjusted = roundQuantity(f.adjusted + c(l.adjusted));
    f.on_hand = roundQuantity(f.on_hand + c(l.on_hand));
  }

  list(): UnitReconciliation[] {
    return this.families.map((f) => {
      const out = roundQuantity(f.consumed + f.shipped + f.adjusted + f.on_hand);
      return { ...f, unaccounted: roundQuantity(f.in - out) + 0, accounted_pct: accountedPct(f.in, out) };
    });
  }
}

function lotLine(mb: MassBalance, stage: ReconciliationStage, depth: number): LotReconciliation {
  const inQty = roundQuantity(mb.received + mb.produced);
  return {
    item: mb.item, lot: mb.lot, uom: mb.uom, stage, depth, in: inQty, consumed: mb.consumed, shipped: mb.shipped, adjusted: mb.adjusted,
    on_hand: mb.on_hand, unaccounted: mb.unaccounted, accounted_pct: mb.accounted_pct,
  };
}

/**
 * The forward reconciliation of a stored recall: its affected lots as
 * stored at opening (recall_lot), their quantities as they are now, and
 * the consignees found for them. Also returns each lot's gaps, in the
 * lines' order, for the mock recall's gap list.
 */
export function forwardReconciliation(db: Db, recallId: number, consignees: readonly Consignee[]): ForwardReconciliation & { gaps: string[] } {
  const rows = db
    .prepare(`SELECT rl.lot_id, rl.implicated, rl.depth, i.kind FROM recall_lot rl JOIN lot l ON l.id = rl.lot_id JOIN item i ON i.id = l.item_id
      WHERE rl.recall_id = ?`)
    .raw()
    .all(recallId) as [number, number, number, string][];
  const balances = massBalances(db, rows.map((r) => r[0]));
  const lines: { line: LotReconciliation; gaps: string[] }[] = rows.map(([lotId, implicated, depth, kind]) => {
    const mb = balances.get(lotId)!;
    const stage: ReconciliationStage = implicated === 1 ? 'implicated' : kind === 'finished' ? 'finished' : 'intermediate';
    return { line: lotLine(mb, stage, depth), gaps: mb.gaps };
  });
  const order = (s: ReconciliationStage): number => STAGES.indexOf(s);
  lines.sort((a, b) => order(a.line.stage) - order(b.line.stage) || a.line.depth - b.line.depth || a.line.item.localeCompare(b.line.item) || a.line.lot.localeCompare(b.line.lot));
  const stages: StageReconciliation[] = [];
  for (const stage of STAGES) {
    const sums = new FamilySums();
    for (const { line } of lines) if (line.stage === stage) sums.add(line);
    const perUnit = sums.list();
    if (perUnit.length > 0) stages.push({ stage, per_unit: perUnit });
  }
  const byConsignee: ConsigneeReconciliation[] = consignees.map((c) => ({
    customer: c.customer, ship_to: c.ship_to, shipped: c.quantities.map((q) => ({ ...q })), lots: c.lots.length, shipments: c.shipments,
  }));
  return {
    lots: lines.map((l) => l.line),
    stages,
    consignees: byConsignee,
    shipped_to_consignees: totalsOf(consignees.flatMap((c) => c.quantities)),
    gaps: lines.flatMap(({ line, gaps }) => gaps.map((g) => `${line.item} / ${line.lot}: ${g}`)),
  };
}
