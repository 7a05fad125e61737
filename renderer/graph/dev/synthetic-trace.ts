/**
 * Generated traces for the graph's layout benchmark and its screenshot
 * checks: a plant-shaped 5,000-node trace (20 suppliers, 1,000 raw lots,
 * 1,500 WIP lots, 1,800 finished lots, 680 shipment destinations, every
 * fan-out at most 12 so nothing is grouped and all 5,000 are on screen), and
 * a small one (~30 nodes) with every kind, status and a group of each sort.
 * Seeded, so every run draws the same picture.
 */
import type { TraceLink, TraceLot, TraceReceipt, TraceResult, TraceShipment } from '../../../electron/contract/dto';
import { mulberry32 } from '../../../electron/shared/seeded-random';

type Status = TraceLot['status'];

function mkLot(item: string, code: string, kind: string, status: Status, expires: string | null, depth: number, side: TraceLot['side']): TraceLot {
  return {
    id: 0, item, lot: code, description: `${item} (${kind})`, kind, status, quantity: 1000, uom: kind === 'finished' ? 'ea' : 'kg',
    on_hand: 0, origin: kind === 'raw' || kind === 'packaging' ? 'received' : 'produced', produced_at: '2026-03-04T06:00:00',
    expires_on: expires, depth, side,
  };
}

function statusFor(i: number): Status {
  if (i % 101 === 7) return 'recalled';
  if (i % 97 === 5) return 'rejected';
  if (i % 53 === 3) return 'quarantined';
  if (i % 37 === 1) return 'on_hold';
  return i % 3 === 0 ? 'consumed' : 'released';
}

const link = (from: TraceLot, to: TraceLot, quantity: number, batch: string): TraceLink => ({
  from: { item: from.item, lot: from.lot }, to: { item: to.item, lot: to.lot }, quantity, uom: 'kg', batch, produced_at: '2026-03-04T06:00:00',
});

/** About 5,000 nodes: the benchmark's "big graph". */
export function syntheticTrace(seed = 7): TraceResult {
  const rnd = mulberry32(seed);
  const pick = (n: number): number => Math.floor(rnd() * n);
  const suppliers = Array.from({ length: 20 }, (_, i) => `Supplier ${String(i + 1).padStart(2, '0')}`);
  const raw = Array.from({ length: 1000 }, (_, i) =>
    mkLot(`RM-${String(i % 10).padStart(2, '0')}`, `R${String(i).padStart(5, '0')}`, i % 10 === 9 ? 'packaging' : 'raw', statusFor(i), i % 41 === 0 ? '2025-12-31' : '2028-01-01', 2, 'upstream'));
  const wip = Array.from({ length: 1500 }, (_, i) => mkLot(`WIP-${i % 6}`, `W${String(i).padStart(5, '0')}`, 'wip', statusFor(i + 11), null, 1, 'downstream'));
  const fin = Array.from({ length: 1800 }, (_, i) => mkLot(`FG-${i % 6}`, `F${String(i).padStart(5, '0')}`, 'finished', statusFor(i + 23), '2027-06-30', 2, 'downstream'));
  const links: TraceLink[] = [];
  wip.forEach((w, i) => {
    const inputs = new Set([(i * 2) % 1000, (i * 2 + 1) % 1000, pick(1000)]);
    for (const r of inputs) links.push(link(raw[r]!, w, 10 + pick(90), `BW${i}`));
  });
  fin.forEach((f, i) => {
    const inputs = new Set([i % 1500, pick(1500)]);
    for (const w of inputs) links.push(link(wip[w]!, f, 100 + pick(400), `BF${i}`));
  });
  const receipts: TraceReceipt[] = raw.map((r, i) => ({
    item: r.item, lot: r.lot, supplier: suppliers[i % 20]!, supplier_lot: `SL-${i}`, po: `PO-${1000 + i}`, quantity: 1000, uom: 'kg',
    received_at: '2026-03-01T08:00:00', location: 'WH1',
  }));
  const shipments: TraceShipment[] = [];
  const destination = (k: number): [string, string] => [`Customer ${String(k % 200).padStart(3, '0')}`, `DC ${String(k).padStart(3, '0')}`];
  fin.forEach((f, i) => {
    for (const k of new Set([i % 680, pick(680)])) {
      const [customer, shipTo] = destination(k);
      shipments.push({ item: f.item, lot: f.lot, customer, ship_to: shipTo, order: `SO-${i}-${k}`, bol: `BOL-${i}`, quantity: 100, uom: 'ea', shipped_at: '2026-03-07T14:00:00' });
    }
  });
  const root = wip[0]!;
  return {
    root: { item: root.item, lot: root.lot },
    direction: 'both',
    depth_limit: null,
    lots: [{ ...root, depth: 0, side: 'root' }, ...raw, ...wip.slice(1), ...fin],
    links,
    shipments,
    receipts,
  };
}

