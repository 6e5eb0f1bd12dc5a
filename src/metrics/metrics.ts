/**
 * Outcome metrics, folded from the platform's events: how requests were served, cold starts,
 * throttles, pings, latency percentiles, and time-weighted concurrency and instance counts over the
 * simulated window.
 */
import { INV, NullObserver } from '../model/observer.js';
import { ExactBudget, HISTOGRAM_RELATIVE_ERROR, LatencyRecorder, type RecorderState } from './latency.js';
import { LatencyLists } from './latency-lists.js';
import { RecordBlocks, recordOffset } from '../util/record-blocks.js';

export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface OutcomeStats {
  /** user requests in the trace (pings excluded) */
  requests: number;
  servedWarm: number;
  /** served after waiting for an INIT: their own cold start, or one in progress on a shared instance */
  servedCold: number;
  /** of servedCold: requests that waited for an INIT another request triggered */
  servedDuringInit: number;
  /** user requests served by provisioned instances (the rest spilled over to on-demand ones) */
  servedProvisioned: number;
  /** servedCold / requests */
  coldStartRate: number;
  /** sync user requests rejected (429) */
  throttledSync: number;
  /** async user events dropped after their maximum event age */
  asyncDropped: number;
  /** async throttles that were queued for a retry (one event can be throttled several times) */
  asyncRetries: number;
  /** async user events that were served after at least one retry */
  asyncServedAfterRetry: number;
  /** on-demand instances created (cold starts of user requests and of pings) */
  coldStarts: number;
  provisionedInstances: number;
  pings: number;
  pingColdStarts: number;
  pingThrottled: number;
  /** user cold starts while an instance was busy serving pings only */
  pingCausedColdStarts: number;
  /** requests in flight (pings included), initialising ones counted */
  peakConcurrency: number;
  meanConcurrency: number;
  peakInstances: number;
  meanInstancesAlive: number;
  /** memory × time of instances alive with nothing in flight, on-demand ones */
  idleInstanceGbS: number;
  /** memory × time of provisioned instances with nothing in flight */
  idleProvisionedGbS: number;
  /** busy time / alive time of provisioned instances (NaN without any) */
  provisionedUtilization: number;
  latency: { all: LatencySummary; warm: LatencySummary; cold: LatencySummary };
  /** wait of async events between their arrival and their start (retries) */
  asyncQueueDelay: LatencySummary;
}

/** A function's use of the platform over the window (see MetricsCollector.usage). */
export interface FunctionUsage {
  /** user requests (served, throttled or dropped) */
  requests: number;
  pings: number;
  /** instances started: on-demand cold starts and provisioned allocations */
  instanceStarts: number;
  /** run time of its invocations and the INIT of those that cold-started, ms, whole even past the window's end (as billed) */
  busyMs: number;
  /** instances alive integrated over the window (instance-ms) */
  aliveMs: number;
}

/** Sync requests that found no capacity and waited in their function's queue. */
export interface QueueStats {
  /** served once capacity freed up */
  servedAfterWait: number;
  /** rejected (429) when their wait reached the queue timeout; also counted in throttledSync */
  rejectedAfterWait: number;
  /** wait of the served ones, arrival to start */
  wait: LatencySummary;
}

/**
 * A function's counters and levels, as offsets into its record of STRIDE numbers, kept in blocks of
 * Float64Array (util/record-blocks.ts). Typed arrays instead of an object per function: with 100 k
 * functions an object each (31 fields, the non-integer ones boxed) cost a GC-traced object and
 * boxes per function and scattered each request's updates over the heap; a record is 256 bytes,
 * the fields a request touches in its first two cache lines.
 */
const LAST_MS = 0;
const IN_FLIGHT = 1;
const ALIVE = 2;
const PROV_ALIVE = 3;
const BUSY_ON_DEMAND = 4;
const PROV_BUSY = 5;
const IN_FLIGHT_MS = 6;
const ALIVE_MS = 7;
const IDLE_ON_DEMAND_MS = 8;
const PROV_ALIVE_MS = 9;
const PROV_BUSY_MS = 10;
const PEAK_IN_FLIGHT = 11;
/** run time of every invocation (pings included) plus the INIT of those that cold-started it, ms; not clipped to the window */
const BUSY_MS = 12;
const REQUESTS = 13;
const WARM = 14;
const COLD = 15;
const PEAK_ALIVE = 16;
const COLD_STARTS = 17;
const PROVISIONED_INSTANCES = 18;
const DURING_INIT = 19;
const ON_PROVISIONED = 20;
const THROTTLED_SYNC = 21;
const ASYNC_DROPPED = 22;
const ASYNC_RETRIES = 23;
const ASYNC_SERVED_AFTER_RETRY = 24;
const PINGS = 25;
const PING_COLD = 26;
const PING_THROTTLED = 27;
const PING_CAUSED = 28;
/** sync requests that waited in a queue for capacity: served after the wait, or rejected at its end */
const QUEUED_SERVED = 29;
const QUEUED_REJECTED = 30;
const STRIDE = 32;

