/**
 * Root-cause helper: given several lots with complaints, which upstream lots
 * and suppliers do they have in common? Each complaint lot is traced
 * backward; every upstream lot and every supplier (through the receipts of
 * those lots) is ranked by how many complaint lots reach it. The lot refs in
 * `highlight` are the shared ancestors a genealogy graph should emphasise.
 */
import type { Db } from '../db/database';
import { lotRowsByIds } from '../domain/lots';
import type { Genealogy } from '../trace/genealogy';
import { walk } from '../trace/trace';
import type { LotRef } from '../../contract/dto/lots';
import { RecallInputError } from './scope';
import type { RootCauseResult, SharedLot, SharedSupplier } from '../../contract/dto/recall';

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function rootCause(db: Db, genealogy: Genealogy, complaintIds: readonly number[]): RootCauseResult {
  const complaints = [...new Set(complaintIds)];
  if (complaints.length < 2) throw new RecallInputError('root-cause ranking needs at least two complaint lots');
  const reach = new Map<number, { complaints: number[]; depth: number }>();
  for (const c of complaints) {
    for (const [id, depth] of walk(genealogy, c, 'backward').depth) {
      if (id === c) continue;
      const r = reach.get(id);
      if (r) {
        r.complaints.push(c);
        r.depth = Math.min(r.depth, depth);
      } else reach.set(id, { complaints: [c], depth });
    }
  }
  const ids = [...reach.keys(), ...complaints];
  const summaries = lotRowsByIds(db, JSON.stringify(ids));
  const ref = (id: number): LotRef => ({ item: summaries.get(id)!.item, lot: summaries.get(id)!.lot });

  const receipts = db
    .prepare(`SELECT r.lot_id, p.name, r.supplier_lot FROM json_each(?) j JOIN receipt r ON r.lot_id = j.value JOIN party p ON p.id = r.supplier_id`)
    .raw()
    .all(JSON.stringify([...reach.keys()])) as [number, string, string][];
  const suppliersOf = new Map<number, Set<string>>();
  const supplierAcc = new Map<string, { complaints: Set<number>; lots: Map<string, LotRef & { supplier_lot: string }> }>();
  for (const [lot, supplier, supplierLot] of receipts) {
    let set = suppliersOf.get(lot);
    if (!set) suppliersOf.set(lot, (set = new Set()));
    set.add(supplier);
    let s = supplierAcc.get(supplier);
    if (!s) supplierAcc.set(supplier, (s = { complaints: new Set(), lots: new Map() }));
    for (const c of reach.get(lot)!.complaints) s.complaints.add(c);
    const r = ref(lot);
    s.lots.set(`${r.item}\u0000${r.lot}\u0000${supplierLot}`, { ...r, supplier_lot: supplierLot });
  }

  const byRef = (a: LotRef, b: LotRef): number => cmp(a.item, b.item) || cmp(a.lot, b.lot);
  const lots: SharedLot[] = [...reach]
    .map(([id, r]) => {
      const s = summaries.get(id)!;
      return {
        item: s.item, lot: s.lot, description: s.description, kind: s.kind, complaints: r.complaints.length,
        complaint_lots: r.complaints.map(ref).sort(byRef), min_depth: r.depth, suppliers: [...(suppliersOf.get(id) ?? [])].sort(cmp),
      };
    })
    .sort((a, b) => b.complaints - a.complaints || a.min_depth - b.min_depth || byRef(a, b));
  const suppliers: SharedSupplier[] = [...supplierAcc]
    .map(([supplier, s]) => ({
      supplier, complaints: s.complaints.size, complaint_lots: [...s.complaints].map(ref).sort(byRef),
      lots: [...s.lots.values()].sort((a, b) => byRef(a, b) || cmp(a.supplier_lot, b.supplier_lot)),
    }))
    .sort((a, b) => b.complaints - a.complaints || cmp(a.supplier, b.supplier));
  const top = lots[0]?.complaints ?? 0;
  return {
    complaint_lots: complaints.map(ref),
    lots,
    suppliers,
    highlight: top >= 2 ? lots.filter((l) => l.complaints === top).map((l) => ({ item: l.item, lot: l.lot })) : [],
  };
}
