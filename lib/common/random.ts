// common/random: the one seeded pseudo-random generator (mulberry32) of the project, for whatever must draw
// the same sequence again from the same seed — the latency loop's songs, the chaos test's schedule, the
// fuzz tests' mangled files — so a run, or a failure, names a seed that reproduces it. Not for secrets.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).

/** A generator of numbers in [0, 1): the same seed gives the same sequence (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
