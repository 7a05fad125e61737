/**
 * Rows in time order for traces and recalls at plant scale: a silo trace
 * or recall lists 400,000 shipments sorted by time, and a comparator sort
 * of that many costs several times what this does. Entries are sorted by
 * time, equal instants in entry order (stable), and only entries sharing an
 * instant go to `tie`, a comparator on entry numbers.
 *
 * Two ways to the same order. Whole-number times (epoch milliseconds, as
 * the database stores them) are packed with their entry number into one
 * 64-bit key, (time - earliest) * 2^bits + entry, written as two 32-bit
 * halves and sorted natively as unsigned 64-bit integers: one sort with no
 * comparator and no BigInt made per entry. Anything else (fractions, a span
 * too wide for the bits left) takes a counting sort by each time's rank.
 */
export function timeOrder(times: Float64Array, tie?: (a: number, b: number) => number): Int32Array {
  const order = packedTimeOrder(times) ?? rankedTimeOrder(times);
  if (tie) {
    const n = order.length;
    for (let start = 0; start < n; ) {
      let end = start + 1;
      while (end < n && times[order[end]!] === times[order[start]!]) end++;
      if (end - start > 1) order.subarray(start, end).sort(tie);
      start = end;
    }
  }
  return order;
}

/** Whether this machine stores the low 32-bit half of a 64-bit integer first (every platform Electron ships on does). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const TWO_32 = 2 ** 32;

/** The order by one native sort of packed 64-bit keys, or undefined when the times do not pack. */
function packedTimeOrder(times: Float64Array): Int32Array | undefined {
  const n = times.length;
  if (!LITTLE_ENDIAN || n === 0) return n === 0 ? new Int32Array(0) : undefined;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = times[i]!;
    if (!Number.isInteger(t)) return undefined;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const bits = 32 - Math.clz32(n);
  const shift = 2 ** bits;
  // (max - min) * 2^bits + n must fit in 64 bits, and the span itself must be an exact double.
  if (!(max - min < 2 ** (64 - bits)) || max - min > Number.MAX_SAFE_INTEGER) return undefined;
  const keys = new BigUint64Array(n);
  const halves = new Uint32Array(keys.buffer);
  for (let i = 0; i < n; i++) {
    const v = times[i]! - min;
    // ToUint32 is the value modulo 2^32, exact for whole numbers.
    const low = v >>> 0;
    const high = (v - low) / TWO_32;
    // low * 2^bits < 2^53: exact; its low 32 bits have room for the entry number.
    const shiftedLow = low * shift;
    const lowWord = shiftedLow >>> 0;
    halves[2 * i] = lowWord + i;
    halves[2 * i + 1] = high * shift + (shiftedLow - lowWord) / TWO_32;
  }
  keys.sort();
  const order = new Int32Array(n);
  const mask = shift - 1;
  for (let i = 0; i < n; i++) order[i] = halves[2 * i]! & mask;
  return order;
}

/** The order by a stable counting sort on each time's rank among the distinct times. */
function rankedTimeOrder(times: Float64Array): Int32Array {
  const n = times.length;
  const distinct = times.slice().sort();
  let count = 0;
  for (let i = 0; i < n; i++) if (count === 0 || distinct[i] !== distinct[count - 1]) distinct[count++] = distinct[i]!;
  const rank = new Int32Array(n);
  const start = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) {
    const at = times[i]!;
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    rank[i] = lo;
    start[lo + 1]!++;
  }
  for (let r = 0; r < count; r++) start[r + 1]! += start[r]!;
  const next = start.slice(0, count);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[next[rank[i]!]!++] = i;
  return order;
}

/**
 * Rows of a copy whose rows are in clustered key order, ordered by their
 * time and then by that key: the row index is the key's rank, so the rows
 * are put in index order first (a native sort) and the stable sort by time
 * keeps it among equal instants, with no comparator on the rows. A silo
 * trace's 400,000 shipments, many sharing an instant, were compared field
 * by field before.
 */
export function rowsInTimeOrder(rows: ArrayLike<number>, at: Float64Array): Int32Array {
  const sorted = Int32Array.from(rows).sort();
  const times = new Float64Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) times[i] = at[sorted[i]!]!;
  const order = timeOrder(times);
  for (let i = 0; i < order.length; i++) order[i] = sorted[order[i]!]!;
  return order;
}
