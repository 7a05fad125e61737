/**
 * A small seeded pseudo-random generator (mulberry32): the demo plant, the
 * benchmark's samples, the property tests and the graph's generated test
 * traces must be the same for a seed on every machine, which Math.random
 * cannot give. Dependency-free, so the engine and the renderer share it.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
