/**
 * Latency percentiles with bounded memory. Samples are kept, and percentiles are exact
 * (simple-statistics' quantileSorted), while a recorder holds fewer than `exactLimit` and the shared
 * `ExactBudget` of its collector has room; past that, the recorder moves its samples into a log-bucket
 * histogram whose buckets grow by 2%, so a reported percentile is within 1% of the true value (the
 * bucket's midpoint is at most (γ−1)/(γ+1) = 0.99% from any value in it). A histogram stores its first
 * few buckets as sparse pairs, then only the
 * range of buckets its samples fall in (a few hundred for latencies spanning a few decades), so
 * memory stays bounded whatever the trace length and however many functions it has.
 */
import { quantileSorted } from 'simple-statistics';

const GAMMA = 1.02;
const LOG_GAMMA = Math.log(GAMMA);
/** smallest value the histogram resolves; below it (incl. 0) samples share one bucket */
const MIN_MS = 1e-3;
/** 1e-3 ms .. ~1e10 ms */
const BUCKETS = Math.ceil(Math.log(1e10 / MIN_MS) / LOG_GAMMA) + 2;
export const HISTOGRAM_RELATIVE_ERROR = (GAMMA - 1) / (GAMMA + 1);

/** Samples all recorders of one collector may keep exactly, together. */
export class ExactBudget {
  constructor(public remaining: number) {}
}

/**
 * Sparse entries a histogram keeps before it turns dense. A trace of a million functions has a
 * recorder or two per function, most with a few dozen samples; a dense window over their spread
 * (two decades: ~230 buckets of 8 bytes) would cost far more than the handful of buckets they use.
 */
const SPARSE_MAX = 24;

/**
 * Counts per bucket: while few buckets are used, as sorted (bucket, count) pairs in plain arrays;
 * then over a window [lo, lo + counts.length) that widens as samples need.
 */
class Histogram {
  /** sparse mode: ascending buckets and their counts; null once dense */
  keys: number[] | null = [];
  vals: number[] = [];
  lo = 0;
  counts: Float64Array = new Float64Array(0);

  add(bucket: number, n = 1): void {
    const keys = this.keys;
    if (keys !== null) {
      let i = keys.length;
      while (i > 0 && (keys[i - 1] as number) > bucket) i--;
      if (i > 0 && keys[i - 1] === bucket) {
        this.vals[i - 1] = (this.vals[i - 1] as number) + n;
        return;
      }
      if (keys.length < SPARSE_MAX) {
        keys.splice(i, 0, bucket);
        this.vals.splice(i, 0, n);
        return;
      }
      this.#densify();
    }
    this.#addDense(bucket, n);
  }

  /** Calls `f` for every non-empty bucket in ascending order. */
  forEach(f: (bucket: number, count: number) => void): void {
    if (this.keys !== null) {
      for (let i = 0; i < this.keys.length; i++) f(this.keys[i] as number, this.vals[i] as number);
      return;
    }
    for (let i = 0; i < this.counts.length; i++)
      if ((this.counts[i] as number) > 0) f(this.lo + i, this.counts[i] as number);
  }

  #densify(): void {
    const keys = this.keys as number[];
    const vals = this.vals;
    this.keys = null;
    this.vals = [];
    for (let i = 0; i < keys.length; i++) this.#addDense(keys[i] as number, vals[i] as number);
  }

  #addDense(bucket: number, n: number): void {
    if (this.counts.length === 0) {
      this.lo = bucket;
      this.counts = new Float64Array(16);
    } else if (bucket < this.lo || bucket >= this.lo + this.counts.length) {
      this.#widen(bucket);
    }
    const i = bucket - this.lo;
    this.counts[i] = (this.counts[i] as number) + n;
  }

  #widen(bucket: number): void {
    const hi = this.lo + this.counts.length;
    const lo = Math.min(this.lo, bucket);
    const size = Math.max(hi, bucket + 1) - lo;
    // grow with slack on the side that needed it, so a drifting tail does not copy every time
    const cap = Math.min(BUCKETS, Math.max(size, this.counts.length * 2));
    const newLo = bucket < this.lo ? Math.max(0, Math.min(lo, hi - cap)) : lo;
    const next = new Float64Array(Math.max(cap, Math.max(hi, bucket + 1) - newLo));
    next.set(this.counts, this.lo - newLo);
    this.lo = newLo;
    this.counts = next;
  }
}

/** A recorder's contents (LatencyRecorder.exportState): exact samples in arrival order, or histogram buckets. */
export interface RecorderState {
  n: number;
  sum: number;
  min: number;
  max: number;
  /** the exact samples in arrival order (a typed array: written compactly in a shard) */
  exact: Float64Array | null;
  /** (bucket, count) pairs, ascending; null while exact */
  buckets: number[] | null;
}

