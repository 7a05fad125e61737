/**
 * A growable typed array used as a list: the in-memory trace builds its
 * columns (movements.ts) and walk results (reach.ts) with these instead of
 * JS arrays of numbers, so millions of values cost 4 or 8 bytes each and no
 * object. `data` and `length` are public for hot loops that reserve room
 * once and then write directly.
 */
export class TypedList<T extends Int32Array | Float64Array> {
  data: T;
  length = 0;

  constructor(private readonly make: (size: number) => T) {
    this.data = make(1024);
  }

  /** Makes room for `extra` more entries; returns the (possibly new) backing array. */
  reserve(extra: number): T {
    const needed = this.length + extra;
    if (needed > this.data.length) {
      let size = this.data.length * 2;
      while (size < needed) size *= 2;
      const grown = this.make(size);
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    return this.data;
  }

  push(value: number): void {
    this.reserve(1)[this.length++] = value;
  }

  /** The used part, as a view: valid until the list is reused. */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }

  /** A right-sized copy (the growth slack is given back). */
  copy(): T {
    return this.data.slice(0, this.length) as T;
  }
}

export const int32List = (): TypedList<Int32Array> => new TypedList((n) => new Int32Array(n));
export const float64List = (): TypedList<Float64Array> => new TypedList((n) => new Float64Array(n));