/** Shared by every function for a kind it has no sample of; never added to. */
const NO_SAMPLES = new LatencyRecorder(0);

export class MetricsCollector extends NullObserver {
  /** the functions' records (see STRIDE; a new one has seen no level change); functions seen so far: its count */
  readonly #rec = new RecordBlocks(STRIDE, { [LAST_MS]: NaN });
  /** the block of the record #fn last gave */
  #v: Float64Array = new Float64Array(0);
  // A function's latencies of each kind, in records and blocks shared by all functions (no object
  // per function: latency-lists.ts)
  readonly #warmLatency: LatencyLists;
  readonly #coldLatency: LatencyLists;
  readonly #asyncDelay: LatencyLists;
  readonly #queueWait: LatencyLists;
  readonly #memoryMb: (fn: number) => number;
  readonly #exactLimit: number;
  #windowStartMs = NaN;
  #windowEndMs = Infinity;
  // account-wide in-flight for the peak across functions
  #inFlight = 0;
  #peakInFlight = 0;
  #alive = 0;
  #peakAlive = 0;

  /** with a budget per recorder (not shared): how many samples each keeps exactly; null = the shared budget */
  readonly #ownExactLimit: number | null;

  /**
   * `memoryMb(fn)` gives a function's memory; `exactLimit` how many latencies are kept exactly.
   * `ownExactLimit`: each recorder keeps that many exactly on its own, not from the budget shared by
   * all functions, so whether a function's percentiles are exact does not depend on the others
   * (per-function random streams, model/spec.ts rngStreams). (Runs past a platform's timeout are
   * counted by run/feasibility.ts.)
   */
  constructor(memoryMb: (fn: number) => number, exactLimit = 100_000, ownExactLimit: number | null = null) {
    super();
    this.#memoryMb = memoryMb;
    this.#exactLimit = exactLimit;
    this.#ownExactLimit = ownExactLimit;
    // samples kept exactly by all functions together (8 MB), or by each on its own
    const budget = ownExactLimit === null ? new ExactBudget(1_000_000) : null;
    const lists = (): LatencyLists => new LatencyLists(ownExactLimit ?? exactLimit, budget);
    this.#warmLatency = lists();
    this.#coldLatency = lists();
    this.#asyncDelay = lists();
    this.#queueWait = lists();
  }

