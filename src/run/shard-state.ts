/**
 * What a shard of a simulate records beyond the metrics and the meter, so that a merge gives the very
 * report one run does (run/simulate-shard.ts):
 * - `AccountSteps`: the account-wide counts whose peak is a maximum over time of a sum over
 *   functions (requests in flight, instances alive), as one net change per instant. A merge adds the
 *   shards' changes instant by instant. That is exact when, at every instant of the whole run, every
 *   decrease comes before every increase (then the peak within an instant is its start or its end):
 *   decreases come from completions and keep-alive expiries (lanes 0 and 1, model/lanes.ts), increases
 *   from provisioned allocations, pings, retries and arrivals (lanes 2 to 5); the exceptions are a
 *   provisioned level going down (lane 2: refused for shards, run/shard.ts) and a decrease an event
 *   of the same instant causes (a run of 0 ms), which starts with an increase in the same function
 *   and so in the same shard: a shard that sees a decrease after an increase at one instant says so,
 *   and the merge refuses.
 * - `LimitWatch`: the peak of what counts toward the account concurrency limit, and how often the
 *   limit blocked an instance, for the merge's check that it never bound.
 * - `TraceHash`: a SHA-256 of every row read (all functions') and of what the reader found.
 */
import { createHash, type Hash } from 'node:crypto';
import { NullObserver, THROTTLE } from '../model/observer.js';
import type { TraceChunk, TraceInfo } from '../traces/trace.js';
import { toExactJson } from '../util/exact-json.js';

/** Net change of one count per instant, in time order. */
export interface Steps {
  timesMs: Float64Array;
  deltas: Int32Array;
}

class StepLog {
  #times = new Float64Array(1024);
  #deltas = new Int32Array(1024);
  #n = 0;

  change(t: number, d: number): void {
    const n = this.#n;
    if (n > 0 && this.#times[n - 1] === t) {
      this.#deltas[n - 1] = (this.#deltas[n - 1] as number) + d;
      return;
    }
    if (n === this.#times.length) {
      const times = new Float64Array(2 * n);
      times.set(this.#times);
      this.#times = times;
      const deltas = new Int32Array(2 * n);
      deltas.set(this.#deltas);
      this.#deltas = deltas;
    }
    this.#times[n] = t;
    this.#deltas[n] = d;
    this.#n = n + 1;
  }

  steps(): Steps {
    return { timesMs: this.#times.slice(0, this.#n), deltas: this.#deltas.slice(0, this.#n) };
  }
}

export class AccountSteps extends NullObserver {
  readonly #clock: () => number;
  readonly #inFlight = new StepLog();
  readonly #alive = new StepLog();
  #instant = NaN;
  #rose = false;
  /** the first instant at which a count fell after one rose (NaN: none) */
  mixedAtMs = NaN;

  /** `clock`: the simulation's time now (events carry times of their own, e.g. an INIT's start) */
  constructor(clock: () => number) {
    super();
    this.#clock = clock;
  }

  #change(log: StepLog, d: number): void {
    const t = this.#clock();
    if (t !== this.#instant) {
      this.#instant = t;
      this.#rose = false;
    }
    if (d > 0) this.#rose = true;
    else if (this.#rose && Number.isNaN(this.mixedAtMs)) this.mixedAtMs = t;
    log.change(t, d);
  }

  override onInvocation(): void {
    this.#change(this.#inFlight, 1);
  }

  override onInvocationEnd(): void {
    this.#change(this.#inFlight, -1);
  }

  override onInstanceStart(): void {
    this.#change(this.#alive, 1);
  }

  override onInstanceStop(): void {
    this.#change(this.#alive, -1);
  }

  export(): { inFlight: Steps; alive: Steps; mixedAtMs: number } {
    return { inFlight: this.#inFlight.steps(), alive: this.#alive.steps(), mixedAtMs: this.mixedAtMs };
  }
}

/** The peak of a sum of step logs: their changes added instant by instant, from 0. */
export function peakOfSum(logs: readonly Steps[]): number {
  const byTime = new Map<number, number>();
  for (const l of logs)
    for (let i = 0; i < l.timesMs.length; i++) {
      const t = l.timesMs[i] as number;
      byTime.set(t, (byTime.get(t) ?? 0) + (l.deltas[i] as number));
    }
  const times = [...byTime.keys()].sort((a, b) => a - b);
  let level = 0;
  let peak = 0;
  for (const t of times) {
    level += byTime.get(t) as number;
    if (level > peak) peak = level;
  }
  return peak;
}

/**
 * What counts toward the account limit (model/caps.ts): busy instances of functions without a
 * reservation, or every live instance; its peak, and the instances the limit refused.
 */
export class LimitWatch extends NullObserver {
  readonly #countsBusy: boolean;
  readonly #unreserved: (fn: number) => boolean;
  #level = 0;
  peak = 0;
  throttled = 0;

  constructor(countsBusy: boolean, unreserved: (fn: number) => boolean) {
    super();
    this.#countsBusy = countsBusy;
    this.#unreserved = unreserved;
  }

  #add(d: number): void {
    this.#level += d;
    if (this.#level > this.peak) this.peak = this.#level;
  }

  override onInstanceBusy(fn: number): void {
    if (this.#countsBusy && this.#unreserved(fn)) this.#add(1);
  }

  override onInstanceIdle(fn: number): void {
    if (this.#countsBusy && this.#unreserved(fn)) this.#add(-1);
  }

  override onInstanceStart(): void {
    if (!this.#countsBusy) this.#add(1);
  }

  override onInstanceStop(): void {
    if (!this.#countsBusy) this.#add(-1);
  }

  override onThrottle(_fn: number, _flags: number, _timeMs: number, reason: number): void {
    if (reason === THROTTLE.accountLimit) this.throttled++;
  }
}

/** SHA-256 of every row of the trace as read (all columns), then of what the reader found (not its path). */
export class TraceHash {
  readonly #h: Hash = createHash('sha256');
  rows = 0;

  add(chunk: TraceChunk): void {
    const n = chunk.count;
    this.rows += n;
    for (const a of [
      chunk.timeMs,
      chunk.fn,
      chunk.durationMs,
      chunk.initMs,
      chunk.isAsync,
      chunk.memoryUsedMb,
      chunk.cpuMs,
      chunk.responseBytes,
      chunk.isCold,
    ])
      this.#h.update(new Uint8Array(a.buffer, a.byteOffset, n * a.BYTES_PER_ELEMENT));
  }

  digest(info: TraceInfo): string {
    const { file: _file, cache: _cache, ...rest } = info;
    return this.#h.update(toExactJson(rest)).digest('hex');
  }
}
