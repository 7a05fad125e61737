/**
 * The demo plant's master data: suppliers, the raw materials and packaging
 * they deliver (with the units on their paperwork), the three silos, the WIP
 * recipes and the finished products with their packaging. Plain data, so
 * the simulation modules read as what the plant does with it.
 */

export type Uom = 'kg' | 'lb' | 'l' | 'ea' | 'cs';

export const GRAMS_PER_LB = 453.59237;

/** Quantity in base units (g, ml or pieces) written in a unit: kg/l -> 3 decimals. */
export function fmtQty(base: number, uom: Uom): number {
  if (uom === 'kg' || uom === 'l') return Math.round(base) / 1000;
  if (uom === 'lb') return Math.round((base / GRAMS_PER_LB) * 1000) / 1000;
  return Math.round(base);
}

export interface Supplier {
  name: string;
  /** The supplier's lot codes are used as the plant lot code (letter + counter, e.g. A100). */
  letter?: string;
  /** Pattern for supplier lot numbers when the plant assigns its own lot code. */
  lotStyle: number;
}

export const SUPPLIERS = {
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

export interface Source {
  supplier: Supplier;
  weight: number;
  /** Unit on the supplier's paperwork. */
  uom: Uom;
  /** Pack size in `uom` and how many packs make one lot. */
  pack: number;
  packs: [number, number];
}

export interface StockItemDef {
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
export const STOCK: StockItemDef[] = [
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

export interface SiloDef {
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

export const BULK_FLOUR: StockItemDef = { code: 'RM-FLOUR-BULK', description: 'Wheat flour type 550, bulk tanker', kind: 'raw', use: 'kg', shelfLife: 180, location: 'SILO-1',
  sources: [{ supplier: s.greatPlains, weight: 0.4, uom: 'lb', pack: 20, packs: [0, 0] }, { supplier: s.dupont, weight: 0.6, uom: 'kg', pack: 10, packs: [0, 0] }] };
export const BULK_SUGAR: StockItemDef = { code: 'RM-SUGAR-BULK', description: 'Granulated sugar, bulk tanker', kind: 'raw', use: 'kg', shelfLife: 1095, location: 'SILO-2',
  sources: [{ supplier: s.sucrerie, weight: 0.7, uom: 'kg', pack: 10, packs: [0, 0] }, { supplier: s.redwood, weight: 0.3, uom: 'lb', pack: 20, packs: [0, 0] }] };
export const BULK_OIL: StockItemDef = { code: 'RM-OIL-BULK', description: 'Sunflower oil, refined, bulk tanker', kind: 'raw', use: 'l', shelfLife: 365, location: 'TANK-3',
  sources: [{ supplier: s.muller, weight: 1, uom: 'l', pack: 10, packs: [0, 0] }] };

export const SILOS: SiloDef[] = [
  { no: 1, code: 'WIP-FLOUR-SILO1', description: 'Wheat flour T550 in silo 1 (continuous)', prefix: 'SF', location: 'SILO-1', bulk: BULK_FLOUR, heel: 800_000, capacity: 60_000_000 },
  { no: 2, code: 'WIP-SUGAR-SILO2', description: 'Granulated sugar in silo 2 (continuous)', prefix: 'SS', location: 'SILO-2', bulk: BULK_SUGAR, heel: 500_000, capacity: 45_000_000 },
  { no: 3, code: 'WIP-OIL-TANK3', description: 'Sunflower oil in tank 3 (continuous)', prefix: 'TO', location: 'TANK-3', bulk: BULK_OIL, heel: 400_000, capacity: 40_000_000 },
];

export type ComponentSource = { silo: number } | { stock: string };
export interface Component {
  src: ComponentSource;
  /** kg (or l, or pieces) per kg of blend. */
  per: number;
  /** Probability the ingredient is in a given batch (formula variants). */
  p?: number;
}

export interface WipDef {
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

export const WIPS: WipDef[] = [
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

export interface ProductDef {
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

export const PRODUCTS: ProductDef[] = [
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

export const CO_PRODUCT = { code: 'FG-BROKEN', description: 'Broken biscuits, feed grade', shelfLife: 180 };
