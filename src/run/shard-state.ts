/**
 * What a shard of a simulate records beyond the metrics and the meter, so that a merge gives the very
 * report one run does (run/simulate-shard.ts):
 * - `AccountSteps`: the account-wide counts whose peak is a maximum over time of a sum over
 *   functions (requests in flight, instances alive), as one net change per instant. A merge adds the
 *   shards' changes instant by instant. Within an instant a run ends requests and instances before it
 *   starts new ones: decreases come from completions and keep-alive expiries (lanes 0 and 1,
 *   model/lanes.ts), increases from provisioned allocations, pings, retries and arrivals (lanes 2 to 5),
 *   so at an instant where no shard's count falls after it rose the peak within the instant is its
 *   start or its end, whatever the shards. The exceptions are a provisioned level going down (lane 2:
 *   refused for shards, run/shard.ts) and a decrease an event of the same instant causes (a run of
 *   0 ms), which follows an increase of the same count in the same function, so in the same shard: at
 *   such a "mixed" instant the shard records its peak rise within the instant (over the running sum,
 *   from its level before). Where no other shard changes that count at that instant the others are
 *   constant through it and the whole run's peak there is exact; where another does, their order
 *   across shards decides the peak, and the merge refuses (peakOfSum).
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
  /**
   * The instants where the count fell after it rose (a run of 0 ms): `at` their indices in timesMs,
   * `rise` the peak of the running sum within each over the level before it (absent: none).
   */
  mixed?: { at: Int32Array; rise: Int32Array };
}

class StepLog {
  #times = new Float64Array(1024);
  #deltas = new Int32Array(1024);
  #n = 0;
  /** the current instant's peak rise, whether the count rose, and whether it fell after it rose */
  #rise = 0;
  #rose = false;
  #mixed = false;
  #mixedAt: number[] = [];
  #mixedRise: number[] = [];

  change(t: number, d: number): void {
    const n = this.#n;
    if (n > 0 && this.#times[n - 1] === t) {
      const sum = (this.#deltas[n - 1] as number) + d;
      this.#deltas[n - 1] = sum;
      // a fall after a rise, even one that left the sum at or below 0 (−1 +1 −1): another shard's
      // rise at this instant may come between them
      if (d < 0) {
        if (this.#rose) this.#mixed = true;
      } else {
        this.#rose = true;
        if (sum > this.#rise) this.#rise = sum;
      }
      return;
    }
    this.#endInstant();
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
    this.#rise = d > 0 ? d : 0;
    this.#rose = d > 0;
  }

  #endInstant(): void {
    if (this.#mixed) {
      this.#mixedAt.push(this.#n - 1);
      this.#mixedRise.push(this.#rise);
      this.#mixed = false;
    }
  }

  steps(): Steps {
    this.#endInstant();
    return {
      timesMs: this.#times.slice(0, this.#n),
      deltas: this.#deltas.slice(0, this.#n),
      mixed: { at: Int32Array.from(this.#mixedAt), rise: Int32Array.from(this.#mixedRise) },
    };
  }
}

export class AccountSteps extends NullObserver {
  readonly #clock: () => number;
  readonly #inFlight = new StepLog();
  readonly #alive = new StepLog();

  /** `clock`: the simulation's time now (events carry times of their own, e.g. an INIT's start) */
  constructor(clock: () => number) {
    super();
    this.#clock = clock;
  }

  override onInvocation(): void {
    this.#inFlight.change(this.#clock(), 1);
  }

  override onInvocationEnd(): void {
    this.#inFlight.change(this.#clock(), -1);
  }

  override onInstanceStart(): void {
    this.#alive.change(this.#clock(), 1);
  }

  override onInstanceStop(): void {
    this.#alive.change(this.#clock(), -1);
  }

  export(): { inFlight: Steps; alive: Steps } {
    return { inFlight: this.#inFlight.steps(), alive: this.#alive.steps() };
  }
}

/** The peak of a sum of step logs, or the first instant where it depends on the order across logs. */
export type PeakOfSum = { peak: number } | { clashAtMs: number; logs: number[] };

/**
 * The peak of a sum of step logs: their changes added instant by instant, from 0. Each log is in time
 * order with one change per instant, so they are merged as they are (a heap of the logs by their next
 * instant), in time linear in the changes times log(logs). At an instant only one log changes, its
 * mixed rise (Steps.mixed) over the level before is the peak within the instant; where several change
 * and one of them is mixed, the peak depends on how their events interleave: the clash is returned.
 */
export function peakOfSum(logs: readonly Steps[]): PeakOfSum {
  const at = new Int32Array(logs.length);
  // per log, its next mixed instant (an index into `mixed.at`)
  const mixedNext = new Int32Array(logs.length);
  const heap: number[] = [];
  const next = (k: number): number => (logs[k] as Steps).timesMs[at[k] as number] as number;
  const less = (a: number, b: number): boolean => next(heap[a] as number) < next(heap[b] as number);
  const swap = (a: number, b: number): void => {
    const x = heap[a] as number;
    heap[a] = heap[b] as number;
    heap[b] = x;
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(l, m)) m = l;
      if (r < heap.length && less(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  const up = (i: number): void => {
    while (i > 0 && less(i, (i - 1) >> 1)) {
      swap(i, (i - 1) >> 1);
      i = (i - 1) >> 1;
    }
  };
  for (let k = 0; k < logs.length; k++)
    if ((logs[k] as Steps).timesMs.length > 0) {
      heap.push(k);
      up(heap.length - 1);
    }
  let level = 0;
  let peak = 0;
  const here: number[] = [];
  while (heap.length > 0) {
    const t = next(heap[0] as number);
    const before = level;
    let rise = -1;
    here.length = 0;
    // every log's change at this instant, then the level after the instant
    while (heap.length > 0 && next(heap[0] as number) === t) {
      const k = heap[0] as number;
      const log = logs[k] as Steps;
      const i = at[k] as number;
      here.push(k);
      const m = mixedNext[k] as number;
      if (log.mixed !== undefined && m < log.mixed.at.length && log.mixed.at[m] === i) {
        rise = log.mixed.rise[m] as number;
        mixedNext[k] = m + 1;
      }
      level += log.deltas[i] as number;
      at[k] = i + 1;
      if (i + 1 < log.timesMs.length) down(0);
      else {
        heap[0] = heap[heap.length - 1] as number;
        heap.pop();
        if (heap.length > 0) down(0);
      }
    }
    if (rise >= 0) {
      if (here.length > 1) return { clashAtMs: t, logs: here.sort((a, b) => a - b) };
      // the other logs are constant through the instant
      if (before + rise > peak) peak = before + rise;
    }
    if (level > peak) peak = level;
  }
  return { peak };
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
