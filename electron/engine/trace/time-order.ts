/**
 * Rows in time order for traces and recalls at plant scale: a silo trace
 * or recall lists 400,000 shipments sorted by time, and a comparator sort
 * of that many costs several times what this does. The times are sorted as
 * numbers (a native sort, no comparator), each entry is placed by its
 * time's rank with a stable counting sort, and only entries sharing an
 * instant go to `tie`, a comparator on entry numbers.
 */
export function timeOrder(times: Float64Array, tie: (a: number, b: number) => number): Int32Array {
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
  for (let r = 0; r < count; r++) if (start[r + 1]! - start[r]! > 1) order.subarray(start[r]!, start[r + 1]!).sort(tie);
  return order;
}
