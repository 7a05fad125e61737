/**
 * The demo plant's customers: a few fixed names with quotes, ampersands and
 * apostrophes (they exercise the CSV quoting), generated retailers weighted
 * so a few big ones take most of the volume, each with one to three ship-to
 * addresses, and the feed buyers of the broken-biscuit co-product.
 */
import type { Rng } from './random';

export interface Customer {
  name: string;
  weight: number;
  shipTos: string[];
}

export interface CustomerGroup {
  kind: 'retail' | 'feed';
  list: Customer[];
  cumulative: Float64Array;
}

export interface Customers {
  retail: CustomerGroup;
  feed: CustomerGroup;
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

export function buildCustomers(rng: Rng, count: number): Customers {
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
