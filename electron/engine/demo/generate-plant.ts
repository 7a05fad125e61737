/**
 * A synthetic but realistic biscuit / spread plant, written as canonical CSV
 * files (items, receipts, production, shipments) for demos, tests and the
 * benchmark. Deterministic for a seed (own PRNG, no clock), streamed to disk
 * through buffered writers so a 1,000,000-lot plant (hundreds of MB of CSV)
 * is written in bounded memory.
 *
 * What the plant contains:
 *  - ~20 suppliers (EU and US; US ones deliver in lb, the plant consumes in
 *    kg, so unit conversion matters), raw material and packaging lots with
 *    supplier lots and POs; some suppliers' own lot codes (A100, A101...) are
 *    used as the plant's lot code, so the same code exists under several
 *    items;
 *  - three continuously refilled silos/tanks (flour, sugar, oil): each refill
 *    is a batch consuming the previous silo lot's remainder plus a newly
 *    received bulk lot, chaining thousands deep until a cleanout restarts
 *    the chain; WIP batches draw from the current silo lot;
 *  - WIP blends (doughs, fillings, bases) made from silo draws and raw lots,
 *    one big salt lot shared by thousands of batches;
 *  - finished goods made from WIP + packaging (+ rework), some batches with
 *    a co-product (broken biscuits sold as feed), rework of a finished lot
 *    into a later batch of the same product;
 *  - every finished lot shipped in several shipments to ~50-200 customers
 *    (orders and BOLs grouped per customer and day), never more than made.
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from './random';

export interface PlantOptions {
  /** About how many lots to create in total (the result is within a few percent). */
  lots: number;
  seed: number;
  outDir: string;
  /** First production day, ISO date (default '2016-01-04'). */
  start?: string;
}

export interface GeneratedPlant {
  /** In import order: items, receipts, production, shipments. */
  files: string[];
  counts: { lots: number; receipts: number; productionRows: number; links?: number; shipments: number; batches: number };
}

