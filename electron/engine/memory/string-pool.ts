/**
 * Distinct strings, each stored once: rows of the in-memory copies (units,
 * ship-to, orders, supplier lots…) keep a small integer instead of a string.
 */
export class StringPool {
  readonly values: string[];
  private readonly ids = new Map<string, number>();

  /**
   * `seed`: an earlier pool's values to start from (ids kept). 'index'
   * copies and looks them up; 'extend' adds to `seed` itself, in place, and
   * does not look its values up: a value among them that comes again is
   * stored once more, which is cheaper than copying and indexing a million
   * seeds to add a few rows (a copy caught up in place).
   */
  constructor(seed: string[] = [], seeded: 'index' | 'extend' = 'index') {
    if (seeded === 'extend') {
      this.values = seed;
      return;
    }
    this.values = seed.slice();
    this.values.forEach((v, i) => {
      if (!this.ids.has(v)) this.ids.set(v, i);
    });
  }

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
}
