/**
 * Maximum-likelihood fit of the keep-alive to idle gaps that ended warm or cold (gaps.ts).
 *
 * Each gap g is a Bernoulli trial: the instance was gone (cold) with probability F(g), F the
 * keep-alive's distribution function. Two models, as the simulator has them (model/keep-alive.ts):
 *   fixed K:      F(g) = 1 if g > K, else 0
 *   range a..b:   F(g) = 0 below a, (g − a)/(b − a) between, 1 above b (the window uniform in [a, b])
 * A log also has cold starts no keep-alive explains (deploys, instances recycled after hours, a
 * request routed to a new instance) and warm requests after long gaps (another instance). So each
 * label is taken as wrong with a small probability ε (NOISE): P(cold | g) = ε + (1 − 2ε) F(g). Without
 * it, one such gap would make every K impossible. The model is chosen by AIC (2k − 2 ln L; ε is fixed,
 * not fitted, so it is not counted). Intervals are 95 % profile-likelihood intervals: the values
 * whose deviance 2 (ln L̂ − ln L) is at most 3.84 (χ² with 1 degree of freedom).
 */
import type { KeepAliveSpec } from '../model/keep-alive.js';
import { formatDurationMs } from '../util/units.js';
import { CHI2_1_95 } from './stats.js';

/** The probability that a gap's label is wrong whatever the keep-alive (see the module comment). */
export const NOISE = 0.01;
/**
 * A chosen fit whose 95 % interval spans more than this factor (high / low) is not reported as the
 * keep-alive: the gaps bracket it but do not place it (too few gaps near the window).
 */
const MAX_INTERVAL_RATIO = 2;
/** The range fit rounds gap lengths to (mixing zone) / RANGE_GRID. */
const RANGE_GRID = 4000;

export interface Interval {
  lowMs: number;
  /** Infinity: no gap above the estimate bounds it */
  highMs: number;
}

export interface FixedFit {
  kMs: number;
  interval: Interval;
  /** gaps the fitted K labels wrongly */
  inconsistent: number;
  logLik: number;
  aic: number;
}

export interface RangeFit {
  minMs: number;
  maxMs: number;
  minInterval: Interval;
  maxInterval: Interval;
  logLik: number;
  aic: number;
}

export interface GapBin {
  fromMs: number;
  /** Infinity for the last, open bin */
  toMs: number;
  gaps: number;
  cold: number;
  /** mean fitted P(cold) over the bin's gaps (without the noise term); at the bin's middle when it has none; NaN without a fit */
  fitted: number;
}

export interface KeepAliveFit {
  gaps: number;
  warm: number;
  cold: number;
  noise: number;
  /** null when the gaps cannot bound a keep-alive (no warm or no cold gap): see `problem` */
  fixed: FixedFit | null;
  range: RangeFit | null;
  chosen: 'fixed' | 'range' | null;
  spec: KeepAliveSpec | null;
  /** why there is no fit */
  problem: string | null;
  bins: GapBin[];
}

const LN_OK = Math.log(1 - NOISE);
const LN_NOISE = Math.log(NOISE);

/**
 * Distinct gap lengths in order, with how many gaps of each length ended cold and warm, and running
 * totals. `resolutionMs` > 0 first rounds lengths to that grid, so a long log's range fit visits a
 * bounded number of points (see fitRange); 0 keeps them exact.
 */
