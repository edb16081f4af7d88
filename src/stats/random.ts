// Seeded randomness, so a run's workload order and every simulation can be replayed from its seed.
// Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, from PractRand; 128-bit
// state, passes PractRand and BigCrush), seeded through splitmix32 (a 32-bit variant of Steele,
// Lea & Flood 2014's SplitMix) so nearby seeds give unrelated streams.

/** A seeded source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** Creates an sfc32 generator from a 32-bit integer seed (other numbers are truncated). */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next(); // discard the first outputs, as PractRand's seeding does
  return next;
}

/** Uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** A shuffled copy of the array (Fisher-Yates, Knuth TAOCP vol. 2, Algorithm P). */
export function shuffle<T>(array: readonly T[], rng: Rng): T[] {
  const out = [...array];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Normal draw by the Box-Muller transform (Box & Muller 1958), one value per call. */
export function randomNormal(rng: Rng, mean = 0, sd = 1): number {
  const u1 = 1 - rng(); // in (0, 1], so the log is finite
  const u2 = rng();
  return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Lognormal draw exp(N(mu, sigma)); median exp(mu), CV ~ sigma for small sigma. */
export function randomLognormal(rng: Rng, mu = 0, sigma = 1): number {
  return Math.exp(randomNormal(rng, mu, sigma));
}
