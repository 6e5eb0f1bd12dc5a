/**
 * One streaming pass over a trace's chunks for `faasim inspect`. Counts, sums, peaks and the hourly
 * series are exact; percentiles come from LatencyRecorder (src/metrics/latency.ts): exact (linear
 * interpolation between order statistics) while a figure has at most EXACT_LIMIT values, beyond that
 * from a log histogram with 2% buckets, within 1% of the exact nearest-rank value. Memory grows with
 * the number of functions and hours, never with the number of rows.
 */
import { ExactBudget, HISTOGRAM_RELATIVE_ERROR, LatencyRecorder } from '../metrics/latency.js';
import type { TraceChunk, TraceInfo } from '../traces/trace.js';

/** values a single percentile figure keeps exactly before it moves to the histogram */
export const EXACT_LIMIT = 100_000;
/** exact values all per-function recorders of one kind keep together */
const SHARED_EXACT = 1_000_000;
export const PERCENTILE_RELATIVE_ERROR = HISTOGRAM_RELATIVE_ERROR;

const SECOND_MS = 1000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** minutes of per-minute counts kept (a day), for the chart of short traces */
const MINUTES_KEPT = 1440;

export interface FunctionStats {
  requests: number;
  cold: number;
  duration: LatencyRecorder | null;
  memory: LatencyRecorder | null;
  init: LatencyRecorder | null;
}

export class TraceStats {
  rows = 0;
  asyncRows = 0;
  cold = 0;
  readonly gaps = new LatencyRecorder(EXACT_LIMIT);
  readonly init = new LatencyRecorder(EXACT_LIMIT);
  readonly fns: FunctionStats[] = [];
  /** requests per clock hour, from the hour of the first request */
  readonly hourly: number[] = [];
  firstHour = NaN;
  /** requests per clock minute for the first day (null once the trace runs past it) */
  minutely: number[] | null = [];
  firstMinute = NaN;
  peakPerSecond = 0;
  peakSecond = NaN;
  peakPerMinute = 0;
  peakMinute = NaN;
  /** sum and sum of squares of gaps about a running mean (Welford), for the coefficient of variation */
  #gapMean = 0;
  #gapM2 = 0;
  #prevMs = NaN;
  #second = NaN;
  #inSecond = 0;
  #minute = NaN;
  #inMinute = 0;
  /** bucket clock: epoch ms when the trace has epoch times (buckets on UTC seconds, minutes, hours), else the trace's own time */
  #base = NaN;
  readonly #durBudget = new ExactBudget(SHARED_EXACT);
  readonly #memBudget = new ExactBudget(SHARED_EXACT);
  readonly #initBudget = new ExactBudget(SHARED_EXACT);

  get gapCount(): number {
    return this.gaps.count;
  }

  /** Coefficient of variation of the gaps: population standard deviation over the mean. */
  get gapCv(): number {
    const n = this.gaps.count;
    return n === 0 || this.#gapMean === 0 ? NaN : Math.sqrt(this.#gapM2 / n) / this.#gapMean;
  }

  get gapMeanMs(): number {
    return this.gaps.count === 0 ? NaN : this.#gapMean;
  }

  add(c: TraceChunk, info: TraceInfo): void {
    if (Number.isNaN(this.#base)) this.#base = Number.isFinite(info.originEpochMs) ? info.originEpochMs : 0;
    const base = this.#base;
    while (this.fns.length < info.functionNames.length)
      this.fns.push({ requests: 0, cold: 0, duration: null, memory: null, init: null });
    for (let i = 0; i < c.count; i++) {
      const t = c.timeMs[i] as number;
      const abs = base + t;
      if (!Number.isNaN(this.#prevMs)) {
        const gap = t - this.#prevMs;
        this.gaps.add(gap);
        const d = gap - this.#gapMean;
        this.#gapMean += d / this.gaps.count;
        this.#gapM2 += d * (gap - this.#gapMean);
      }
      this.#prevMs = t;
      const s = Math.floor(abs / SECOND_MS);
      if (s !== this.#second) {
        this.#second = s;
        this.#inSecond = 0;
      }
      if (++this.#inSecond > this.peakPerSecond) {
        this.peakPerSecond = this.#inSecond;
        this.peakSecond = s;
      }
      const m = Math.floor(abs / MINUTE_MS);
      if (m !== this.#minute) {
        this.#minute = m;
        this.#inMinute = 0;
      }
      if (++this.#inMinute > this.peakPerMinute) {
        this.peakPerMinute = this.#inMinute;
        this.peakMinute = m;
      }
      if (this.minutely !== null) {
        if (Number.isNaN(this.firstMinute)) this.firstMinute = m;
        const mi = m - this.firstMinute;
        if (mi >= MINUTES_KEPT) this.minutely = null;
        else {
          while (this.minutely.length <= mi) this.minutely.push(0);
          this.minutely[mi] = (this.minutely[mi] as number) + 1;
        }
      }
      const h = Math.floor(abs / HOUR_MS);
      if (Number.isNaN(this.firstHour)) this.firstHour = h;
      const hi = h - this.firstHour;
      while (this.hourly.length <= hi) this.hourly.push(0);
      this.hourly[hi] = (this.hourly[hi] as number) + 1;

      const f = this.fns[c.fn[i] as number] as FunctionStats;
      f.requests++;
      const dur = c.durationMs[i] as number;
      if (!Number.isNaN(dur)) (f.duration ??= new LatencyRecorder(EXACT_LIMIT, this.#durBudget)).add(dur);
      const mem = c.memoryUsedMb[i] as number;
      if (!Number.isNaN(mem)) (f.memory ??= new LatencyRecorder(EXACT_LIMIT, this.#memBudget)).add(mem);
      const init = c.initMs[i] as number;
      if (!Number.isNaN(init)) {
        f.cold++;
        this.cold++;
        this.init.add(init);
        (f.init ??= new LatencyRecorder(EXACT_LIMIT, this.#initBudget)).add(init);
      }
      this.asyncRows += c.isAsync[i] as number;
    }
    this.rows += c.count;
  }

  /** Whether every percentile figure is exact (no recorder moved to its histogram). */
  get exact(): boolean {
    if (!this.gaps.exact || !this.init.exact) return false;
    return this.fns.every(
      (f) => (f.duration?.exact ?? true) && (f.memory?.exact ?? true) && (f.init?.exact ?? true),
    );
  }
}