export class LatencyRecorder {
  readonly #exactLimit: number;
  readonly #budget: ExactBudget;
  /**
   * Exact samples: a plain array, not a Float64Array, because a typed array costs ~200 bytes of
   * object and buffer before its first sample, and a million functions each have a recorder or two.
   */
  #exact: number[];
  #n = 0;
  #sum = 0;
  #min = Infinity;
  #max = -Infinity;
  #hist: Histogram | null = null;

  /** `budget` is shared by a collector's recorders; without one, a recorder has its own. */
  constructor(exactLimit = 100_000, budget?: ExactBudget) {
    this.#exactLimit = exactLimit;
    this.#budget = budget ?? new ExactBudget(exactLimit);
    this.#exact = [];
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
      if (n < this.#exactLimit && this.#budget.remaining > 0) {
        this.#exact.push(ms);
        this.#budget.remaining--;
        return;
      }
      this.#toHistogram(n);
    }
    (this.#hist as Histogram).add(bucketOf(ms));
  }

  /** Moves the first `n` exact samples into a histogram and gives their room back to the budget. */
  #toHistogram(n: number): void {
    buildBucketTables();
    const hist = new Histogram();
    for (let i = 0; i < n; i++) hist.add(bucketOf(this.#exact[i] as number));
    this.#hist = hist;
    this.#budget.remaining += n;
    this.#exact = [];
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
      // numeric order as Float64Array's sort gives it (latencies are never NaN)
      const arr = this.#exact.slice(0, this.#n).sort((a, b) => a - b);
      return ps.map((p) => quantileSorted(arr, p));
    }
    const hist = this.#hist;
    return ps.map((p) => {
      if (p >= 1) return this.#max;
      if (p <= 0) return this.#min;
      // nearest rank: the smallest value with at least p·n samples at or below it
      const rank = Math.max(1, Math.ceil(p * this.#n));
      let seen = 0;
      let found = -1;
      hist.forEach((bucket, count) => {
        if (found >= 0) return;
        seen += count;
        if (seen >= rank) found = bucket;
      });
      return found < 0 ? this.#max : Math.min(this.#max, Math.max(this.#min, midpoint(found)));
    });
  }

  /**
   * Everything the recorder holds, to rebuild it elsewhere (a shard of a simulate, run/shard-state.ts):
   * exact samples in the order they came (a merge adds them in that order, so sums agree to the bit),
   * or the histogram's non-empty buckets as ascending (bucket, count) pairs.
   */
  exportState(): RecorderState {
    const base = { n: this.#n, sum: this.#sum, min: this.#min, max: this.#max };
    if (this.#hist === null) return { ...base, exact: Float64Array.from(this.#exact), buckets: null };
    const buckets: number[] = [];
    this.#hist.forEach((b, c) => buckets.push(b, c));
    return { ...base, exact: null, buckets };
  }

  /** A recorder holding what `exportState` gave (merged from only: it takes no more samples). */
  static fromState(s: RecorderState, exactLimit: number): LatencyRecorder {
    const r = new LatencyRecorder(exactLimit);
    r.#n = s.n;
    r.#sum = s.sum;
    r.#min = s.min;
    r.#max = s.max;
    if (s.exact !== null) r.#exact = Array.from(s.exact);
    else {
      buildBucketTables();
      const hist = new Histogram();
      const b = s.buckets ?? [];
      for (let i = 0; i + 1 < b.length; i += 2) hist.add(b[i] as number, b[i + 1] as number);
      r.#hist = hist;
    }
    return r;
  }

  /**
   * The recorder that `samples` added one by one would be (their sum, min and max as it added them),
   * whose exact samples were already taken from `budget` (LatencyLists keeps them until then).
   */
  static fromExact(
    samples: number[],
    sum: number,
    min: number,
    max: number,
    exactLimit: number,
    budget: ExactBudget,
  ): LatencyRecorder {
    const r = new LatencyRecorder(exactLimit, budget);
    r.#n = samples.length;
    r.#sum = sum;
    r.#min = min;
    r.#max = max;
    r.#exact = samples;
    return r;
  }

  /** Adds another recorder's samples (for totals over functions). */
  merge(other: LatencyRecorder): void {
    if (other.#hist === null) {
      for (let i = 0; i < other.#n; i++) this.add(other.#exact[i] as number);
      return;
    }
    if (this.#hist === null) this.#toHistogram(this.#n);
    const hist = this.#hist as Histogram;
    other.#hist.forEach((bucket, count) => hist.add(bucket, count));
    this.#n += other.#n;
    this.#sum += other.#sum;
    if (other.#min < this.#min) this.#min = other.#min;
    if (other.#max > this.#max) this.#max = other.#max;
  }
}

/**
 * The bucket of a sample, by definition 1 + ⌊ln(ms / MIN_MS) / ln γ⌋ (0 below MIN_MS, clamped to the
 * last bucket). This is the reference formula; `bucketOf` computes the same index without Math.log.
 */
export function bucketOfByLog(ms: number): number {
  if (ms < MIN_MS) return 0;
  const b = 1 + Math.floor(Math.log(ms / MIN_MS) / LOG_GAMMA);
  return b < BUCKETS ? b : BUCKETS - 1;
}

/*
 * Math.log per sample costs about a tenth of a whole simulation, so the histogram finds buckets from
 * the float's bits instead, and gets exactly the index the formula above gives (test/report checks it
 * on every bucket boundary):
 * - LOWER[b] is the smallest double whose formula bucket is ≥ b, found once by stepping ulp by ulp
 *   around MIN_MS·γ^(b−1) (the formula is non-decreasing in ms, so buckets are intervals);
 * - the exponent and top SUB_BITS mantissa bits of a sample cut each power of two into 2^SUB_BITS
 *   slices, each narrower (ratio ≤ 1 + 2^−6) than a bucket (ratio γ = 1.02), so a slice holds at most
 *   one bucket boundary: SLICE_FIRST[slice] is the bucket of the slice's first double, and one
 *   comparison with the next bucket's lower bound finishes the job.
 */
const SUB_BITS = 6;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // index of the high word
/** high word of a positive double, shifted so that exponent and SUB_BITS mantissa bits remain */
function sliceKey(x: number): number {
  f64[0] = x;
  return (u32[HI] as number) >>> (20 - SUB_BITS);
}
function nextUp(x: number): number {
  f64[0] = x;
  const lo = HI === 1 ? 0 : 1;
  if (u32[lo] === 0xffffffff) {
    u32[lo] = 0;
    u32[HI] = (u32[HI] as number) + 1;
  } else u32[lo] = (u32[lo] as number) + 1;
  return f64[0] as number;
}
function nextDown(x: number): number {
  f64[0] = x;
  const lo = HI === 1 ? 0 : 1;
  if (u32[lo] === 0) {
    u32[lo] = 0xffffffff;
    u32[HI] = (u32[HI] as number) - 1;
  } else u32[lo] = (u32[lo] as number) - 1;
  return f64[0] as number;
}
// Built on first use (a few ms), when the first recorder outgrows its exact samples.
let LOWER = new Float64Array(0);
/** first double of the last bucket: at or above it (and for NaN) the index is BUCKETS − 1 */
let LAST_LOWER = -Infinity;
let KEY_BASE = 0;
let SLICE_FIRST = new Int16Array(0);

function buildBucketTables(): void {
  if (LOWER.length > 0) return;
  const lower = new Float64Array(BUCKETS + 1);
  lower[0] = -Infinity;
  lower[1] = MIN_MS;
  for (let b = 2; b < BUCKETS; b++) {
    let x = Math.max(MIN_MS * GAMMA ** (b - 1), lower[b - 1] as number);
    if (bucketOfByLog(x) >= b) {
      while (bucketOfByLog(nextDown(x)) >= b) x = nextDown(x);
    } else {
      do x = nextUp(x);
      while (bucketOfByLog(x) < b);
    }
    lower[b] = x;
  }
  lower[BUCKETS] = Infinity;
  LAST_LOWER = lower[BUCKETS - 1] as number;
  KEY_BASE = sliceKey(MIN_MS);
  SLICE_FIRST = new Int16Array(sliceKey(LAST_LOWER) - KEY_BASE + 1);
  for (let k = 0; k < SLICE_FIRST.length; k++) {
    f64[0] = 0;
    u32[HI] = (KEY_BASE + k) << (20 - SUB_BITS);
    SLICE_FIRST[k] = bucketOfByLog(Math.max(f64[0] as number, MIN_MS));
  }
  LOWER = lower;
}

/** Same result as bucketOfByLog(ms), from a table lookup and one comparison (tables built). */
function bucketOf(ms: number): number {
  if (ms < MIN_MS) return 0;
  if (!(ms < LAST_LOWER)) return BUCKETS - 1;
  f64[0] = ms;
  const b = SLICE_FIRST[((u32[HI] as number) >>> (20 - SUB_BITS)) - KEY_BASE] as number;
  return ms >= (LOWER[b + 1] as number) ? b + 1 : b;
}

/** The histogram bucket of a sample (for tests; the recorder uses the same lookup). */
export function bucketIndex(ms: number): number {
  buildBucketTables();
  return bucketOf(ms);
}

/** The lower bound of a bucket (the smallest sample it takes), for tests. */
export function bucketLowerBound(b: number): number {
  buildBucketTables();
  return LOWER[b] as number;
}

export const BUCKET_COUNT = BUCKETS;

function midpoint(bucket: number): number {
  if (bucket === 0) return 0;
  const lo = MIN_MS * GAMMA ** (bucket - 1);
  return (lo * (1 + GAMMA)) / 2;
}
