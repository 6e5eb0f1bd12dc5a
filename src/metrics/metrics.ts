/**
 * Outcome metrics, folded from the platform's events: how requests were served, cold starts,
 * throttles, pings, latency percentiles, and time-weighted concurrency and instance counts over the
 * simulated window.
 */
import { INV, NullObserver } from '../model/observer.js';
import { ExactBudget, HISTOGRAM_RELATIVE_ERROR, LatencyRecorder } from './latency.js';

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

class FunctionAccumulator {
  requests = 0;
  warm = 0;
  cold = 0;
  duringInit = 0;
  onProvisioned = 0;
  throttledSync = 0;
  asyncDropped = 0;
  asyncRetries = 0;
  asyncServedAfterRetry = 0;
  coldStarts = 0;
  provisionedInstances = 0;
  pings = 0;
  pingCold = 0;
  pingThrottled = 0;
  pingCaused = 0;
  /** sync requests that waited in a queue for capacity: served after the wait, or rejected at its end */
  queuedServed = 0;
  queuedRejected = 0;
  /** run time of every invocation (pings included) plus the INIT of those that cold-started it, ms; not clipped to the window */
  busyMs = 0;

  inFlight = 0;
  alive = 0;
  busyOnDemand = 0;
  provAlive = 0;
  provBusy = 0;
  peakInFlight = 0;
  peakAlive = 0;
  lastMs = NaN;
  inFlightMs = 0;
  aliveMs = 0;
  idleOnDemandMs = 0;
  provAliveMs = 0;
  provBusyMs = 0;

  // Recorders are made on a function's first sample of each kind (NO_SAMPLES until then): with a
  // million functions, four empty recorders each would cost more than everything else per function.
  warmLatency = NO_SAMPLES;
  coldLatency = NO_SAMPLES;
  asyncDelay = NO_SAMPLES;
  queueWait = NO_SAMPLES;
}

/** Shared by every accumulator for a kind it has no sample of; never added to. */
const NO_SAMPLES = new LatencyRecorder(0);

export class MetricsCollector extends NullObserver {
  readonly #fns: FunctionAccumulator[] = [];
  readonly #memoryMb: (fn: number) => number;
  readonly #exactLimit: number;
  /** samples kept exactly by all recorders together: 8 MB */
  readonly #budget = new ExactBudget(1_000_000);
  #windowStartMs = NaN;
  #windowEndMs = Infinity;
  // account-wide in-flight for the peak across functions
  #inFlight = 0;
  #peakInFlight = 0;
  #alive = 0;
  #peakAlive = 0;

  /**
   * `memoryMb(fn)` gives a function's memory; `exactLimit` how many latencies are kept exactly.
   * (Runs past a platform's timeout are counted by run/feasibility.ts.)
   */
  constructor(memoryMb: (fn: number) => number, exactLimit = 100_000) {
    super();
    this.#memoryMb = memoryMb;
    this.#exactLimit = exactLimit;
  }