class SortedGaps {
  readonly v: Float64Array;
  readonly cold: Float64Array;
  readonly warm: Float64Array;
  readonly coldBefore: Float64Array;
  readonly warmBefore: Float64Array;
  /** distinct lengths */
  readonly u: number;
  constructor(gapMs: Float64Array, cold: Uint8Array, resolutionMs = 0) {
    const m = gapMs.length;
    const key =
      resolutionMs > 0 ? Float64Array.from(gapMs, (g) => Math.round(g / resolutionMs) * resolutionMs) : gapMs;
    const idx = Array.from({ length: m }, (_, i) => i).sort(
      (x, y) => (key[x] as number) - (key[y] as number),
    );
    const v: number[] = [],
      c: number[] = [],
      w: number[] = [];
    for (const i of idx) {
      const g = key[i] as number;
      if (v.length === 0 || v[v.length - 1] !== g) {
        v.push(g);
        c.push(0);
        w.push(0);
      }
      const last = v.length - 1;
      if (cold[i] === 1) c[last] = (c[last] as number) + 1;
      else w[last] = (w[last] as number) + 1;
    }
    this.u = v.length;
    this.v = Float64Array.from(v);
    this.cold = Float64Array.from(c);
    this.warm = Float64Array.from(w);
    this.coldBefore = new Float64Array(this.u + 1);
    this.warmBefore = new Float64Array(this.u + 1);
    for (let i = 0; i < this.u; i++) {
      this.coldBefore[i + 1] = (this.coldBefore[i] as number) + (this.cold[i] as number);
      this.warmBefore[i + 1] = (this.warmBefore[i] as number) + (this.warm[i] as number);
    }
  }
  /** distinct lengths ≤ x */
  countAtMost(x: number): number {
    let lo = 0,
      hi = this.u;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.v[mid] as number) <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /** distinct lengths < x */
  countBelow(x: number): number {
    let lo = 0,
      hi = this.u;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.v[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** ln L of the range model a..b (a = b: fixed K = a). */
function logLik(s: SortedGaps, a: number, b: number): number {
  const u = s.u;
  const ia = s.countAtMost(a);
  const ib = b > a ? Math.max(ia, s.countBelow(b)) : ia;
  const coldBelow = s.coldBefore[ia] as number;
  const warmBelow = s.warmBefore[ia] as number;
  const coldAbove = (s.coldBefore[u] as number) - (s.coldBefore[ib] as number);
  const warmAbove = (s.warmBefore[u] as number) - (s.warmBefore[ib] as number);
  let ll = coldBelow * LN_NOISE + warmBelow * LN_OK + coldAbove * LN_OK + warmAbove * LN_NOISE;
  const width = b - a;
  for (let i = ia; i < ib; i++) {
    const p = NOISE + (1 - 2 * NOISE) * (((s.v[i] as number) - a) / width);
    const c = s.cold[i] as number;
    const w = s.warm[i] as number;
    if (c > 0) ll += c * Math.log(p);
    if (w > 0) ll += w * Math.log(1 - p);
  }
  return ll;
}

/** ln L of the range model a..b (a = b: fixed K) over the given gaps; for tests and reports. */
export function rangeLogLik(gapMs: Float64Array, cold: Uint8Array, aMs: number, bMs: number): number {
  return logLik(new SortedGaps(gapMs, cold), aMs, bMs);
}

/** P(cold | g) of a keep-alive spec, without the noise term. */
function coldProbability(spec: KeepAliveSpec, gMs: number): number {
  switch (spec.kind) {
    case 'fixed':
      return gMs > spec.ms ? 1 : 0;
    case 'uniform':
      return gMs <= spec.minMs ? 0 : gMs >= spec.maxMs ? 1 : (gMs - spec.minMs) / (spec.maxMs - spec.minMs);
    case 'forever':
      return 0;
  }
}

/** The fixed-K fit: exact, since ln L only changes where K passes a gap. */
function fitFixed(s: SortedGaps): FixedFit {
  const u = s.u;
  const totalWarm = s.warmBefore[u] as number;
  const n = totalWarm + (s.coldBefore[u] as number);
  // K in [v[j-1], v[j]): the gaps of the first j lengths are called warm, the rest cold
  let best = Infinity;
  const misfits: number[] = [];
  for (let j = 0; j <= u; j++) {
    const bad = (s.coldBefore[j] as number) + (totalWarm - (s.warmBefore[j] as number));
    misfits.push(bad);
    if (bad < best) best = bad;
  }
  const perMisfit = 2 * (LN_OK - LN_NOISE);
  const inside = (j: number): boolean => perMisfit * ((misfits[j] as number) - best) <= CHI2_1_95;
  let jLo = -1,
    jHi = -1,
    jBestLo = -1,
    jBestHi = -1;
  for (let j = 0; j <= u; j++) {
    if (inside(j)) {
      if (jLo < 0) jLo = j;
      jHi = j;
    }
    if (misfits[j] === best) {
      if (jBestLo < 0) jBestLo = j;
      jBestHi = j;
    }
  }
  const lowOf = (j: number): number => (j === 0 ? 0 : (s.v[j - 1] as number));
  const highOf = (j: number): number => (j === u ? Infinity : (s.v[j] as number));
  const bestLow = lowOf(jBestLo);
  const bestHigh = highOf(jBestHi);
  // the likelihood is flat between the gaps that bracket K: the middle of that stretch
  const kMs = bestHigh === Infinity ? bestLow : (bestLow + bestHigh) / 2;
  const ll = best * LN_NOISE + (n - best) * LN_OK;
  return {
    kMs,
    interval: { lowMs: lowOf(jLo), highMs: highOf(jHi) },
    inconsistent: best,
    logLik: ll,
    aic: 2 * 1 - 2 * ll,
  };
}

/** Where warm and cold gaps mix: from the shortest cold gap to the longest warm one (or between them when they do not overlap). */
function mixingZone(s: SortedGaps): [number, number] {
  let lo = Infinity,
    hi = -Infinity;
  for (let i = 0; i < s.u; i++) {
    const g = s.v[i] as number;
    if ((s.cold[i] as number) > 0) lo = Math.min(lo, g);
    if ((s.warm[i] as number) > 0) hi = Math.max(hi, g);
  }
  return lo > hi ? [hi, lo] : [lo, hi];
}

/** Candidate values for a and b: across the mixing zone, evenly and at the distinct gap lengths' quantiles. */
function candidates(s: SortedGaps): number[] {
  const [lo, hi] = mixingZone(s);
  const out = new Set<number>([lo, hi]);
  const steps = 80;
  for (let i = 1; i < steps; i++) out.add(lo + ((hi - lo) * i) / steps);
  const from = s.countBelow(lo);
  const inZone = s.countAtMost(hi) - from;
  const k = Math.min(steps, inZone);
  for (let i = 0; i < k; i++) out.add(s.v[from + Math.floor((i * inZone) / k)] as number);
  return [...out].sort((x, y) => x - y);
}

/** Local search from (a, b), `hold` fixed: steps halve until below 1 ms. */
function refine(
  s: SortedGaps,
  a0: number,
  b0: number,
  step0: number,
  hold: 'none' | 'a' | 'b',
): { a: number; b: number; ll: number } {
  let a = a0,
    b = b0,
    ll = logLik(s, a, b),
    step = step0;
  while (step >= 1) {
    let moved = false;
    const moves: [number, number][] =
      hold === 'a'
        ? [
            [0, step],
            [0, -step],
          ]
        : hold === 'b'
          ? [
              [step, 0],
              [-step, 0],
            ]
          : [
              [step, 0],
              [-step, 0],
              [0, step],
              [0, -step],
              [step, step],
              [-step, -step],
            ];
    for (const [da, db] of moves) {
      const na = a + da,
        nb = b + db;
      if (na < 0 || nb < na) continue;
      const l = logLik(s, na, nb);
      if (l > ll + 1e-12) {
        a = na;
        b = nb;
        ll = l;
        moved = true;
      }
    }
    if (!moved) step /= 2;
  }
  return { a, b, ll };
}

function fitRange(s: SortedGaps): RangeFit {
  const cand = candidates(s);
  let best = { a: cand[0] as number, b: cand[0] as number, ll: -Infinity };
  for (let i = 0; i < cand.length; i++) {
    for (let j = i; j < cand.length; j++) {
      const ll = logLik(s, cand[i] as number, cand[j] as number);
      if (ll > best.ll) best = { a: cand[i] as number, b: cand[j] as number, ll };
    }
  }
  const spacing = Math.max(1, ((cand[cand.length - 1] as number) - (cand[0] as number)) / cand.length);
  best = refine(s, best.a, best.b, spacing, 'none');
  const { a, b, ll } = best;
  /** max over b ≥ x of ln L with a = x: the best candidate, then refined */
  const profileA = (x: number): number => {
    let top = { b: Math.max(x, b), ll: logLik(s, x, Math.max(x, b)) };
    for (const c of cand) {
      if (c < x) continue;
      const l = logLik(s, x, c);
      if (l > top.ll) top = { b: c, ll: l };
    }
    return refine(s, x, top.b, spacing, 'a').ll;
  };
  /** max over a ≤ x of ln L with b = x */
  const profileB = (x: number): number => {
    let top = { a: Math.min(x, a), ll: logLik(s, Math.min(x, a), x) };
    for (const c of cand) {
      if (c > x) continue;
      const l = logLik(s, c, x);
      if (l > top.ll) top = { a: c, ll: l };
    }
    return refine(s, top.a, x, spacing, 'b').ll;
  };
  const lo = cand[0] as number,
    hi = cand[cand.length - 1] as number;
  return {
    minMs: a,
    maxMs: b,
    minInterval: profileInterval(a, ll, profileA, lo, hi, spacing),
    maxInterval: profileInterval(b, ll, profileB, lo, hi, spacing),
    logLik: ll,
    aic: 2 * 2 - 2 * ll,
  };
}

/**
 * The 95 % profile interval around `x`: steps out (doubling) until the deviance passes 3.84, then
 * bisects to 1 ms. Downwards the search ends at 0 (no lower bound: 0); upwards at the candidates' top
 * plus the zone's width, beyond which the bound is reported as Infinity (not bounded by the gaps).
 */
function profileInterval(
  x: number,
  llMax: number,
  profile: (v: number) => number,
  lo: number,
  hi: number,
  spacing: number,
): Interval {
  const outside = (v: number): boolean => 2 * (llMax - profile(v)) > CHI2_1_95;
  const top = hi + Math.max(hi - lo, spacing);
  const bound = (dir: 1 | -1): number => {
    let inner = x;
    let step = spacing;
    let outer = NaN;
    while (Number.isNaN(outer)) {
      const v = dir > 0 ? Math.min(top, x + step) : Math.max(0, x - step);
      if (outside(v)) outer = v;
      else if (v === top) return Infinity;
      else if (v === 0) return 0;
      else inner = v;
      step *= 2;
    }
    for (let i = 0; i < 40 && Math.abs(outer - inner) > 1; i++) {
      const mid = (inner + outer) / 2;
      if (outside(mid)) outer = mid;
      else inner = mid;
    }
    return inner;
  };
  return { lowMs: bound(-1), highMs: bound(1) };
}

/** Bin width: a round duration giving about `bins` bins up to `upperMs`. */
function niceWidth(upperMs: number, bins: number): number {
  const steps = [
    1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
    3_600_000, 7_200_000, 10_800_000, 14_400_000, 21_600_000, 43_200_000, 86_400_000,
  ];
  const want = upperMs / bins;
  return steps.find((s) => s >= want) ?? (steps[steps.length - 1] as number);
}

/** Observed share of cold gaps per bin of gap length, next to the fitted curve's. */
export function gapBins(
  gapMs: Float64Array,
  cold: Uint8Array,
  spec: KeepAliveSpec | null,
  binCount = 12,
): GapBin[] {
  if (gapMs.length === 0) return [];
  let maxGap = 0;
  for (const g of gapMs) maxGap = Math.max(maxGap, g);
  const scale =
    spec === null || spec.kind === 'forever' ? maxGap : 2 * (spec.kind === 'fixed' ? spec.ms : spec.maxMs);
  const width = niceWidth(Math.max(1000, Math.min(maxGap, scale)), binCount);
  const bins: GapBin[] = Array.from({ length: binCount + 1 }, (_, i) => ({
    fromMs: i * width,
    toMs: i === binCount ? Infinity : (i + 1) * width,
    gaps: 0,
    cold: 0,
    fitted: 0,
  }));
  for (let i = 0; i < gapMs.length; i++) {
    const g = gapMs[i] as number;
    const bin = bins[Math.min(binCount, Math.floor(g / width))] as GapBin;
    bin.gaps++;
    bin.cold += cold[i] as number;
    if (spec) bin.fitted += coldProbability(spec, g);
  }
  for (const b of bins) {
    if (!spec) b.fitted = NaN;
    else
      b.fitted =
        b.gaps > 0
          ? b.fitted / b.gaps
          : coldProbability(spec, b.toMs === Infinity ? b.fromMs : (b.fromMs + b.toMs) / 2);
  }
  return bins;
}

export function fitKeepAlive(gapMs: Float64Array, cold: Uint8Array): KeepAliveFit {
  const m = gapMs.length;
  let coldCount = 0;
  for (const c of cold) coldCount += c;
  const warm = m - coldCount;
  const base = { gaps: m, warm, cold: coldCount, noise: NOISE };
  if (warm === 0 || coldCount === 0) {
    let maxGap = 0,
      minGap = Infinity;
    for (const g of gapMs) {
      maxGap = Math.max(maxGap, g);
      minGap = Math.min(minGap, g);
    }
    const problem =
      m === 0
        ? 'not enough gaps: no request came after an earlier one of its function had ended'
        : warm === 0
          ? `not enough gaps: all ${m} usable gaps ended cold, so the keep-alive is only known to be shorter than the shortest, ${formatDurationMs(Math.round(minGap))}`
          : `not enough gaps: all ${m} usable gaps ended warm, so the keep-alive is only known to be longer than the longest, ${formatDurationMs(Math.round(maxGap))}`;
    return {
      ...base,
      fixed: null,
      range: null,
      chosen: null,
      spec: null,
      problem,
      bins: gapBins(gapMs, cold, null),
    };
  }
  const exact = new SortedGaps(gapMs, cold);
  const fixed = fitFixed(exact);
  const [lo, hi] = mixingZone(exact);
  // lengths rounded to 1/4000 of the zone (at least 1 ms): the range fit's cost no longer grows with
  // the log, and its estimates move by less than that
  const range = fitRange(new SortedGaps(gapMs, cold, Math.max(1, (hi - lo) / RANGE_GRID)));
  const chosen = range.aic < fixed.aic && range.maxMs > range.minMs ? 'range' : 'fixed';
  const spec: KeepAliveSpec =
    chosen === 'range'
      ? { kind: 'uniform', minMs: range.minMs, maxMs: range.maxMs }
      : { kind: 'fixed', ms: fixed.kMs };
  const widest =
    chosen === 'range'
      ? { lowMs: range.minInterval.lowMs, highMs: range.maxInterval.highMs }
      : fixed.interval;
  if (!(widest.highMs <= MAX_INTERVAL_RATIO * widest.lowMs)) {
    const problem = `not enough gaps near the keep-alive: it lies between ${formatDurationMs(Math.round(widest.lowMs))} and ${widest.highMs === Infinity ? 'beyond the longest gap' : formatDurationMs(Math.round(widest.highMs))} (95 %), a range wider than ${MAX_INTERVAL_RATIO}×; a longer log, with idle gaps spread across that range, would place it`;
    return { ...base, fixed, range, chosen, spec: null, problem, bins: gapBins(gapMs, cold, null) };
  }
  return { ...base, fixed, range, chosen, spec, problem: null, bins: gapBins(gapMs, cold, spec) };
}