// ---- deterministic randomness ----------------------------------------------

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(Math.imul(seed | 0, 0x9e3779b1) ^ 0x5bd1e995);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  range(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Index drawn with probability proportional to its weight (cumulative weights given). */
  weightedIndex(cumulative: Float64Array): number {
    const r = this.next() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  weighted<T extends { weight: number }>(items: readonly T[]): T {
    let total = 0;
    for (const it of items) total += it.weight;
    let r = this.next() * total;
    for (const it of items) {
      r -= it.weight;
      if (r < 0) return it;
    }
    return items[items.length - 1]!;
  }
}

// ---- CSV output --------------------------------------------------------------

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | number): string {
  const s = typeof value === 'number' ? String(value) : value;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

class CsvWriter {
  private readonly stream: WriteStream;
  private chunks: string[] = [];
  private size = 0;
  rows = 0;

  constructor(
    readonly path: string,
    header: readonly string[],
  ) {
    this.stream = createWriteStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
    this.line(header.join(','));
    this.rows = 0;
  }

  row(fields: readonly (string | number)[]): void {
    let line = '';
    for (let i = 0; i < fields.length; i++) {
      if (i > 0) line += ',';
      line += csvField(fields[i]!);
    }
    this.line(line);
  }

  /** An already formatted line (no newline). */
  line(text: string): void {
    this.chunks.push(text);
    this.size += text.length + 1;
    this.rows++;
    if (this.size >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.chunks.length === 0) return;
    this.chunks.push('');
    this.stream.write(this.chunks.join('\n'));
    this.chunks = [];
    this.size = 0;
  }

  /** Waits while the stream's buffer is full (keeps memory bounded). */
  async drain(): Promise<void> {
    if (this.stream.writableNeedDrain) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}

// ---- calendar (plant-local wall clock, no time zone involved) ----------------

interface DayInfo {
  iso: string;
  /** Two-digit year + day of year: the Julian code printed on lots. */
  julian: string;
}

class Calendar {
  private readonly startMs: number;
  private readonly days: DayInfo[] = [];

  constructor(start: string) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
    if (!m) throw new Error(`start must be an ISO date (YYYY-MM-DD), got "${start}"`);
    this.startMs = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  }

  /** Day index may be negative (receipts before the first production day). */
  day(index: number): DayInfo {
    if (index < 0) return this.compute(index);
    while (this.days.length <= index) this.days.push(this.compute(this.days.length));
    return this.days[index]!;
  }

  private compute(index: number): DayInfo {
    const d = new Date(this.startMs + index * 86_400_000);
    const y = d.getUTCFullYear();
    const doy = Math.round((Date.UTC(y, d.getUTCMonth(), d.getUTCDate()) - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
    return { iso: d.toISOString().slice(0, 10), julian: String(y % 100).padStart(2, '0') + String(doy).padStart(3, '0') };
  }

  /** Seconds since the first day's midnight -> 'YYYY-MM-DDTHH:MM:SS' (plant local). */
  timestamp(sec: number): string {
    const s = Math.floor(sec);
    const dayIndex = Math.floor(s / 86_400);
    let rem = s - dayIndex * 86_400;
    const h = Math.floor(rem / 3600);
    rem -= h * 3600;
    const mi = Math.floor(rem / 60);
    const se = rem - mi * 60;
    return `${this.day(dayIndex).iso}T${pad2(h)}:${pad2(mi)}:${pad2(se)}`;
  }

  date(dayIndex: number): string {
    return this.day(dayIndex).iso;
  }
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// ---- master data ---------------------------------------------------------------

type Uom = 'kg' | 'lb' | 'l' | 'ea' | 'cs';

const GRAMS_PER_LB = 453.59237;

/** Quantity in base units (g, ml or pieces) written in a unit: kg/l -> 3 decimals. */
function fmtQty(base: number, uom: Uom): number {
  if (uom === 'kg' || uom === 'l') return Math.round(base) / 1000;
  if (uom === 'lb') return Math.round((base / GRAMS_PER_LB) * 1000) / 1000;
  return Math.round(base);
}

interface Supplier {
  name: string;
  /** The supplier's lot codes are used as the plant lot code (letter + counter, e.g. A100). */
  letter?: string;
  /** Pattern for supplier lot numbers when the plant assigns its own lot code. */
  lotStyle: number;
}

const SUPPLIERS = {
  muller: { name: 'Müller Öl GmbH', lotStyle: 0 },
  cafe: { name: 'Café São Paulo, Ltda.', lotStyle: 1 },
  greatPlains: { name: 'Great Plains Milling Co.', lotStyle: 2 },
  dupont: { name: 'Moulins Dupont SA', lotStyle: 3 },
  sucrerie: { name: 'Sucrerie du Nord SA', lotStyle: 4 },
  redwood: { name: 'Redwood Sugar, Inc.', lotStyle: 2 },
  salinas: { name: 'Salinas del Mar S.L.', lotStyle: 5 },
  alpine: { name: 'Alpine Dairy Ingredients AG', lotStyle: 0 },
  prairie: { name: 'Prairie Dairy Co-op', lotStyle: 2 },
  midwest: { name: 'Midwest Egg Products LLC', lotStyle: 6 },
  goldenGrain: { name: 'Golden Grain Oats Ltd', lotStyle: 3 },
  nutOrchards: { name: 'Nut Orchards of California', lotStyle: 6 },
  findik: { name: 'Fındık Tarım A.Ş.', lotStyle: 4 },
  kakao: { name: 'Kakao Handelshaus Bremen GmbH', letter: 'A', lotStyle: 0 },
  vanilla: { name: 'Vanilla Coast Flavours Ltd', lotStyle: 1 },
  aromes: { name: 'Arômes de Grasse SARL', lotStyle: 5 },
  backmittel: { name: 'Backmittel Nord GmbH', lotStyle: 0 },
  miel: { name: "Miel de l'Ardèche", lotStyle: 3 },
  nordicPack: { name: 'Nordic Pack Oy', letter: 'A', lotStyle: 0 },
  weiss: { name: 'Kartonfabrik Weiss & Söhne KG', letter: 'A', lotStyle: 0 },
  pacificLabels: { name: 'Pacific Labels, LLC', lotStyle: 6 },
  pacificFlex: { name: 'Pacific Flexibles LLC', letter: 'B', lotStyle: 0 },
  orsted: { name: 'Ørsted Emballage A/S', lotStyle: 4 },
} satisfies Record<string, Supplier>;

interface Source {
  supplier: Supplier;
  weight: number;
  /** Unit on the supplier's paperwork. */
  uom: Uom;
  /** Pack size in `uom` and how many packs make one lot. */
  pack: number;
  packs: [number, number];
}

interface StockItemDef {
  code: string;
  description: string;
  kind: 'raw' | 'packaging';
  /** Unit the plant's recipes consume it in. */
  use: Uom;
  shelfLife: number;
  location: string;
  sources: Source[];
}

const s = SUPPLIERS;
const STOCK: StockItemDef[] = [
  { code: 'RM-SALT', description: 'Salt, fine vacuum-dried', kind: 'raw', use: 'kg', shelfLife: 1825, location: 'WH-RM-01',
    sources: [{ supplier: s.salinas, weight: 1, uom: 'kg', pack: 1000, packs: [20, 25] }] },
  { code: 'RM-SUGAR-ICING', description: 'Icing sugar, 25 kg bags', kind: 'raw', use: 'kg', shelfLife: 730, location: 'WH-RM-02',
    sources: [{ supplier: s.redwood, weight: 0.4, uom: 'lb', pack: 50, packs: [30, 44] }, { supplier: s.sucrerie, weight: 0.6, uom: 'kg', pack: 25, packs: [32, 40] }] },
  { code: 'RM-COCOA', description: 'Cocoa powder 10/12, alkalised', kind: 'raw', use: 'kg', shelfLife: 730, location: 'WH-RM-03',
    sources: [{ supplier: s.cafe, weight: 0.6, uom: 'kg', pack: 25, packs: [32, 40] }, { supplier: s.kakao, weight: 0.4, uom: 'kg', pack: 25, packs: [32, 40] }] },
  { code: 'RM-SMP', description: 'Skimmed milk powder, low heat', kind: 'raw', use: 'kg', shelfLife: 540, location: 'WH-RM-04',
    sources: [{ supplier: s.alpine, weight: 1, uom: 'kg', pack: 25, packs: [32, 40] }] },
  { code: 'RM-WHEY', description: 'Sweet whey powder', kind: 'raw', use: 'kg', shelfLife: 540, location: 'WH-RM-04',
    sources: [{ supplier: s.prairie, weight: 1, uom: 'lb', pack: 50, packs: [30, 44] }] },
  { code: 'RM-EGG', description: 'Whole egg powder', kind: 'raw', use: 'kg', shelfLife: 365, location: 'WH-RM-05',
    sources: [{ supplier: s.midwest, weight: 1, uom: 'lb', pack: 50, packs: [20, 40] }] },
  { code: 'RM-OATS', description: 'Rolled oat flakes, jumbo', kind: 'raw', use: 'kg', shelfLife: 365, location: 'WH-RM-06',
    sources: [{ supplier: s.goldenGrain, weight: 1, uom: 'kg', pack: 1000, packs: [2, 4] }] },
  { code: 'RM-ALMOND', description: 'Almonds, diced, roasted', kind: 'raw', use: 'kg', shelfLife: 365, location: 'WH-RM-06',
    sources: [{ supplier: s.nutOrchards, weight: 1, uom: 'lb', pack: 25, packs: [40, 80] }] },
  { code: 'RM-HAZELNUT', description: 'Hazelnut paste, roasted', kind: 'raw', use: 'kg', shelfLife: 365, location: 'WH-RM-07',
    sources: [{ supplier: s.findik, weight: 1, uom: 'kg', pack: 20, packs: [40, 60] }] },
  { code: 'RM-CHOC-DROPS', description: 'Chocolate drops 50% cocoa', kind: 'raw', use: 'kg', shelfLife: 540, location: 'WH-RM-07',
    sources: [{ supplier: s.kakao, weight: 1, uom: 'kg', pack: 20, packs: [40, 50] }] },
  { code: 'RM-VANILLA', description: 'Vanilla extract, natural', kind: 'raw', use: 'l', shelfLife: 730, location: 'WH-RM-08',
    sources: [{ supplier: s.vanilla, weight: 1, uom: 'l', pack: 25, packs: [2, 4] }] },
  { code: 'RM-LEMON', description: 'Lemon flavour, natural', kind: 'raw', use: 'l', shelfLife: 365, location: 'WH-RM-08',
    sources: [{ supplier: s.aromes, weight: 1, uom: 'l', pack: 25, packs: [1, 2] }] },
  { code: 'RM-BAKING-POWDER', description: 'Baking powder (SAPP/bicarbonate)', kind: 'raw', use: 'kg', shelfLife: 365, location: 'WH-RM-02',
    sources: [{ supplier: s.backmittel, weight: 1, uom: 'kg', pack: 25, packs: [16, 24] }] },
  { code: 'RM-HONEY', description: 'Honey, blossom', kind: 'raw', use: 'kg', shelfLife: 730, location: 'WH-RM-09',
    sources: [{ supplier: s.miel, weight: 1, uom: 'kg', pack: 300, packs: [3, 4] }] },
  { code: 'PK-FILM-BISC', description: 'Flow-wrap film, printed, biscuits', kind: 'packaging', use: 'kg', shelfLife: 1095, location: 'WH-PK-01',
    sources: [{ supplier: s.nordicPack, weight: 1, uom: 'kg', pack: 40, packs: [10, 20] }] },
  { code: 'PK-FILM-COOKIE', description: 'Flow-wrap film, printed, cookies', kind: 'packaging', use: 'kg', shelfLife: 1095, location: 'WH-PK-01',
    sources: [{ supplier: s.nordicPack, weight: 1, uom: 'kg', pack: 40, packs: [10, 20] }] },
  { code: 'PK-POUCH-500', description: 'Stand-up pouch 500 g, granola', kind: 'packaging', use: 'ea', shelfLife: 1095, location: 'WH-PK-02',
    sources: [{ supplier: s.pacificFlex, weight: 1, uom: 'ea', pack: 1000, packs: [20, 40] }] },
  { code: 'PK-CARTON-12', description: 'Shipper carton, 12 count', kind: 'packaging', use: 'ea', shelfLife: 1825, location: 'WH-PK-03',
    sources: [{ supplier: s.weiss, weight: 1, uom: 'ea', pack: 250, packs: [8, 16] }] },
  { code: 'PK-CARTON-8', description: 'Shipper carton, 8 count', kind: 'packaging', use: 'ea', shelfLife: 1825, location: 'WH-PK-03',
    sources: [{ supplier: s.weiss, weight: 1, uom: 'ea', pack: 250, packs: [8, 16] }] },
  { code: 'PK-CARTON-6', description: 'Shipper carton, 6 count', kind: 'packaging', use: 'ea', shelfLife: 1825, location: 'WH-PK-03',
    sources: [{ supplier: s.weiss, weight: 1, uom: 'ea', pack: 250, packs: [8, 16] }] },
  { code: 'PK-LABEL', description: 'Case label, thermal transfer', kind: 'packaging', use: 'ea', shelfLife: 1825, location: 'WH-PK-04',
    sources: [{ supplier: s.pacificLabels, weight: 1, uom: 'ea', pack: 5000, packs: [6, 12] }] },
  { code: 'PK-JAR-350', description: 'Glass jar 350 ml', kind: 'packaging', use: 'ea', shelfLife: 3650, location: 'WH-PK-05',
    sources: [{ supplier: s.orsted, weight: 1, uom: 'ea', pack: 2400, packs: [8, 12] }] },
  { code: 'PK-LID-63', description: 'Twist-off lid 63 mm', kind: 'packaging', use: 'ea', shelfLife: 3650, location: 'WH-PK-05',
    sources: [{ supplier: s.orsted, weight: 1, uom: 'ea', pack: 5000, packs: [4, 8] }] },
];

interface SiloDef {
  no: number;
  /** The WIP item whose lots are the silo's contents. */
  code: string;
  description: string;
  prefix: string;
  location: string;
  /** Bulk raw material delivered into it. */
  bulk: StockItemDef;
  /** Minimum that stays in the silo (a refill is due before a draw goes below). */
  heel: number;
  /** Base units (g or ml) a top-up brings it back to. */
  capacity: number;
}

const BULK_FLOUR: StockItemDef = { code: 'RM-FLOUR-BULK', description: 'Wheat flour type 550, bulk tanker', kind: 'raw', use: 'kg', shelfLife: 180, location: 'SILO-1',
  sources: [{ supplier: s.greatPlains, weight: 0.4, uom: 'lb', pack: 20, packs: [0, 0] }, { supplier: s.dupont, weight: 0.6, uom: 'kg', pack: 10, packs: [0, 0] }] };
const BULK_SUGAR: StockItemDef = { code: 'RM-SUGAR-BULK', description: 'Granulated sugar, bulk tanker', kind: 'raw', use: 'kg', shelfLife: 1095, location: 'SILO-2',
  sources: [{ supplier: s.sucrerie, weight: 0.7, uom: 'kg', pack: 10, packs: [0, 0] }, { supplier: s.redwood, weight: 0.3, uom: 'lb', pack: 20, packs: [0, 0] }] };
const BULK_OIL: StockItemDef = { code: 'RM-OIL-BULK', description: 'Sunflower oil, refined, bulk tanker', kind: 'raw', use: 'l', shelfLife: 365, location: 'TANK-3',
  sources: [{ supplier: s.muller, weight: 1, uom: 'l', pack: 10, packs: [0, 0] }] };

const SILOS: SiloDef[] = [
  { no: 1, code: 'WIP-FLOUR-SILO1', description: 'Wheat flour T550 in silo 1 (continuous)', prefix: 'SF', location: 'SILO-1', bulk: BULK_FLOUR, heel: 800_000, capacity: 60_000_000 },
  { no: 2, code: 'WIP-SUGAR-SILO2', description: 'Granulated sugar in silo 2 (continuous)', prefix: 'SS', location: 'SILO-2', bulk: BULK_SUGAR, heel: 500_000, capacity: 45_000_000 },
  { no: 3, code: 'WIP-OIL-TANK3', description: 'Sunflower oil in tank 3 (continuous)', prefix: 'TO', location: 'TANK-3', bulk: BULK_OIL, heel: 400_000, capacity: 40_000_000 },
];

type ComponentSource = { silo: number } | { stock: string };
interface Component {
  src: ComponentSource;
  /** kg (or l, or pieces) per kg of blend. */
  per: number;
  /** Probability the ingredient is in a given batch (formula variants). */
  p?: number;
}

interface WipDef {
  code: string;
  description: string;
  shelfLife: number;
  /** Batch size range in kg. */
  size: [number, number];
  mixer: string;
  components: Component[];
}

const FLOUR = { silo: 1 };
const SUGAR = { silo: 2 };
const OIL = { silo: 3 };
const st = (code: string): ComponentSource => ({ stock: code });

const WIPS: WipDef[] = [
  { code: 'WIP-DOUGH-BISC', description: 'Biscuit dough, vanilla', shelfLife: 2, size: [1400, 2200], mixer: 'MIX-1',
    components: [{ src: FLOUR, per: 0.58 }, { src: SUGAR, per: 0.2 }, { src: OIL, per: 0.11 }, { src: st('RM-SALT'), per: 0.006 },
      { src: st('RM-SMP'), per: 0.04 }, { src: st('RM-EGG'), per: 0.02, p: 0.7 }, { src: st('RM-VANILLA'), per: 0.002 }, { src: st('RM-BAKING-POWDER'), per: 0.012 }] },
  { code: 'WIP-DOUGH-COOKIE', description: 'Cookie dough, chocolate chip', shelfLife: 2, size: [1200, 1800], mixer: 'MIX-2',
    components: [{ src: FLOUR, per: 0.45 }, { src: SUGAR, per: 0.15 }, { src: st('RM-SUGAR-ICING'), per: 0.06 }, { src: OIL, per: 0.14 },
      { src: st('RM-SALT'), per: 0.007 }, { src: st('RM-EGG'), per: 0.03 }, { src: st('RM-CHOC-DROPS'), per: 0.15 }, { src: st('RM-BAKING-POWDER'), per: 0.01 }] },
  { code: 'WIP-DOUGH-LEMON', description: 'Lemon cookie dough', shelfLife: 2, size: [1200, 1600], mixer: 'MIX-2',
    components: [{ src: FLOUR, per: 0.55 }, { src: SUGAR, per: 0.22 }, { src: OIL, per: 0.12 }, { src: st('RM-SALT'), per: 0.005 },
      { src: st('RM-LEMON'), per: 0.003 }, { src: st('RM-BAKING-POWDER'), per: 0.01 }, { src: st('RM-SUGAR-ICING'), per: 0.04, p: 0.5 }] },
  { code: 'WIP-CREAM-COCOA', description: 'Cocoa cream filling', shelfLife: 14, size: [700, 1000], mixer: 'MIX-3',
    components: [{ src: SUGAR, per: 0.45 }, { src: OIL, per: 0.3 }, { src: st('RM-COCOA'), per: 0.12 }, { src: st('RM-SMP'), per: 0.06 },
      { src: st('RM-WHEY'), per: 0.05 }, { src: st('RM-VANILLA'), per: 0.001, p: 0.5 }] },
  { code: 'WIP-GRANOLA-MIX', description: 'Granola clusters, baked', shelfLife: 30, size: [1000, 1500], mixer: 'OVEN-4',
    components: [{ src: st('RM-OATS'), per: 0.62 }, { src: st('RM-ALMOND'), per: 0.1 }, { src: st('RM-HONEY'), per: 0.1 }, { src: SUGAR, per: 0.08 },
      { src: OIL, per: 0.08 }, { src: st('RM-SALT'), per: 0.004 }] },
  { code: 'WIP-SPREAD-BASE', description: 'Cocoa hazelnut spread base', shelfLife: 30, size: [2000, 3000], mixer: 'CONCHE-5',
    components: [{ src: SUGAR, per: 0.48 }, { src: OIL, per: 0.22 }, { src: st('RM-HAZELNUT'), per: 0.13 }, { src: st('RM-COCOA'), per: 0.07 },
      { src: st('RM-SMP'), per: 0.08 }, { src: st('RM-WHEY'), per: 0.02, p: 0.6 }] },
];

interface ProductDef {
  code: string;
  description: string;
  shelfLife: number;
  weight: number;
  cases: [number, number];
  line: string;
  /** WIP item -> kg per case. */
  wip: { code: string; perCase: number }[];
  /** Stock item -> units per case (kg for film). */
  pack: { code: string; perCase: number }[];
  /** Probability a batch records broken product as a co-product. */
  coProduct: number;
}

const PRODUCTS: ProductDef[] = [
  { code: 'FG-BISC-VAN', description: 'Vanilla biscuits 200 g x 12', shelfLife: 365, weight: 0.22, cases: [600, 1100], line: 'LINE-1',
    wip: [{ code: 'WIP-DOUGH-BISC', perCase: 2.55 }], pack: [{ code: 'PK-FILM-BISC', perCase: 0.045 }, { code: 'PK-CARTON-12', perCase: 1 }, { code: 'PK-LABEL', perCase: 1 }], coProduct: 0.35 },
  { code: 'FG-SANDWICH-COCOA', description: 'Cocoa sandwich biscuits 150 g x 12', shelfLife: 270, weight: 0.14, cases: [600, 1000], line: 'LINE-2',
    wip: [{ code: 'WIP-DOUGH-BISC', perCase: 1.35 }, { code: 'WIP-CREAM-COCOA', perCase: 0.5 }], pack: [{ code: 'PK-FILM-BISC', perCase: 0.04 }, { code: 'PK-CARTON-12', perCase: 1 }, { code: 'PK-LABEL', perCase: 1 }], coProduct: 0.35 },
  { code: 'FG-COOKIE-CHOC', description: 'Chocolate chip cookies 225 g x 12', shelfLife: 270, weight: 0.18, cases: [500, 900], line: 'LINE-3',
    wip: [{ code: 'WIP-DOUGH-COOKIE', perCase: 2.85 }], pack: [{ code: 'PK-FILM-COOKIE', perCase: 0.05 }, { code: 'PK-CARTON-12', perCase: 1 }, { code: 'PK-LABEL', perCase: 1 }], coProduct: 0.25 },
  { code: 'FG-COOKIE-LEMON', description: 'Lemon cookies 200 g x 12', shelfLife: 270, weight: 0.1, cases: [500, 800], line: 'LINE-3',
    wip: [{ code: 'WIP-DOUGH-LEMON', perCase: 2.5 }], pack: [{ code: 'PK-FILM-COOKIE', perCase: 0.045 }, { code: 'PK-CARTON-12', perCase: 1 }, { code: 'PK-LABEL', perCase: 1 }], coProduct: 0.25 },
  { code: 'FG-GRANOLA', description: 'Crunchy granola 500 g x 8', shelfLife: 300, weight: 0.15, cases: [400, 700], line: 'LINE-4',
    wip: [{ code: 'WIP-GRANOLA-MIX', perCase: 4.05 }], pack: [{ code: 'PK-POUCH-500', perCase: 8 }, { code: 'PK-CARTON-8', perCase: 1 }, { code: 'PK-LABEL', perCase: 1 }], coProduct: 0 },
  { code: 'FG-SPREAD', description: 'Cocoa hazelnut spread 350 g x 6', shelfLife: 365, weight: 0.21, cases: [800, 1400], line: 'LINE-5',
    wip: [{ code: 'WIP-SPREAD-BASE', perCase: 2.12 }], pack: [{ code: 'PK-JAR-350', perCase: 6 }, { code: 'PK-LID-63', perCase: 6 }, { code: 'PK-CARTON-6', perCase: 1 }, { code: 'PK-LABEL', perCase: 1 }], coProduct: 0 },
];

const CO_PRODUCT = { code: 'FG-BROKEN', description: 'Broken biscuits, feed grade', shelfLife: 180 };

// ---- customers ---------------------------------------------------------------

interface Customer {
  name: string;
  weight: number;
  shipTos: string[];
}

interface CustomerGroup {
  kind: 'retail' | 'feed';
  list: Customer[];
  cumulative: Float64Array;
}

function group(kind: CustomerGroup['kind'], list: Customer[]): CustomerGroup {
  const cumulative = new Float64Array(list.length);
  let sum = 0;
  list.forEach((c, i) => (cumulative[i] = sum += c.weight));
  return { kind, list, cumulative };
}

const CUSTOMER_FIRST = ['Nord', 'Süd', 'Atlantic', 'Pacific', 'Alpen', 'Rhein', 'Baltic', 'Prairie', 'Lakeside', 'Sunrise', 'Green Valley', 'Metro', 'Central', 'Coastal', 'Highland', 'Riverside', 'Union', 'Golden Gate', 'Iberia', 'Lombardia'];
const CUSTOMER_SECOND = ['Markt', 'Foods', 'Grocers', 'Supermarkets', 'Wholesale', 'Distribution', 'Retail', 'Cash & Carry', 'Food Service', 'Handel'];
const CUSTOMER_FORM = ['GmbH', 'Inc.', 'Ltd', 'S.A.', 'B.V.', 'S.p.A.', 'LLC', 'AG', 'Oy', 'SARL'];
const CITIES = ['Hamburg', 'München', 'Köln', 'Rotterdam', 'Lyon', 'Milano', 'Madrid', 'Chicago, IL', 'Dallas, TX', 'Atlanta, GA', 'Toronto, ON', 'Wien', 'Zürich', 'Łódź', 'Göteborg', 'Porto', 'Denver, CO', 'Memphis, TN', 'Reno, NV', 'Lille'];

function buildCustomers(rng: Rng, count: number): { retail: CustomerGroup; feed: CustomerGroup } {
  const names = new Set<string>();
  const retail: Customer[] = [];
  const fixed = ['Épicerie "Chez Nous" SARL', 'Smith & Sons, Inc.', 'Kaufmarkt Süd GmbH & Co. KG', "O'Brien Fine Foods Ltd"];
  const shipTo = (): string[] => {
    const n = rng.int(1, 3);
    const list: string[] = [];
    for (let i = 0; i < n; i++) list.push(`DC ${rng.pick(CITIES)}, dock ${rng.int(1, 24)}`);
    return list;
  };
  for (const name of fixed) {
    names.add(name);
    retail.push({ name, weight: rng.range(0.5, 2), shipTos: shipTo() });
  }
  while (retail.length < count) {
    const name = `${rng.pick(CUSTOMER_FIRST)} ${rng.pick(CUSTOMER_SECOND)} ${rng.pick(CUSTOMER_FORM)}`;
    const unique = names.has(name) ? `${name} (${retail.length})` : name;
    names.add(unique);
    // A few big retailers take most of the volume.
    retail.push({ name: unique, weight: 1 / (1 + retail.length * 0.08), shipTos: shipTo() });
  }
  const feed: Customer[] = [
    { name: 'Hofmann Tierfutter GmbH', weight: 2, shipTos: ['Futtermittelwerk, Hafenstraße 4, 26789 Leer'] },
    { name: 'AgriFeed Cooperative', weight: 1, shipTos: ['Mill 2, Route 9, Ames, IA'] },
    { name: 'Porcinos del Valle, S.L.', weight: 1, shipTos: ['Granja 7, Lleida'] },
  ];
  return { retail: group('retail', retail), feed: group('feed', feed) };
}

// ---- simulation state --------------------------------------------------------

interface StockLot {
  code: string;
  /** Base units left (g, ml or pieces). */
  remaining: number;
}

interface StockState {
  def: StockItemDef;
  current: StockLot | null;
  letterCounter: number;
}

interface SiloState {
  def: SiloDef;
  lot: StockLot | null;
  chain: number;
  cleanoutAfter: number;
  nextRefillAt: number;
  lastDrawAt: number;
}

interface WipState {
  def: WipDef;
  current: StockLot | null;
}

interface ReworkLot {
  code: string;
  cases: number;
  fromDay: number;
}

interface InputRow {
  item: string;
  lot: string;
  quantity: number;
  uom: Uom;
}

const RECEIPT_HEADER = ['received_at', 'item', 'item_description', 'lot', 'quantity', 'uom', 'supplier', 'supplier_lot', 'po', 'location', 'expires_on', 'po_date'];
const PRODUCTION_HEADER = ['batch', 'produced_at', 'output_item', 'output_description', 'output_lot', 'output_quantity', 'output_uom', 'input_item', 'input_lot', 'input_quantity', 'input_uom', 'location', 'expires_on'];
const SHIPMENT_HEADER = ['shipped_at', 'item', 'lot', 'quantity', 'uom', 'customer', 'ship_to', 'order', 'bol'];
const ITEM_HEADER = ['item', 'description', 'kind', 'shelf_life_days'];

class Plant {
  private readonly rng: Rng;
  private readonly cal: Calendar;
  private readonly stock = new Map<string, StockState>();
  private readonly silos: SiloState[];
  private readonly wips = new Map<string, WipState>();
  private readonly rework = new Map<string, ReworkLot[]>();
  private readonly customers: { retail: CustomerGroup; feed: CustomerGroup };
  /** Shipment lines waiting for their ship day. */
  private readonly pendingShipments = new Map<number, string[]>();
  private shippedThrough = -1;

  lots = 0;
  links = 0;
  batches = 0;
  private events = 0;
  private clock = 0;
  private dayEnd = 0;
  private step = 600;
  private day = 0;
  private readonly daySeq = new Map<string, number>();
  private poCounter = 0;
  private readonly poBySupplierWeek = new Map<string, string>();

  constructor(
    private readonly opts: Required<PlantOptions>,
    private readonly days: number,
    private readonly out: { receipts: CsvWriter; production: CsvWriter; shipments: CsvWriter },
  ) {
    this.rng = new Rng(opts.seed);
    this.cal = new Calendar(opts.start);
    for (const def of [...STOCK, BULK_FLOUR, BULK_SUGAR, BULK_OIL]) this.stock.set(def.code, { def, current: null, letterCounter: 100 });
    for (const def of WIPS) this.wips.set(def.code, { def, current: null });
    const customerCount = 50 + Math.round(150 * Math.min(1, opts.lots / 1_000_000));
    this.customers = buildCustomers(this.rng, customerCount);
    // Refills are scheduled so that a 1M-lot plant refills each silo about
    // twice a day for ten years; small plants still get a chain a few deep.
    const refills = Math.max(8, Math.round(opts.lots * 0.0075));
    const total = days * 86_400;
    this.silos = SILOS.map((def, i) => ({
      def, lot: null, chain: 0, cleanoutAfter: this.rng.int(2000, 2600), lastDrawAt: 0,
      nextRefillAt: (total / refills) * (0.5 + 0.3 * i),
    }));
    this.refillInterval = total / refills;
  }

  private readonly refillInterval: number;

  /**
   * Next number of a code series for the plant-local date of `sec` (codes
   * carry that date, and receipts may be dated days before today).
   */
  private code(prefix: string, sec: number, width: number, sep = '-'): string {
    const dayIndex = Math.floor(sec / 86_400);
    const key = `${prefix}|${dayIndex}`;
    const n = (this.daySeq.get(key) ?? 0) + 1;
    this.daySeq.set(key, n);
    return `${prefix}${this.cal.day(dayIndex).julian}${sep}${pad(n, width)}`;
  }

  /** Forgets the sequences of dates no new code can be given for any more. */
  private pruneSequences(today: number): void {
    for (const key of this.daySeq.keys()) {
      if (Number(key.slice(key.indexOf('|') + 1)) < today - 10) this.daySeq.delete(key);
    }
  }

  /** Next production event time (strictly non-decreasing within the day). */
  private tick(): number {
    this.events++;
    this.clock = Math.min(this.dayEnd, this.clock + this.step * this.rng.range(0.5, 1.5));
    return Math.floor(this.clock);
  }

  // ---- receiving -------------------------------------------------------------

  private po(supplier: Supplier, sec: number): string {
    const key = `${supplier.name}|${Math.floor(sec / (7 * 86_400))}`;
    let po = this.poBySupplierWeek.get(key);
    if (!po) {
      po = `PO-${4_500_000 + ++this.poCounter}`;
      this.poBySupplierWeek.set(key, po);
      if (this.poBySupplierWeek.size > 5000) this.poBySupplierWeek.clear();
    }
    return po;
  }

  /**
   * The PO's date: its week's first day less a lead time fixed per supplier
   * (3-24 days, from the name, not the random stream, so the rest of the
   * plant stays as it was for a seed).
   */
  private poDate(supplier: Supplier, sec: number): string {
    let h = 0;
    for (const ch of supplier.name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    const weekStart = Math.floor(sec / (7 * 86_400)) * 7;
    return this.cal.date(weekStart - 3 - (h % 22));
  }

  private supplierLot(supplier: Supplier, sec: number): string {
    const day = this.cal.day(Math.floor(sec / 86_400));
    const r = this.rng;
    switch (supplier.lotStyle) {
      case 0: return `L${day.julian}${r.int(10, 99)}`;
      case 1: return `${day.iso.replace(/-/g, '')}/${r.int(1, 40)}`;
      case 2: return `${day.iso.slice(2, 4)}${day.iso.slice(5, 7)}${day.iso.slice(8, 10)}-${r.int(100, 999)}`;
      case 3: return `${r.int(1, 9)}${day.julian}`;
      case 4: return `CH${r.int(100000, 999999)}`;
      case 5: return `${day.iso.slice(0, 4)}-${pad(r.int(1, 9999), 4)}`;
      default: return `BX${r.int(1000, 9999)}${String.fromCharCode(65 + r.int(0, 25))}`;
    }
  }

  /** Receives a lot of a stock item at `sec`; quantity in base units given or drawn from the pack sizes. */
  private receive(stock: StockState, sec: number, bulkBase?: number): { lot: StockLot; qty: number; uom: Uom } {
    const def = stock.def;
    const src = this.rng.weighted(def.sources);
    let qty: number;
    if (bulkBase !== undefined) {
      // Bulk: the top-up, rounded to the tanker scale's resolution.
      const inUnit = src.uom === 'lb' ? bulkBase / GRAMS_PER_LB : bulkBase / 1000;
      qty = Math.max(src.pack, Math.round(inUnit / src.pack) * src.pack);
    } else {
      qty = this.rng.int(src.packs[0], src.packs[1]) * src.pack;
    }
    const base = src.uom === 'lb' ? Math.floor(qty * GRAMS_PER_LB) : src.uom === 'kg' || src.uom === 'l' ? Math.round(qty * 1000) : qty;
    const receivedAt = sec;
    const day = Math.floor(receivedAt / 86_400);
    let code: string;
    let supplierLot: string;
    if (src.supplier.letter) {
      code = `${src.supplier.letter}${stock.letterCounter++}`;
      supplierLot = code;
    } else {
      code = this.code('R', receivedAt, 3);
      supplierLot = this.supplierLot(src.supplier, receivedAt);
    }
    const expires = this.cal.date(day + def.shelfLife - this.rng.int(0, Math.floor(def.shelfLife / 4)));
    this.out.receipts.row([this.cal.timestamp(receivedAt), def.code, def.description, code, qty, src.uom, src.supplier.name, supplierLot, this.po(src.supplier, receivedAt), def.location, expires, this.poDate(src.supplier, receivedAt)]);
    this.lots++;
    const lot = { code, remaining: base };
    stock.current = lot;
    return { lot, qty, uom: src.uom };
  }

  /** Consumes `amount` base units of a stock item, opening new lots as needed. */
  private consumeStock(code: string, amount: number, sec: number, inputs: InputRow[]): void {
    const stock = this.stock.get(code)!;
    const use = stock.def.use;
    let need = amount;
    while (need > 0) {
      let lot = stock.current;
      if (!lot || lot.remaining <= 0) {
        // Delivered a few hours to a few days before it is needed.
        lot = this.receive(stock, sec - this.rng.int(2 * 3600, 4 * 86_400)).lot;
      }
      const take = Math.min(need, lot.remaining);
      let written = take;
      // Rarely a scale reads a little more than the lot still holds.
      if (take === lot.remaining && use !== 'ea' && this.rng.chance(0.002)) written = Math.round(take * this.rng.range(1.002, 1.01));
      inputs.push({ item: code, lot: lot.code, quantity: fmtQty(written, use), uom: use });
      lot.remaining -= take;
      need -= take;
    }
  }

  // ---- silos -----------------------------------------------------------------

  /** Runs every scheduled refill due by `sec`. */
  private refillsDue(sec: number): void {
    for (const silo of this.silos) {
      while (silo.nextRefillAt <= sec) {
        this.refill(silo, Math.max(Math.floor(silo.nextRefillAt), silo.lastDrawAt + 60));
        silo.nextRefillAt += this.refillInterval * this.rng.range(0.7, 1.3);
      }
    }
  }

  private refill(silo: SiloState, sec: number): void {
    const def = silo.def;
    const bulk = this.stock.get(def.bulk.code)!;
    const prev = silo.lot;
    const cleanout = prev !== null && silo.chain >= silo.cleanoutAfter;
    const keep = prev && !cleanout ? prev.remaining : 0;
    const topUp = Math.max(Math.round(def.capacity * 0.05), def.capacity - keep) * this.rng.range(0.85, 1);
    const received = this.receive(bulk, sec - this.rng.int(1800, 5400), topUp);
    const inputs: InputRow[] = [];
    if (prev && !cleanout) inputs.push({ item: def.code, lot: prev.code, quantity: fmtQty(keep, def.bulk.use), uom: def.bulk.use });
    // The bulk lot goes in whole, in the unit it was received in (lb from US mills).
    inputs.push({ item: def.bulk.code, lot: received.lot.code, quantity: received.qty, uom: received.uom });
    bulk.current = null;
    const total = keep + received.lot.remaining;
    const code = this.code(def.prefix, sec, 2);
    const batch = this.code(`SR${def.no}-`, sec, 2);
    this.writeBatch(batch, sec, def.code, def.description, code, fmtQty(total, def.bulk.use), def.bulk.use, inputs, def.location, this.cal.date(Math.floor(sec / 86_400) + 180));
    if (prev) prev.remaining = cleanout ? prev.remaining : 0;
    silo.lot = { code, remaining: total };
    silo.chain = cleanout || !prev ? 1 : silo.chain + 1;
    if (cleanout) silo.cleanoutAfter = this.rng.int(2000, 2600);
    silo.lastDrawAt = sec;
  }

  private drawSilo(no: number, amount: number, sec: number, inputs: InputRow[]): void {
    const silo = this.silos[no - 1]!;
    if (!silo.lot || silo.lot.remaining - amount < silo.def.heel) {
      this.refill(silo, Math.max(silo.lastDrawAt + 60, sec - 1200));
    }
    const lot = silo.lot!;
    const take = Math.min(amount, lot.remaining);
    inputs.push({ item: silo.def.code, lot: lot.code, quantity: fmtQty(take, silo.def.bulk.use), uom: silo.def.bulk.use });
    lot.remaining -= take;
    silo.lastDrawAt = Math.max(silo.lastDrawAt, sec);
  }

  // ---- production ------------------------------------------------------------

  private writeBatch(batch: string, sec: number, item: string, description: string, lot: string, quantity: number, uom: Uom, inputs: InputRow[], location: string, expires: string, coProduct?: { lot: string; quantity: number }): void {
    const at = this.cal.timestamp(sec);
    const prefix = `${csvField(batch)},${at},${csvField(item)},${csvField(description)},${csvField(lot)},${quantity},${uom}`;
    const suffix = `${csvField(location)},${expires}`;
    const seen = new Set<string>();
    for (const input of inputs) {
      this.out.production.line(`${prefix},${csvField(input.item)},${csvField(input.lot)},${input.quantity},${input.uom},${suffix}`);
      seen.add(`${input.item}\u0000${input.lot}`);
    }
    if (coProduct) {
      this.out.production.row([batch, at, CO_PRODUCT.code, CO_PRODUCT.description, coProduct.lot, coProduct.quantity, 'kg', '', '', '', '', location, this.cal.date(Math.floor(sec / 86_400) + CO_PRODUCT.shelfLife)]);
      this.lots++;
    }
    this.lots++;
    this.batches++;
    this.links += seen.size * (coProduct ? 2 : 1);
  }

  private makeWip(wip: WipState, sec: number): StockLot {
    const def = wip.def;
    const sizeKg = Math.round(this.rng.int(def.size[0], def.size[1]) / 10) * 10;
    const sizeG = sizeKg * 1000;
    const inputs: InputRow[] = [];
    for (const c of def.components) {
      if (c.p !== undefined && !this.rng.chance(c.p)) continue;
      const variance = this.rng.range(0.97, 1.03);
      if ('silo' in c.src) {
        this.drawSilo(c.src.silo, Math.round(c.per * sizeG * variance), sec, inputs);
      } else {
        const stock = this.stock.get(c.src.stock)!;
        const amount = stock.def.use === 'ea' ? Math.ceil(c.per * sizeKg * variance) : Math.round(c.per * sizeG * variance);
        this.consumeStock(c.src.stock, Math.max(1, amount), sec, inputs);
      }
    }
    const day = Math.floor(sec / 86_400);
    const code = this.code('W', sec, 3);
    const batch = this.code('B', sec, 4);
    this.writeBatch(batch, sec, def.code, def.description, code, sizeKg, 'kg', inputs, def.mixer, this.cal.date(day + def.shelfLife));
    const lot = { code, remaining: sizeG };
    wip.current = lot;
    return lot;
  }

  private consumeWip(code: string, amount: number, inputs: InputRow[]): void {
    const wip = this.wips.get(code)!;
    let need = amount;
    while (need > 0) {
      let lot = wip.current;
      if (!lot || lot.remaining <= 0) {
        // WIP made just before the packing run, from the silos and stores.
        this.refillsDue(this.clock);
        lot = this.makeWip(wip, this.tick());
      }
      const take = Math.min(need, lot.remaining);
      inputs.push({ item: code, lot: lot.code, quantity: fmtQty(take, 'kg'), uom: 'kg' });
      lot.remaining -= take;
      need -= take;
    }
  }

  private finishedBatch(): void {
    const r = this.rng;
    const product = r.weighted(PRODUCTS);
    const cases = r.int(product.cases[0], product.cases[1]);
    const inputs: InputRow[] = [];
    const day = this.day;

    // Rework: an earlier lot of the same product, held back, goes into this batch.
    const queue = this.rework.get(product.code);
    const reworkLot = queue && queue.length > 0 && queue[0]!.fromDay <= day ? queue.shift()! : undefined;
    if (reworkLot) inputs.push({ item: product.code, lot: reworkLot.code, quantity: reworkLot.cases, uom: 'cs' });

    let wipKg = 0;
    for (const w of product.wip) {
      const grams = Math.round(cases * w.perCase * 1000 * r.range(1.005, 1.03));
      wipKg += grams / 1000;
      this.consumeWip(w.code, grams, inputs);
    }
    this.refillsDue(this.clock);
    const sec = this.tick();
    for (const p of product.pack) {
      const stock = this.stock.get(p.code)!;
      const amount = stock.def.use === 'ea' ? Math.ceil(cases * p.perCase + r.int(0, 8)) : Math.round(cases * p.perCase * 1000 * r.range(1, 1.04));
      this.consumeStock(p.code, amount, sec, inputs);
    }

    const code = this.code('P', sec, 3);
    const batch = this.code('B', sec, 4);
    const co = r.chance(product.coProduct) ? { lot: code, quantity: Math.round(wipKg * r.range(0.01, 0.03) * 10) / 10 } : undefined;
    this.writeBatch(batch, sec, product.code, product.description, code, cases, 'cs', inputs, product.line, this.cal.date(day + product.shelfLife), co);

    // Some lots are partly held back and reworked into a later batch.
    let reserve = 0;
    if (r.chance(0.015)) {
      reserve = Math.max(1, Math.round(cases * r.range(0.03, 0.1)));
      let q = this.rework.get(product.code);
      if (!q) this.rework.set(product.code, (q = []));
      q.push({ code, cases: reserve, fromDay: day + r.int(1, 10) });
    }
    const retained = r.chance(0.5) ? 1 : 0;
    this.ship(product.code, code, cases - reserve - retained, 'cs', this.customers.retail, r.int(2, 6));
    if (co) this.ship(CO_PRODUCT.code, co.lot, co.quantity, 'kg', this.customers.feed, r.int(1, 2));
  }

  // ---- shipping ---------------------------------------------------------------

  /** Splits a lot's quantity over `parts` shipments to distinct customers on later days. */
  private ship(item: string, lot: string, quantity: number, uom: Uom, customers: CustomerGroup, parts: number): void {
    const r = this.rng;
    const whole = uom === 'cs';
    const unit = whole ? 1 : 0.1;
    const units = Math.floor(quantity / unit + 1e-9);
    const n = Math.max(0, Math.min(parts, units, customers.list.length));
    if (n === 0) return;
    const weights: number[] = [];
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const w = r.range(0.5, 1.5);
      weights.push(w);
      sum += w;
    }
    const chosen = new Set<number>();
    let left = units;
    for (let i = 0; i < n; i++) {
      let c: number;
      do c = r.weightedIndex(customers.cumulative);
      while (chosen.has(c));
      chosen.add(c);
      const partUnits = i === n - 1 ? left : Math.max(1, Math.min(left - (n - 1 - i), Math.floor((units * weights[i]!) / sum)));
      left -= partUnits;
      const customer = customers.list[c]!;
      const shipDay = this.day + 1 + Math.floor(r.float() * r.float() * 21);
      const info = this.cal.day(shipDay);
      const shipTo = customer.shipTos[(shipDay + c) % customer.shipTos.length]!;
      const minutes = 6 * 60 + ((c * 37 + shipDay * 11) % 660);
      const at = `${info.iso}T${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}:00`;
      const order = `${customers.kind === 'feed' ? 'FO' : 'SO'}-${info.julian}-${pad(c + 1, 3)}`;
      const bol = `BOL${info.julian}${pad(c + 1, 3)}${(shipDay + c) % customer.shipTos.length}`;
      const qty = whole ? partUnits : Math.round(partUnits * unit * 10) / 10;
      const line = `${at},${csvField(item)},${csvField(lot)},${qty},${uom},${csvField(customer.name)},${csvField(shipTo)},${order},${bol}`;
      let list = this.pendingShipments.get(shipDay);
      if (!list) this.pendingShipments.set(shipDay, (list = []));
      list.push(line);
    }
  }

  private flushShipments(throughDay: number): void {
    for (let d = this.shippedThrough + 1; d <= throughDay; d++) {
      const list = this.pendingShipments.get(d);
      if (!list) continue;
      for (const line of list) this.out.shipments.line(line);
      this.pendingShipments.delete(d);
    }
    this.shippedThrough = Math.max(this.shippedThrough, throughDay);
  }

  // ---- the run ------------------------------------------------------------------

  async run(): Promise<void> {
    const target = this.opts.lots;
    let eventsPerLot = 0.8;
    // Each silo is filled for the first time before production starts: the chain heads.
    for (const silo of this.silos) this.refill(silo, 5 * 3600 + silo.def.no * 600);
    for (let day = 0; day < this.days; day++) {
      this.day = day;
      this.pruneSequences(day);
      this.flushShipments(day);
      const dayTarget = Math.round((target * (day + 1)) / this.days);
      const expectedEvents = Math.max(2, (dayTarget - this.lots) * eventsPerLot);
      this.clock = day * 86_400 + 5 * 3600 + 30 * 60;
      this.dayEnd = day * 86_400 + 23 * 3600 + 50 * 60;
      this.step = (17 * 3600) / expectedEvents;
      const lotsBefore = this.lots;
      const eventsBefore = this.events;
      while (this.lots < dayTarget) this.finishedBatch();
      if (this.lots > lotsBefore) eventsPerLot = 0.8 * eventsPerLot + 0.2 * ((this.events - eventsBefore) / (this.lots - lotsBefore));
      await Promise.all([this.out.receipts.drain(), this.out.production.drain(), this.out.shipments.drain()]);
    }
    let last = this.days;
    for (const d of this.pendingShipments.keys()) if (d > last) last = d;
    this.flushShipments(last);
  }
}

/** Number of production days for a plant of `lots` lots: ~10 years at 1M, a few weeks at 300. */
export function plantDays(lots: number): number {
  return Math.max(14, Math.round(0.92 * Math.pow(lots, 0.6)));
}

export async function generatePlant(options: PlantOptions): Promise<GeneratedPlant> {
  if (!Number.isFinite(options.lots) || options.lots < 50) throw new Error('lots must be at least 50');
  const opts: Required<PlantOptions> = { start: '2016-01-04', ...options, lots: Math.round(options.lots) };
  mkdirSync(opts.outDir, { recursive: true });
  const files = ['items.csv', 'receipts.csv', 'production.csv', 'shipments.csv'].map((f) => join(opts.outDir, f));

  const items = new CsvWriter(files[0]!, ITEM_HEADER);
  for (const def of [...STOCK, BULK_FLOUR, BULK_SUGAR, BULK_OIL]) items.row([def.code, def.description, def.kind, def.shelfLife]);
  for (const def of SILOS) items.row([def.code, def.description, 'wip', 180]);
  for (const def of WIPS) items.row([def.code, def.description, 'wip', def.shelfLife]);
  for (const def of PRODUCTS) items.row([def.code, def.description, 'finished', def.shelfLife]);
  items.row([CO_PRODUCT.code, CO_PRODUCT.description, 'finished', CO_PRODUCT.shelfLife]);
  await items.close();

  const out = {
    receipts: new CsvWriter(files[1]!, RECEIPT_HEADER),
    production: new CsvWriter(files[2]!, PRODUCTION_HEADER),
    shipments: new CsvWriter(files[3]!, SHIPMENT_HEADER),
  };
  const plant = new Plant(opts, plantDays(opts.lots), out);
  try {
    await plant.run();
  } finally {
    await Promise.all([out.receipts.close(), out.production.close(), out.shipments.close()]);
  }
  return {
    files,
    counts: {
      lots: plant.lots,
      receipts: out.receipts.rows,
      productionRows: out.production.rows,
      links: plant.links,
      shipments: out.shipments.rows,
      batches: plant.batches,
    },
  };
}
