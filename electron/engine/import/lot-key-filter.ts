/**
 * A Bloom filter of lot keys (item id, lot code): "certainly not added" or
 * "maybe added". The record writer adds every lot that leaves its cache in
 * the middle of a file; a lot code missing from the cache and from the
 * filter (of an item that had no lots before the file) is new, and needs no
 * look-up in the database. A production file of the 1M-lot plant creates
 * 705,000 lots: without the filter each one after the first cache flush cost
 * a look-up that found nothing.
 *
 * A false "maybe" costs one needless look-up; a false "no" cannot happen,
 * which is what keeps the writer correct. Memory stays small and bounded by
 * the lots added: about 1.2 bytes per lot (10 bits, 7 probes: under 1% false
 * "maybe"). When a filter holds its capacity a twice larger one is started
 * (a scalable Bloom filter), so the rate stays low whatever the file size.
 */
const PROBES = 7;
const BITS_PER_KEY = 10;
const FIRST_CAPACITY = 1 << 16;

interface Layer {
  bits: Uint32Array;
  /** Number of bits, a power of two. */
  mask: number;
  capacity: number;
  count: number;
}

export class LotKeyFilter {
  private readonly layers: Layer[] = [];

  add(itemId: number, code: string): void {
    let layer = this.layers[this.layers.length - 1];
    if (!layer || layer.count >= layer.capacity) {
      const capacity = layer ? layer.capacity * 2 : FIRST_CAPACITY;
      const size = 1 << Math.ceil(Math.log2(capacity * BITS_PER_KEY));
      layer = { bits: new Uint32Array(size >>> 5), mask: size - 1, capacity, count: 0 };
      this.layers.push(layer);
    }
    const h1 = hash(itemId, code, 0x811c9dc5);
    const h2 = hash(itemId, code, 0x5bd1e995) | 1;
    for (let i = 0; i < PROBES; i++) {
      const bit = (h1 + Math.imul(i, h2)) & layer.mask;
      layer.bits[bit >>> 5]! |= 1 << (bit & 31);
    }
    layer.count++;
  }

  /** False only if (itemId, code) was never added. */
  mayContain(itemId: number, code: string): boolean {
    if (this.layers.length === 0) return false;
    const h1 = hash(itemId, code, 0x811c9dc5);
    const h2 = hash(itemId, code, 0x5bd1e995) | 1;
    next: for (const layer of this.layers) {
      for (let i = 0; i < PROBES; i++) {
        const bit = (h1 + Math.imul(i, h2)) & layer.mask;
        if ((layer.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) continue next;
      }
      return true;
    }
    return false;
  }
}

/** FNV-1a over the item id and the code's UTF-16 units, with a final avalanche so the low bits mix. */
function hash(itemId: number, code: string, seed: number): number {
  let h = Math.imul(seed ^ itemId, 0x01000193);
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
