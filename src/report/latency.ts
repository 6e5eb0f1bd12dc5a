/**
 * Latency percentiles with bounded memory. The first `exactLimit` samples are kept and percentiles
 * are exact (simple-statistics' quantileSorted); past that, samples go to a log-bucket histogram whose
 * buckets grow by 2%, so a reported percentile is within 1% of the true value (the bucket's midpoint
 * is at most (γ−1)/(γ+1) = 0.99% from any value in it). Memory stays a few tens of KB whatever the
 * trace length.
 */
import { quantileSorted } from 'simple-statistics';

const GAMMA = 1.02;
const LOG_GAMMA = Math.log(GAMMA);
/** smallest value the histogram resolves; below it (incl. 0) samples share one bucket */
const MIN_MS = 1e-3;
/** 1e-3 ms .. ~1e10 ms */
const BUCKETS = Math.ceil(Math.log(1e10 / MIN_MS) / LOG_GAMMA) + 2;
export const HISTOGRAM_RELATIVE_ERROR = (GAMMA - 1) / (GAMMA + 1);

export class LatencyRecorder {
  readonly #exactLimit: number;
  #exact: Float64Array;
  #n = 0;
  #sum = 0;
  #min = Infinity;
  #max = -Infinity;
  #hist: Float64Array | null = null;

  constructor(exactLimit = 100_000) {
    this.#exactLimit = exactLimit;
    this.#exact = new Float64Array(Math.min(exactLimit, 1024));
  }

  get count(): number {
    return this.#n;
  }

  get exact(): boolean {
    return this.#hist === null;
  }

  add(ms: number): void {
    this.#sum += ms;
    if (ms < this.#min) this.#min = ms;
    if (ms > this.#max) this.#max = ms;
    const n = this.#n++;
    if (this.#hist === null) {
      if (n < this.#exactLimit) {
        if (n === this.#exact.length) {
          const bigger = new Float64Array(Math.min(this.#exactLimit, n * 2));
          bigger.set(this.#exact);
          this.#exact = bigger;
        }
        this.#exact[n] = ms;
        return;
      }
      this.#hist = new Float64Array(BUCKETS);
      for (let i = 0; i < n; i++) bump(this.#hist, bucketOf(this.#exact[i] as number));
      this.#exact = new Float64Array(0);
    }
    bump(this.#hist, bucketOf(ms));
  }

  mean(): number {
    return this.#n === 0 ? NaN : this.#sum / this.#n;
  }

  max(): number {
    return this.#n === 0 ? NaN : this.#max;
  }

  min(): number {
    return this.#n === 0 ? NaN : this.#min;
  }

  /** The p-quantile (0 ≤ p ≤ 1); NaN when there are no samples. */
  quantile(p: number): number {
    return this.quantiles([p])[0] as number;
  }

  quantiles(ps: number[]): number[] {
    if (this.#n === 0) return ps.map(() => NaN);
    if (this.#hist === null) {
      const sorted = this.#exact.slice(0, this.#n).sort();
      const arr = Array.from(sorted);
      return ps.map((p) => quantileSorted(arr, p));
    }
    const hist = this.#hist;
    return ps.map((p) => {
      if (p >= 1) return this.#max;
      if (p <= 0) return this.#min;
      // nearest rank: the smallest value with at least p·n samples at or below it
      const rank = Math.max(1, Math.ceil(p * this.#n));
      let seen = 0;
      for (let b = 0; b < hist.length; b++) {
        seen += hist[b] as number;
        if (seen >= rank) return Math.min(this.#max, Math.max(this.#min, midpoint(b)));
      }
      return this.#max;
    });
  }

  /** Adds another recorder's samples (for totals over functions). */
  merge(other: LatencyRecorder): void {
    if (other.#hist === null) {
      for (let i = 0; i < other.#n; i++) this.add(other.#exact[i] as number);
      return;
    }
    if (this.#hist === null) {
      this.#hist = new Float64Array(BUCKETS);
      for (let i = 0; i < this.#n; i++) bump(this.#hist, bucketOf(this.#exact[i] as number));
      this.#exact = new Float64Array(0);
    }
    for (let b = 0; b < BUCKETS; b++) this.#hist[b] = (this.#hist[b] as number) + (other.#hist[b] as number);
    this.#n += other.#n;
    this.#sum += other.#sum;
    if (other.#min < this.#min) this.#min = other.#min;
    if (other.#max > this.#max) this.#max = other.#max;
  }
}

function bump(hist: Float64Array, bucket: number): void {
  hist[bucket] = (hist[bucket] as number) + 1;
}

function bucketOf(ms: number): number {
  if (ms < MIN_MS) return 0;
  const b = 1 + Math.floor(Math.log(ms / MIN_MS) / LOG_GAMMA);
  return b < BUCKETS ? b : BUCKETS - 1;
}

function midpoint(bucket: number): number {
  if (bucket === 0) return 0;
  const lo = MIN_MS * GAMMA ** (bucket - 1);
  return (lo * (1 + GAMMA)) / 2;
}