  /** Start of function i's record in its block, which becomes #v; records up to it are made on first sight. */
  #fn(i: number): number {
    this.#v = this.#rec.block(i);
    return recordOffset(i, STRIDE);
  }

  /** Integrates the function's levels (record at `f`) from its last change to `timeMs`, inside the window. */
  #advance(f: number, timeMs: number): void {
    const v = this.#v;
    const t = Math.min(Math.max(timeMs, this.#windowStartMs), this.#windowEndMs);
    const last = v[f + LAST_MS] as number;
    if (Number.isNaN(last)) {
      v[f + LAST_MS] = t;
      return;
    }
    const dt = t - last;
    if (dt > 0) {
      const alive = v[f + ALIVE] as number;
      const provAlive = v[f + PROV_ALIVE] as number;
      v[f + IN_FLIGHT_MS] = (v[f + IN_FLIGHT_MS] as number) + (v[f + IN_FLIGHT] as number) * dt;
      v[f + ALIVE_MS] = (v[f + ALIVE_MS] as number) + alive * dt;
      v[f + IDLE_ON_DEMAND_MS] =
        (v[f + IDLE_ON_DEMAND_MS] as number) + (alive - provAlive - (v[f + BUSY_ON_DEMAND] as number)) * dt;
      v[f + PROV_ALIVE_MS] = (v[f + PROV_ALIVE_MS] as number) + provAlive * dt;
      v[f + PROV_BUSY_MS] = (v[f + PROV_BUSY_MS] as number) + (v[f + PROV_BUSY] as number) * dt;
      v[f + LAST_MS] = t;
    }
  }

  override onWindowStart(timeMs: number): void {
    this.#windowStartMs = timeMs;
  }

  override onWindowEnd(timeMs: number): void {
    for (let i = 0; i < this.#rec.count; i++) this.#advance(this.#fn(i), timeMs);
    this.#windowEndMs = timeMs;
  }

  override onInvocation(
    fn: number,
    flags: number,
    arrivalMs: number,
    startMs: number,
    initMs: number,
    runMs: number,
    _memoryUsedMb: number,
    _cpuMs: number,
  ): void {
    const f = this.#fn(fn);
    this.#advance(f, startMs);
    const v = this.#v;
    const inFlight = (v[f + IN_FLIGHT] as number) + 1;
    v[f + IN_FLIGHT] = inFlight;
    if (inFlight > (v[f + PEAK_IN_FLIGHT] as number)) v[f + PEAK_IN_FLIGHT] = inFlight;
    if (++this.#inFlight > this.#peakInFlight) this.#peakInFlight = this.#inFlight;
    // a run that shares its instance's CPU is counted when it ends, with its real (stretched) run time
    if ((flags & INV.cpuShared) !== 0) return;
    // What follows is #record's body, inlined by hand: V8 did not inline the call, which cost about
    // 7 % of simulate's requests per second (bench engine-in-memory, 1 M rows, 5 runs each way).
    // Change both together.
    const cold = (flags & (INV.cold | INV.initWait)) !== 0;
    v[f + BUSY_MS] = (v[f + BUSY_MS] as number) + (runMs + ((flags & INV.cold) !== 0 ? initMs : 0));
    if (flags & INV.ping) {
      v[f + PINGS] = (v[f + PINGS] as number) + 1;
      if (cold) v[f + PING_COLD] = (v[f + PING_COLD] as number) + 1;
      return;
    }
    v[f + REQUESTS] = (v[f + REQUESTS] as number) + 1;
    const queuedMs = startMs - arrivalMs;
    const latencyMs = queuedMs + initMs + runMs;
    if (cold) {
      v[f + COLD] = (v[f + COLD] as number) + 1;
      if (flags & INV.initWait) v[f + DURING_INIT] = (v[f + DURING_INIT] as number) + 1;
      this.#coldLatency.add(fn, latencyMs);
      if (flags & INV.pingCaused) v[f + PING_CAUSED] = (v[f + PING_CAUSED] as number) + 1;
    } else {
      v[f + WARM] = (v[f + WARM] as number) + 1;
      this.#warmLatency.add(fn, latencyMs);
    }
    if (flags & INV.provisioned) v[f + ON_PROVISIONED] = (v[f + ON_PROVISIONED] as number) + 1;
    if (flags & INV.async) {
      this.#asyncDelay.add(fn, queuedMs);
      if (queuedMs > 0) v[f + ASYNC_SERVED_AFTER_RETRY] = (v[f + ASYNC_SERVED_AFTER_RETRY] as number) + 1;
    }
    if (flags & INV.queued) {
      v[f + QUEUED_SERVED] = (v[f + QUEUED_SERVED] as number) + 1;
      this.#queueWait.add(fn, queuedMs);
    }
  }

  override onSharedRunEnd(
    fn: number,
    flags: number,
    arrivalMs: number,
    startMs: number,
    initMs: number,
    runMs: number,
  ): void {
    this.#record(this.#fn(fn), fn, flags, arrivalMs, startMs, initMs, runMs);
  }

  /** A request's counts, busy time and latencies; `f` is its record's offset. */
  #record(
    f: number,
    fn: number,
    flags: number,
    arrivalMs: number,
    startMs: number,
    initMs: number,
    runMs: number,
  ): void {
    const v = this.#v;
    const cold = (flags & (INV.cold | INV.initWait)) !== 0;
    v[f + BUSY_MS] = (v[f + BUSY_MS] as number) + (runMs + ((flags & INV.cold) !== 0 ? initMs : 0));
    if (flags & INV.ping) {
      v[f + PINGS] = (v[f + PINGS] as number) + 1;
      if (cold) v[f + PING_COLD] = (v[f + PING_COLD] as number) + 1;
      return;
    }
    v[f + REQUESTS] = (v[f + REQUESTS] as number) + 1;
    const queuedMs = startMs - arrivalMs;
    const latencyMs = queuedMs + initMs + runMs;
    if (cold) {
      v[f + COLD] = (v[f + COLD] as number) + 1;
      if (flags & INV.initWait) v[f + DURING_INIT] = (v[f + DURING_INIT] as number) + 1;
      this.#coldLatency.add(fn, latencyMs);
      if (flags & INV.pingCaused) v[f + PING_CAUSED] = (v[f + PING_CAUSED] as number) + 1;
    } else {
      v[f + WARM] = (v[f + WARM] as number) + 1;
      this.#warmLatency.add(fn, latencyMs);
    }
    if (flags & INV.provisioned) v[f + ON_PROVISIONED] = (v[f + ON_PROVISIONED] as number) + 1;
    if (flags & INV.async) {
      this.#asyncDelay.add(fn, queuedMs);
      if (queuedMs > 0) v[f + ASYNC_SERVED_AFTER_RETRY] = (v[f + ASYNC_SERVED_AFTER_RETRY] as number) + 1;
    }
    if (flags & INV.queued) {
      v[f + QUEUED_SERVED] = (v[f + QUEUED_SERVED] as number) + 1;
      this.#queueWait.add(fn, queuedMs);
    }
  }

  override onInvocationEnd(fn: number, _flags: number, timeMs: number): void {
    const f = this.#fn(fn);
    this.#advance(f, timeMs);
    this.#v[f + IN_FLIGHT] = (this.#v[f + IN_FLIGHT] as number) - 1;
    this.#inFlight--;
  }

  override onThrottle(fn: number, flags: number, _timeMs: number, _reason: number, willRetry: boolean): void {
    const f = this.#fn(fn);
    const v = this.#v;
    if (flags & INV.ping) {
      v[f + PING_THROTTLED] = (v[f + PING_THROTTLED] as number) + 1;
      return;
    }
    if (willRetry) v[f + ASYNC_RETRIES] = (v[f + ASYNC_RETRIES] as number) + 1;
    else if ((flags & INV.async) === 0) {
      v[f + REQUESTS] = (v[f + REQUESTS] as number) + 1;
      v[f + THROTTLED_SYNC] = (v[f + THROTTLED_SYNC] as number) + 1;
      if (flags & INV.queued) v[f + QUEUED_REJECTED] = (v[f + QUEUED_REJECTED] as number) + 1;
    }
  }

  override onAsyncDropped(fn: number): void {
    const f = this.#fn(fn);
    this.#v[f + REQUESTS] = (this.#v[f + REQUESTS] as number) + 1;
    this.#v[f + ASYNC_DROPPED] = (this.#v[f + ASYNC_DROPPED] as number) + 1;
  }

  override onInstanceStart(
    fn: number,
    _instance: number,
    timeMs: number,
    _initMs: number,
    provisioned: boolean,
  ): void {
    const f = this.#fn(fn);
    this.#advance(f, timeMs);
    const v = this.#v;
    const alive = (v[f + ALIVE] as number) + 1;
    v[f + ALIVE] = alive;
    if (alive > (v[f + PEAK_ALIVE] as number)) v[f + PEAK_ALIVE] = alive;
    if (++this.#alive > this.#peakAlive) this.#peakAlive = this.#alive;
    if (provisioned) {
      v[f + PROV_ALIVE] = (v[f + PROV_ALIVE] as number) + 1;
      v[f + PROVISIONED_INSTANCES] = (v[f + PROVISIONED_INSTANCES] as number) + 1;
    } else {
      v[f + COLD_STARTS] = (v[f + COLD_STARTS] as number) + 1;
    }
  }

  override onInstanceBusy(fn: number, _instance: number, timeMs: number, provisioned: boolean): void {
    const f = this.#fn(fn);
    this.#advance(f, timeMs);
    this.#v[f + (provisioned ? PROV_BUSY : BUSY_ON_DEMAND)] =
      (this.#v[f + (provisioned ? PROV_BUSY : BUSY_ON_DEMAND)] as number) + 1;
  }

  override onInstanceIdle(fn: number, _instance: number, timeMs: number, provisioned: boolean): void {
    const f = this.#fn(fn);
    this.#advance(f, timeMs);
    this.#v[f + (provisioned ? PROV_BUSY : BUSY_ON_DEMAND)] =
      (this.#v[f + (provisioned ? PROV_BUSY : BUSY_ON_DEMAND)] as number) - 1;
  }

  override onInstanceStop(fn: number, _instance: number, timeMs: number, provisioned: boolean): void {
    const f = this.#fn(fn);
    this.#advance(f, timeMs);
    this.#v[f + ALIVE] = (this.#v[f + ALIVE] as number) - 1;
    this.#alive--;
    if (provisioned) this.#v[f + PROV_ALIVE] = (this.#v[f + PROV_ALIVE] as number) - 1;
  }

  get functionCount(): number {
    return this.#rec.count;
  }

  /** Peak of requests in flight across all functions together. */
  get accountPeakConcurrency(): number {
    return this.#peakInFlight;
  }

  get accountPeakInstances(): number {
    return this.#peakAlive;
  }

  /**
   * What a function used over the window, without its latency summaries: cheap enough to read for
   * every one of a million functions (ranking them by cost), where `stats(fn)` is not.
   */
  usage(fn: number): FunctionUsage {
    if (fn >= this.#rec.count) return { requests: 0, pings: 0, instanceStarts: 0, busyMs: 0, aliveMs: 0 };
    const f = this.#fn(fn);
    const v = this.#v;
    return {
      requests: v[f + REQUESTS] as number,
      pings: v[f + PINGS] as number,
      instanceStarts: (v[f + COLD_STARTS] as number) + (v[f + PROVISIONED_INSTANCES] as number),
      busyMs: v[f + BUSY_MS] as number,
      aliveMs: v[f + ALIVE_MS] as number,
    };
  }

  /** Stats for one function, or for all together when `fn` is omitted. */
  stats(fn?: number): OutcomeStats {
    if (fn !== undefined) this.#fn(fn);
    // the functions summed, in index order: every one, or the one asked for
    const first = fn ?? 0;
    const rec = this.#rec;
    const end = fn === undefined ? rec.count : fn + 1;
    const spanMs = this.#windowEndMs - this.#windowStartMs;
    const sum = (field: number): number => {
      let a = 0;
      for (let i = first; i < end; i++) a += rec.get(i, field);
      return a;
    };
    const memGbMs = (g: (i: number) => number): number => {
      let a = 0;
      for (let i = first; i < end; i++) a += g(i) * (this.#memoryMb(i) / 1024);
      return a;
    };
    // "all" is not recorded per request: it is the warm and cold recorders merged at the end.
    const merged = (...lists: LatencyLists[]): LatencySummary => {
      if (end - first === 1 && lists.length === 1)
        return summarize((lists[0] as LatencyLists).recorder(first) ?? NO_SAMPLES);
      const r = new LatencyRecorder(this.#exactLimit);
      for (let i = first; i < end; i++) for (const l of lists) l.mergeInto(r, i);
      return summarize(r);
    };
    const requests = sum(REQUESTS);
    const cold = sum(COLD);
    const provAliveMs = sum(PROV_ALIVE_MS);
    return {
      requests,
      servedWarm: sum(WARM),
      servedCold: cold,
      servedDuringInit: sum(DURING_INIT),
      servedProvisioned: sum(ON_PROVISIONED),
      coldStartRate: requests === 0 ? 0 : cold / requests,
      throttledSync: sum(THROTTLED_SYNC),
      asyncDropped: sum(ASYNC_DROPPED),
      asyncRetries: sum(ASYNC_RETRIES),
      asyncServedAfterRetry: sum(ASYNC_SERVED_AFTER_RETRY),
      coldStarts: sum(COLD_STARTS),
      provisionedInstances: sum(PROVISIONED_INSTANCES),
      pings: sum(PINGS),
      pingColdStarts: sum(PING_COLD),
      pingThrottled: sum(PING_THROTTLED),
      pingCausedColdStarts: sum(PING_CAUSED),
      peakConcurrency: fn === undefined ? this.#peakInFlight : rec.get(first, PEAK_IN_FLIGHT),
      meanConcurrency: spanMs > 0 ? sum(IN_FLIGHT_MS) / spanMs : NaN,
      peakInstances: fn === undefined ? this.#peakAlive : rec.get(first, PEAK_ALIVE),
      meanInstancesAlive: spanMs > 0 ? sum(ALIVE_MS) / spanMs : NaN,
      idleInstanceGbS: memGbMs((i) => rec.get(i, IDLE_ON_DEMAND_MS)) / 1000,
      idleProvisionedGbS: memGbMs((i) => rec.get(i, PROV_ALIVE_MS) - rec.get(i, PROV_BUSY_MS)) / 1000,
      provisionedUtilization: provAliveMs > 0 ? sum(PROV_BUSY_MS) / provAliveMs : NaN,
      latency: {
        all: merged(this.#warmLatency, this.#coldLatency),
        warm: merged(this.#warmLatency),
        cold: merged(this.#coldLatency),
      },
      asyncQueueDelay: merged(this.#asyncDelay),
    };
  }

  /** Sync requests that waited in a queue for capacity (platforms with a queue timeout), all functions together. */
  queueStats(): QueueStats {
    const r = new LatencyRecorder(this.#exactLimit);
    let served = 0;
    let rejected = 0;
    for (let i = 0; i < this.#rec.count; i++) {
      this.#queueWait.mergeInto(r, i);
      served += this.#rec.get(i, QUEUED_SERVED);
      rejected += this.#rec.get(i, QUEUED_REJECTED);
    }
    return { servedAfterWait: served, rejectedAfterWait: rejected, wait: summarize(r) };
  }

  /** True when every latency figure is exact; otherwise they are within `latencyRelativeError`. */
  get latencyExact(): boolean {
    // the merged "all" recorder is exact only if every source is and their total fits its limit
    let n = 0;
    const w = this.#warmLatency;
    const c = this.#coldLatency;
    for (let i = 0; i < this.#rec.count; i++) {
      if (!w.exact(i) || !c.exact(i)) return false;
      n += w.count(i) + c.count(i);
    }
    return n <= this.#exactLimit;
  }

  static readonly latencyRelativeError = HISTOGRAM_RELATIVE_ERROR;

  /**
   * The collector's contents after a run, for a shard of a simulate (run/shard-state.ts): every
   * function's record and recorders, the window and the account-wide peaks.
   */
  exportState(): MetricsState {
    const recorders = (list: LatencyLists): (RecorderState | null)[] =>
      Array.from({ length: this.#rec.count }, (_, i) => list.exportState(i));
    return {
      windowStartMs: this.#windowStartMs,
      windowEndMs: this.#windowEndMs,
      count: this.#rec.count,
      records: this.#rec.toArray(),
      warm: recorders(this.#warmLatency),
      cold: recorders(this.#coldLatency),
      asyncDelay: recorders(this.#asyncDelay),
      queueWait: recorders(this.#queueWait),
    };
  }

  /**
   * Takes the contents of shards whose functions are disjoint: each shard's function k becomes
   * function `global[k]` here. The account-wide peaks are not a sum of the shards' and are given.
   */
  importStates(
    parts: readonly { state: MetricsState; global: readonly number[] }[],
    peakInFlight: number,
    peakAlive: number,
  ): void {
    const limit = this.#ownExactLimit ?? this.#exactLimit;
    let count = 0;
    for (const { state, global } of parts)
      if (state.count > 0) count = Math.max(count, (global[state.count - 1] as number) + 1);
    this.#rec.extend(count);
    for (const { state, global } of parts) {
      for (let k = 0; k < state.count; k++) {
        const g = global[k] as number;
        this.#rec.put(g, state.records, k * STRIDE);
        const put = (list: LatencyLists, from: (RecorderState | null)[]): void => {
          const r = from[k];
          if (r !== null && r !== undefined) list.importState(g, r, limit);
        };
        put(this.#warmLatency, state.warm);
        put(this.#coldLatency, state.cold);
        put(this.#asyncDelay, state.asyncDelay);
        put(this.#queueWait, state.queueWait);
      }
      this.#windowStartMs = state.windowStartMs;
      this.#windowEndMs = state.windowEndMs;
    }
    this.#peakInFlight = peakInFlight;
    this.#peakAlive = peakAlive;
  }
}

/** Numbers per function in MetricsState.records. */
export const METRICS_STRIDE = STRIDE;

/** The user requests a MetricsState's records count, over its functions. */
export function requestsOfState(state: MetricsState): number {
  let n = 0;
  for (let k = 0; k < state.count; k++) n += state.records[k * STRIDE + REQUESTS] as number;
  return n;
}

/** What MetricsCollector.exportState gives: records of STRIDE numbers per function, and its recorders. */
export interface MetricsState {
  windowStartMs: number;
  windowEndMs: number;
  count: number;
  records: Float64Array;
  warm: (RecorderState | null)[];
  cold: (RecorderState | null)[];
  asyncDelay: (RecorderState | null)[];
  queueWait: (RecorderState | null)[];
}

function summarize(r: LatencyRecorder): LatencySummary {
  const [p50, p90, p95, p99] = r.quantiles([0.5, 0.9, 0.95, 0.99]) as [number, number, number, number];
  return { count: r.count, meanMs: r.mean(), p50Ms: p50, p90Ms: p90, p95Ms: p95, p99Ms: p99, maxMs: r.max() };
}