  #fn(i: number): FunctionAccumulator {
    let f = this.#fns[i];
    while (f === undefined) {
      this.#fns.push(new FunctionAccumulator());
      f = this.#fns[i];
    }
    return f;
  }

  /** `current`, or a new recorder in its place when it is the shared empty one. */
  #own(current: LatencyRecorder): LatencyRecorder {
    return current !== NO_SAMPLES ? current : new LatencyRecorder(this.#exactLimit, this.#budget);
  }

  /** Integrates the function's levels from its last change to `timeMs`, inside the window. */
  #advance(f: FunctionAccumulator, timeMs: number): void {
    const t = Math.min(Math.max(timeMs, this.#windowStartMs), this.#windowEndMs);
    if (Number.isNaN(f.lastMs)) {
      f.lastMs = t;
      return;
    }
    const dt = t - f.lastMs;
    if (dt > 0) {
      f.inFlightMs += f.inFlight * dt;
      f.aliveMs += f.alive * dt;
      f.idleOnDemandMs += (f.alive - f.provAlive - f.busyOnDemand) * dt;
      f.provAliveMs += f.provAlive * dt;
      f.provBusyMs += f.provBusy * dt;
      f.lastMs = t;
    }
  }

  override onWindowStart(timeMs: number): void {
    this.#windowStartMs = timeMs;
  }

  override onWindowEnd(timeMs: number): void {
    for (const f of this.#fns) this.#advance(f, timeMs);
    this.#windowEndMs = timeMs;
  }

  override onInvocation(fn: number, flags: number, arrivalMs: number, startMs: number, initMs: number, runMs: number, _memoryUsedMb: number, _cpuMs: number): void {
    const f = this.#fn(fn);
    this.#advance(f, startMs);
    f.inFlight++;
    if (f.inFlight > f.peakInFlight) f.peakInFlight = f.inFlight;
    if (++this.#inFlight > this.#peakInFlight) this.#peakInFlight = this.#inFlight;
    const cold = (flags & (INV.cold | INV.initWait)) !== 0;
    f.busyMs += runMs + ((flags & INV.cold) !== 0 ? initMs : 0);
    if (flags & INV.ping) {
      f.pings++;
      if (cold) f.pingCold++;
      return;
    }
    f.requests++;
    const queuedMs = startMs - arrivalMs;
    const latencyMs = queuedMs + initMs + runMs;
    if (cold) {
      f.cold++;
      if (flags & INV.initWait) f.duringInit++;
      (f.coldLatency = this.#own(f.coldLatency)).add(latencyMs);
      if (flags & INV.pingCaused) f.pingCaused++;
    } else {
      f.warm++;
      (f.warmLatency = this.#own(f.warmLatency)).add(latencyMs);
    }
    if (flags & INV.provisioned) f.onProvisioned++;
    if (flags & INV.async) {
      (f.asyncDelay = this.#own(f.asyncDelay)).add(queuedMs);
      if (queuedMs > 0) f.asyncServedAfterRetry++;
    }
    if (flags & INV.queued) {
      f.queuedServed++;
      (f.queueWait = this.#own(f.queueWait)).add(queuedMs);
    }
  }

  override onInvocationEnd(fn: number, _flags: number, timeMs: number): void {
    const f = this.#fn(fn);
    this.#advance(f, timeMs);
    f.inFlight--;
    this.#inFlight--;
  }

  override onThrottle(fn: number, flags: number, _timeMs: number, _reason: number, willRetry: boolean): void {
    const f = this.#fn(fn);
    if (flags & INV.ping) {
      f.pingThrottled++;
      return;
    }
    if (willRetry) f.asyncRetries++;
    else if ((flags & INV.async) === 0) {
      f.requests++;
      f.throttledSync++;
      if (flags & INV.queued) f.queuedRejected++;
    }
  }

  override onAsyncDropped(fn: number): void {
    const f = this.#fn(fn);
    f.requests++;
    f.asyncDropped++;
  }

  override onInstanceStart(fn: number, _instance: number, timeMs: number, _initMs: number, provisioned: boolean): void {
    const f = this.#fn(fn);
    this.#advance(f, timeMs);
    f.alive++;
    if (f.alive > f.peakAlive) f.peakAlive = f.alive;
    if (++this.#alive > this.#peakAlive) this.#peakAlive = this.#alive;
    if (provisioned) {
      f.provAlive++;
      f.provisionedInstances++;
    } else {
      f.coldStarts++;
    }
  }

  override onInstanceBusy(fn: number, _instance: number, timeMs: number, provisioned: boolean): void {
    const f = this.#fn(fn);
    this.#advance(f, timeMs);
    if (provisioned) f.provBusy++;
    else f.busyOnDemand++;
  }

  override onInstanceIdle(fn: number, _instance: number, timeMs: number, provisioned: boolean): void {
    const f = this.#fn(fn);
    this.#advance(f, timeMs);
    if (provisioned) f.provBusy--;
    else f.busyOnDemand--;
  }

  override onInstanceStop(fn: number, _instance: number, timeMs: number, provisioned: boolean): void {
    const f = this.#fn(fn);
    this.#advance(f, timeMs);
    f.alive--;
    this.#alive--;
    if (provisioned) f.provAlive--;
  }

  get functionCount(): number {
    return this.#fns.length;
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
    const f = this.#fns[fn];
    if (f === undefined) return { requests: 0, pings: 0, instanceStarts: 0, busyMs: 0, aliveMs: 0 };
    return { requests: f.requests, pings: f.pings, instanceStarts: f.coldStarts + f.provisionedInstances, busyMs: f.busyMs, aliveMs: f.aliveMs };
  }

  /** Stats for one function, or for all together when `fn` is omitted. */
  stats(fn?: number): OutcomeStats {
    const list = fn === undefined ? this.#fns : [this.#fn(fn)];
    const spanMs = this.#windowEndMs - this.#windowStartMs;
    const sum = (g: (f: FunctionAccumulator) => number): number => list.reduce((a, f) => a + g(f), 0);
    // list is either every function (index i) or the one asked for
    const memGbMs = (g: (f: FunctionAccumulator) => number): number =>
      list.reduce((a, f, i) => a + g(f) * (this.#memoryMb(fn === undefined ? i : fn) / 1024), 0);
    // "all" is not recorded per request: it is the warm and cold recorders merged at the end.
    const merged = (...gs: ((f: FunctionAccumulator) => LatencyRecorder)[]): LatencySummary => {
      if (list.length === 1 && gs.length === 1) return summarize((gs[0] as (f: FunctionAccumulator) => LatencyRecorder)(list[0] as FunctionAccumulator));
      const r = new LatencyRecorder(this.#exactLimit);
      for (const f of list) for (const g of gs) r.merge(g(f));
      return summarize(r);
    };
    const requests = sum((f) => f.requests);
    const cold = sum((f) => f.cold);
    const provAliveMs = sum((f) => f.provAliveMs);
    return {
      requests,
      servedWarm: sum((f) => f.warm),
      servedCold: cold,
      servedDuringInit: sum((f) => f.duringInit),
      servedProvisioned: sum((f) => f.onProvisioned),
      coldStartRate: requests === 0 ? 0 : cold / requests,
      throttledSync: sum((f) => f.throttledSync),
      asyncDropped: sum((f) => f.asyncDropped),
      asyncRetries: sum((f) => f.asyncRetries),
      asyncServedAfterRetry: sum((f) => f.asyncServedAfterRetry),
      coldStarts: sum((f) => f.coldStarts),
      provisionedInstances: sum((f) => f.provisionedInstances),
      pings: sum((f) => f.pings),
      pingColdStarts: sum((f) => f.pingCold),
      pingThrottled: sum((f) => f.pingThrottled),
      pingCausedColdStarts: sum((f) => f.pingCaused),
      peakConcurrency: fn === undefined ? this.#peakInFlight : list[0]!.peakInFlight,
      meanConcurrency: spanMs > 0 ? sum((f) => f.inFlightMs) / spanMs : NaN,
      peakInstances: fn === undefined ? this.#peakAlive : list[0]!.peakAlive,
      meanInstancesAlive: spanMs > 0 ? sum((f) => f.aliveMs) / spanMs : NaN,
      idleInstanceGbS: memGbMs((f) => f.idleOnDemandMs) / 1000,
      idleProvisionedGbS: memGbMs((f) => f.provAliveMs - f.provBusyMs) / 1000,
      provisionedUtilization: provAliveMs > 0 ? sum((f) => f.provBusyMs) / provAliveMs : NaN,
      latency: {
        all: merged((f) => f.warmLatency, (f) => f.coldLatency),
        warm: merged((f) => f.warmLatency),
        cold: merged((f) => f.coldLatency),
      },
      asyncQueueDelay: merged((f) => f.asyncDelay),
    };
  }

  /** Sync requests that waited in a queue for capacity (platforms with a queue timeout), all functions together. */
  queueStats(): QueueStats {
    const r = new LatencyRecorder(this.#exactLimit);
    for (const f of this.#fns) r.merge(f.queueWait);
    return {
      servedAfterWait: this.#fns.reduce((a, f) => a + f.queuedServed, 0),
      rejectedAfterWait: this.#fns.reduce((a, f) => a + f.queuedRejected, 0),
      wait: summarize(r),
    };
  }

  /** True when every latency figure is exact; otherwise they are within `latencyRelativeError`. */
  get latencyExact(): boolean {
    // the merged "all" recorder is exact only if every source is and their total fits its limit
    return this.#fns.every((f) => f.warmLatency.exact && f.coldLatency.exact) && this.#fns.reduce((a, f) => a + f.warmLatency.count + f.coldLatency.count, 0) <= this.#exactLimit;
  }

  static readonly latencyRelativeError = HISTOGRAM_RELATIVE_ERROR;
}

function summarize(r: LatencyRecorder): LatencySummary {
  const [p50, p90, p95, p99] = r.quantiles([0.5, 0.9, 0.95, 0.99]) as [number, number, number, number];
  return { count: r.count, meanMs: r.mean(), p50Ms: p50, p90Ms: p90, p95Ms: p95, p99Ms: p99, maxMs: r.max() };
}
