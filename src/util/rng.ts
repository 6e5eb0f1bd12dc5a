/**
 * Seeded pseudo-random numbers. Every random draw in faasim comes from an Rng derived from the run's
 * seed, one stream per purpose (`fork('init')`, `fork('keep-alive')`, ...), so adding draws for one
 * purpose never shifts the draws of another, and the same seed gives the same bytes out.
 */

/** sfc32: small, fast, passes PractRand to 2^40 bytes; plenty for simulation. */
export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  readonly seed: string;

  constructor(seed: number | string) {
    this.seed = String(seed);
    const h = hash128(this.seed);
    this.#a = h[0];
    this.#b = h[1];
    this.#c = h[2];
    this.#d = h[3];
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** An independent stream for one purpose. */
  fork(label: string): Rng {
    return new Rng(`${this.seed}/${label}`);
  }

  nextUint32(): number {
    const a = this.#a,
      b = this.#b,
      c = this.#c,
      d = this.#d;
    const t = (((a + b) | 0) + d) | 0;
    this.#d = (d + 1) | 0;
    this.#a = b ^ (b >>> 9);
    this.#b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.#c = (r + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box-Muller; the second value is discarded to keep streams simple). */
  normal(): number {
    let u = this.next();
    while (u === 0) u = this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Exponential with the given rate (events per unit). */
  exponential(rate: number): number {
    let u = this.next();
    while (u === 0) u = this.next();
    return -Math.log(u) / rate;
  }
}

/** cyrb128 string hash: spreads a seed string over four 32-bit words. */
function hash128(str: string): [number, number, number, number] {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