/** About 30 nodes: every kind and status, a shipment group and a lot group. */
export function smallTrace(): TraceResult {
  const lots: TraceLot[] = [
    mkLot('DOUGH', 'D-0412', 'wip', 'released', null, 0, 'root'),
    mkLot('FLOUR', 'F-2201', 'raw', 'consumed', '2026-09-30', 1, 'upstream'),
    mkLot('SALT', 'S-A100', 'raw', 'on_hold', '2028-03-01', 1, 'upstream'),
    mkLot('SUGAR', 'SU-88', 'raw', 'released', '2025-11-30', 1, 'upstream'),
    mkLot('COOKIE-CHOC', 'C-9001', 'finished', 'recalled', '2026-12-31', 1, 'downstream'),
    mkLot('COOKIE-CHOC', 'C-9002', 'finished', 'quarantined', '2026-12-31', 1, 'downstream'),
    mkLot('COOKIE-OAT', 'C-7100', 'finished', 'released', '2026-12-31', 1, 'downstream'),
    mkLot('BROKEN-BISC', 'BB-12', 'finished', 'rejected', '2026-06-30', 1, 'downstream'),
    mkLot('FILM-COOKIE', 'PK-551', 'packaging', 'released', '2029-01-01', 2, 'downstream'),
  ];
  const [dough, flour, salt, sugar, c1, c2, c3, bb, film] = lots as [TraceLot, TraceLot, TraceLot, TraceLot, TraceLot, TraceLot, TraceLot, TraceLot, TraceLot];
  film.side = 'upstream';
  const links: TraceLink[] = [
    link(flour, dough, 600, 'B-100'), link(salt, dough, 12, 'B-100'), link(sugar, dough, 150, 'B-100'),
    link(dough, c1, 300, 'B-200'), link(dough, c2, 300, 'B-201'), link(dough, c3, 150, 'B-202'), link(dough, bb, 20, 'B-200'),
    link(film, c1, 4, 'B-200'),
  ];
  // The salt lot's other uses, as after "load next level" on it: 15 other doughs → one group.
  for (let i = 0; i < 15; i++) {
    const other = mkLot('DOUGH', `D-05${String(i).padStart(2, '0')}`, 'wip', 'consumed', null, 2, 'downstream');
    lots.push(other);
    links.push(link(salt, other, 12, `B-3${i}`));
  }
  const receipts: TraceReceipt[] = [
    { item: 'FLOUR', lot: 'F-2201', supplier: 'Müller Mühle GmbH', supplier_lot: 'MM-77', po: 'PO-1', quantity: 20000, uom: 'kg', received_at: '2026-02-20T08:00:00', location: 'SILO-1' },
    { item: 'SALT', lot: 'S-A100', supplier: 'Café São Paulo, Ltda.', supplier_lot: 'CS-1', po: 'PO-3', quantity: 25000, uom: 'kg', received_at: '2026-01-10T08:00:00', location: 'WH1' },
    { item: 'SUGAR', lot: 'SU-88', supplier: 'Sweet Co', supplier_lot: 'SW-5', po: 'PO-9', quantity: 5000, uom: 'kg', received_at: '2026-02-01T08:00:00', location: 'WH2' },
    { item: 'FILM-COOKIE', lot: 'PK-551', supplier: 'Pack Ltd', supplier_lot: 'PL-1', po: 'PO-12', quantity: 500, uom: 'kg', received_at: '2026-02-11T08:00:00', location: 'WH-PK' },
  ];
  const shipments: TraceShipment[] = [];
  const ship = (l: TraceLot, customer: string, shipTo: string, order: string): void => {
    shipments.push({ item: l.item, lot: l.lot, customer, ship_to: shipTo, order, bol: `BOL-${order}`, quantity: 120, uom: 'ea', shipped_at: '2026-03-07T14:00:00' });
  };
  ship(c1, 'Grocer One', 'DC North', 'SO-1');
  ship(c1, 'Grocer Two', 'Store 5', 'SO-2');
  ship(c1, 'Corner Shop', 'Main St', 'SO-3');
  for (let i = 0; i < 20; i++) ship(c2, `Retailer ${i % 8}`, `Store ${i}`, `SO-2${i}`);
  ship(c3, 'Grocer One', 'DC North', 'SO-40');
  ship(c3, 'Health Foods', 'Warehouse', 'SO-41');
  ship(bb, 'Farm Feed Co', 'Mill', 'SO-50');
  return { root: { item: 'DOUGH', lot: 'D-0412' }, direction: 'both', depth_limit: null, lots, links, shipments, receipts };
}

/**
 * What the engine's depth-1 trace from one lot would return, cut from a full
 * trace: lets the bench page answer loadMore without an engine.
 */
export function subTrace(full: TraceResult, ref: { item: string; lot: string }, direction: 'forward' | 'backward'): TraceResult {
  const key = (r: { item: string; lot: string }): string => `${r.item}\u0000${r.lot}`;
  const rootKey = key(ref);
  const links = full.links.filter((l) => key(direction === 'forward' ? l.from : l.to) === rootKey);
  const reached = new Set([rootKey, ...links.map((l) => key(direction === 'forward' ? l.to : l.from))]);
  const lots = full.lots
    .filter((l) => reached.has(key(l)))
    .map((l): TraceLot => ({ ...l, depth: key(l) === rootKey ? 0 : 1, side: key(l) === rootKey ? 'root' : direction === 'forward' ? 'downstream' : 'upstream' }));
  return {
    root: { item: ref.item, lot: ref.lot },
    direction,
    depth_limit: 1,
    lots,
    links,
    shipments: direction === 'forward' ? full.shipments.filter((s) => reached.has(key(s))) : [],
    receipts: direction === 'backward' ? full.receipts.filter((r) => reached.has(key(r))) : [],
  };
}
