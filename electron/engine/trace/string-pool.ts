/**
 * Distinct strings, each stored once: rows of the in-memory copies (units,
 * ship-to, orders, supplier lots…) keep a small integer instead of a string.
 */
export class StringPool {
  readonly values: string[];
  private readonly ids = new Map<string, number>();

  /**
   * `seed`: an earlier pool's values to extend (copied, ids kept). With
   * `indexSeed` false they are not looked up again: a value among them that
   * comes again is stored once more, which is cheaper than indexing a
   * million seeds to add a few rows.
   */
  constructor(seed: readonly string[] = [], indexSeed = true) {
    this.values = seed.slice();
    if (!indexSeed) return;
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
