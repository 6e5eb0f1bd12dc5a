/**
 * A run over time, for the HTML report's charts: per time bucket, the requests that arrived, the
 * requests served cold, the sync requests throttled, and the peak of requests in flight and of
 * instances alive. An observer like the metrics, told every event during the run.
 *
 * Memory does not grow with the trace: buckets start one minute wide, and when the window would need
 * more than `maxBuckets` of them, adjacent pairs are merged (counts added, peaks maxed) and the width
 * doubles. A two-hour trace keeps 120 one-minute buckets; a 30-day one 675 buckets of 64 minutes; the
 * page holds at most `maxBuckets` points per series whatever the trace's length.
 */
import { INV, NullObserver } from '../model/observer.js';

export interface Timeline {
  /** width of one bucket in ms (one minute, doubled as often as the cap needed) */
  bucketMs: number;
  /** epoch ms where bucket 0 starts, or null for a trace whose times are not on the clock */
  startEpochMs: number | null;
  /** user requests arriving in each bucket (served, throttled or dropped; pings left out) */
  requests: number[];
  /** user requests served cold (INIT of their own or one they waited for) */
  coldStarts: number[];
  /** sync requests rejected (429) */
  throttles: number[];
  /** most requests in flight at once (pings included, as the report's concurrency peak) */
  peakConcurrency: number[];
  /** most instances alive at once */
  peakInstances: number[];
}

const DEFAULT_MAX_BUCKETS = 720;
const MINUTE_MS = 60_000;

export class TimelineObserver extends NullObserver {
  readonly #max: number;
  #bucketMs = MINUTE_MS;
  #startMs = 0;
  #endMs = Infinity;
  #requests: number[] = [];
  #cold: number[] = [];
  #throttles: number[] = [];
  #peakConc: number[] = [];
  #peakInst: number[] = [];
  #inFlight = 0;
  #alive = 0;
  /** the window has opened: provisioned instances are created just before it, with no bucket yet */
  #open = false;

  constructor(maxBuckets = DEFAULT_MAX_BUCKETS) {
    super();
    if (!(maxBuckets >= 2)) throw new Error('a timeline needs at least two buckets');
    this.#max = maxBuckets;
  }

  /** The bucket of `timeMs` (clamped to the window), merging buckets until it fits under the cap. */
  #idx(timeMs: number): number {
    const t = Math.min(Math.max(timeMs, this.#startMs), this.#endMs);
    let i = Math.floor((t - this.#startMs) / this.#bucketMs);
    while (i >= this.#max) {
      this.#merge();
      i = Math.floor((t - this.#startMs) / this.#bucketMs);
    }
    while (this.#requests.length <= i) {
      this.#requests.push(0);
      this.#cold.push(0);
      this.#throttles.push(0);
      // a new bucket starts at the levels held when it opens
      this.#peakConc.push(this.#inFlight);
      this.#peakInst.push(this.#alive);
    }
    return i;
  }

  #merge(): void {
    const add = (a: number[]): number[] =>
      a.reduce<number[]>((out, v, i) => ((out[i >> 1] = (out[i >> 1] ?? 0) + v), out), []);
    const max = (a: number[]): number[] =>
      a.reduce<number[]>((out, v, i) => ((out[i >> 1] = Math.max(out[i >> 1] ?? 0, v)), out), []);
    this.#requests = add(this.#requests);
    this.#cold = add(this.#cold);
    this.#throttles = add(this.#throttles);
    this.#peakConc = max(this.#peakConc);
    this.#peakInst = max(this.#peakInst);
    this.#bucketMs *= 2;
  }

  /** Levels change at `timeMs`: buckets since the last change held the old levels throughout. */
  #level(timeMs: number, dConc: number, dInst: number): void {
    // open the buckets up to this one first: they held the old levels
    const i = this.#open ? this.#idx(timeMs) : -1;
    this.#inFlight += dConc;
    this.#alive += dInst;
    if (i < 0) return;
    // buckets opened by #idx already carry the old levels; bucket i also sees the new ones
    if (this.#inFlight > (this.#peakConc[i] as number)) this.#peakConc[i] = this.#inFlight;
    if (this.#alive > (this.#peakInst[i] as number)) this.#peakInst[i] = this.#alive;
  }

  override onWindowStart(timeMs: number): void {
    this.#startMs = timeMs;
    this.#open = true;
    this.#idx(timeMs);
  }

  override onWindowEnd(timeMs: number): void {
    this.#idx(timeMs);
    this.#endMs = timeMs;
  }

  override onInvocation(_fn: number, flags: number, arrivalMs: number, startMs: number): void {
    this.#level(startMs, 1, 0);
    if (flags & INV.ping) return;
    const i = this.#idx(arrivalMs);
    this.#requests[i] = (this.#requests[i] as number) + 1;
    if (flags & (INV.cold | INV.initWait)) this.#cold[i] = (this.#cold[i] as number) + 1;
  }

  override onInvocationEnd(_fn: number, _flags: number, timeMs: number): void {
    this.#level(timeMs, -1, 0);
  }

  override onThrottle(_fn: number, flags: number, timeMs: number, _reason: number, willRetry: boolean): void {
    if (flags & INV.ping || willRetry || flags & INV.async) return;
    const i = this.#idx(timeMs);
    this.#requests[i] = (this.#requests[i] as number) + 1;
    this.#throttles[i] = (this.#throttles[i] as number) + 1;
  }

  override onAsyncDropped(_fn: number, timeMs: number, ageMs: number): void {
    const i = this.#idx(timeMs - ageMs);
    this.#requests[i] = (this.#requests[i] as number) + 1;
  }

  override onInstanceStart(_fn: number, _instance: number, timeMs: number): void {
    this.#level(timeMs, 0, 1);
  }

  override onInstanceStop(_fn: number, _instance: number, timeMs: number): void {
    this.#level(timeMs, 0, -1);
  }

  /** `windowStartIso`: the result's trace.firstIso, where the window opens on the clock (null: not on it). */
  timeline(windowStartIso: string | null): Timeline {
    const start = windowStartIso === null ? NaN : Date.parse(windowStartIso);
    return {
      bucketMs: this.#bucketMs,
      startEpochMs: Number.isFinite(start) ? start : null,
      requests: [...this.#requests],
      coldStarts: [...this.#cold],
      throttles: [...this.#throttles],
      peakConcurrency: [...this.#peakConc],
      peakInstances: [...this.#peakInst],
    };
  }
}
