/**
 * What the platform model reports as it runs. Metrics and billing meters implement this interface;
 * the model never computes a price or a percentile. Arguments are plain numbers so that reporting an
 * event allocates nothing.
 */

/** Bits describing one invocation. */
export const INV = {
  /** this request's arrival created the instance and waited for its INIT */
  cold: 1,
  /** the request waited for an INIT it did not trigger (instances serving several requests at once) */
  initWait: 2,
  /** a keep-warm ping, not a user request */
  ping: 4,
  /** an asynchronous (event) invocation */
  async: 8,
  /** served by a provisioned (pre-initialised) instance */
  provisioned: 16,
  /** a user request that cold-started while an instance of its function was busy with pings only */
  pingCaused: 32,
  /** a sync request that waited in its function's queue for capacity (PlatformSpec.queueTimeoutMs) */
  queued: 64,
  /**
   * the request shares its instance's CPU (PlatformSpec.cpuSharing): its run time may stretch while
   * it runs, so onInvocation reports the run time it would have alone and onSharedRunEnd the real one
   */
  cpuShared: 128,
} as const;

/** Why a request could not be placed. */
export const THROTTLE = {
  /** the account-wide concurrency limit */
  accountLimit: 0,
  /** the function's reserved concurrency or its maximum instance count */
  functionLimit: 1,
  /** the per-function scaling rate (new instances per unit of time) */
  scalingRate: 2,
} as const;

export interface PlatformObserver {
  /**
   * A request starts on an instance. `arrivalMs` is its first arrival (before any async retry),
   * `startMs` when it was placed, `initMs` the INIT time it waited for (0 when warm), `runMs` its
   * handler run time. It completes at startMs + initMs + runMs. `memoryUsedMb` and `cpuMs` are the
   * trace's observed values for the request, NaN when it has none. `instance` is the serial of the
   * instance serving it (as in onInstanceStart), for meters that bill per instance. `responseBytes` is
   * the trace's size of the request's response, NaN when it has none.
   */
  onInvocation(
    fn: number,
    flags: number,
    arrivalMs: number,
    startMs: number,
    initMs: number,
    runMs: number,
    memoryUsedMb: number,
    cpuMs: number,
    instance: number,
    responseBytes?: number,
  ): void;
  /** A request completes (its instance may still serve others). */
  onInvocationEnd(fn: number, flags: number, timeMs: number): void;
  /**
   * A request flagged INV.cpuShared completes, just before its onInvocationEnd: `runMs` is its real
   * run time, stretched by the CPU share it got (onInvocation gave the run time it would have had
   * alone). Observers that read the run time read it here for such requests.
   */
  onSharedRunEnd(
    fn: number,
    flags: number,
    arrivalMs: number,
    startMs: number,
    initMs: number,
    runMs: number,
    instance: number,
  ): void;
  /**
   * A request could not be placed. Async ones are retried later (`willRetry`) or dropped; sync ones
   * are rejected (429), at once or, with a queue timeout, when they have waited that long (INV.queued).
   */
  onThrottle(fn: number, flags: number, timeMs: number, reason: number, willRetry: boolean): void;
  /** An async event was dropped after its maximum event age. */
  onAsyncDropped(fn: number, timeMs: number, ageMs: number): void;
  /** An instance is created; it is ready after `initMs`. Provisioned ones are created before the trace starts. */
  onInstanceStart(fn: number, instance: number, timeMs: number, initMs: number, provisioned: boolean): void;
  /** The instance goes from no request in flight to at least one (INIT counts as busy). */
  onInstanceBusy(fn: number, instance: number, timeMs: number, provisioned: boolean): void;
  /** The instance has no request in flight any more. */
  onInstanceIdle(fn: number, instance: number, timeMs: number, provisioned: boolean): void;
  /** The instance is reclaimed. */
  onInstanceStop(fn: number, instance: number, timeMs: number, provisioned: boolean): void;
  /** A function's provisioned level is set (at the window start, then at each change). */
  onProvisionedLevel(fn: number, timeMs: number, level: number): void;
  /** The simulated window opens (the trace's first timestamp); provisioned instances are created just before. */
  onWindowStart(timeMs: number): void;
  /** The simulated window ends: time-weighted figures stop here. Events after it are work begun inside it. */
  onWindowEnd(timeMs: number): void;
}

/** An observer that ignores everything; extend it and override what you need. */
export class NullObserver implements PlatformObserver {
  onInvocation(
    _fn: number,
    _flags: number,
    _arrivalMs: number,
    _startMs: number,
    _initMs: number,
    _runMs: number,
    _memoryUsedMb: number,
    _cpuMs: number,
    _instance: number,
    _responseBytes?: number,
  ): void {}
  onInvocationEnd(_fn: number, _flags: number, _timeMs: number): void {}
  onSharedRunEnd(
    _fn: number,
    _flags: number,
    _arrivalMs: number,
    _startMs: number,
    _initMs: number,
    _runMs: number,
    _instance: number,
  ): void {}
  onThrottle(_fn: number, _flags: number, _timeMs: number, _reason: number, _willRetry: boolean): void {}
  onAsyncDropped(_fn: number, _timeMs: number, _ageMs: number): void {}
  onInstanceStart(
    _fn: number,
    _instance: number,
    _timeMs: number,
    _initMs: number,
    _provisioned: boolean,
  ): void {}
  onInstanceBusy(_fn: number, _instance: number, _timeMs: number, _provisioned: boolean): void {}
  onInstanceIdle(_fn: number, _instance: number, _timeMs: number, _provisioned: boolean): void {}
  onInstanceStop(_fn: number, _instance: number, _timeMs: number, _provisioned: boolean): void {}
  onProvisionedLevel(_fn: number, _timeMs: number, _level: number): void {}
  onWindowStart(_timeMs: number): void {}
  onWindowEnd(_timeMs: number): void {}
}

/**
 * Forwards every event to several observers, in order.
 *
 * The platform reports four or five events per request, so this sits on the hot path. Each event
 * goes only to the observers that override it (a billing meter typically ignores most events; their
 * NullObserver no-ops are skipped), and an event with one receiver is forwarded without a loop.
 */
export class ObserverFanOut implements PlatformObserver {
  readonly #inv: PlatformObserver[];
  readonly #end: PlatformObserver[];
  readonly #sharedEnd: PlatformObserver[];
  readonly #throttle: PlatformObserver[];
  readonly #dropped: PlatformObserver[];
  readonly #start: PlatformObserver[];
  readonly #busy: PlatformObserver[];
  readonly #idle: PlatformObserver[];
  readonly #stop: PlatformObserver[];
  readonly #level: PlatformObserver[];
  readonly #windowStart: PlatformObserver[];
  readonly #windowEnd: PlatformObserver[];
  /** the single receiver of onInvocationEnd / onInstanceBusy / onInstanceIdle, or null */
  readonly #end1: PlatformObserver | null;
  readonly #busy1: PlatformObserver | null;
  readonly #idle1: PlatformObserver | null;

  constructor(list: PlatformObserver[]) {
    const receivers = (name: keyof PlatformObserver): PlatformObserver[] =>
      list.filter((o) => o[name] !== NullObserver.prototype[name]);
    this.#inv = receivers('onInvocation');
    this.#end = receivers('onInvocationEnd');
    this.#sharedEnd = receivers('onSharedRunEnd');
    this.#throttle = receivers('onThrottle');
    this.#dropped = receivers('onAsyncDropped');
    this.#start = receivers('onInstanceStart');
    this.#busy = receivers('onInstanceBusy');
    this.#idle = receivers('onInstanceIdle');
    this.#stop = receivers('onInstanceStop');
    this.#level = receivers('onProvisionedLevel');
    this.#windowStart = receivers('onWindowStart');
    this.#windowEnd = receivers('onWindowEnd');
    this.#end1 = this.#end.length === 1 ? (this.#end[0] as PlatformObserver) : null;
    this.#busy1 = this.#busy.length === 1 ? (this.#busy[0] as PlatformObserver) : null;
    this.#idle1 = this.#idle.length === 1 ? (this.#idle[0] as PlatformObserver) : null;
  }
  onInvocation(
    fn: number,
    flags: number,
    arrivalMs: number,
    startMs: number,
    initMs: number,
    runMs: number,
    memoryUsedMb: number,
    cpuMs: number,
    instance: number,
    responseBytes = NaN,
  ): void {
    const l = this.#inv;
    for (let i = 0; i < l.length; i++)
      (l[i] as PlatformObserver).onInvocation(
        fn,
        flags,
        arrivalMs,
        startMs,
        initMs,
        runMs,
        memoryUsedMb,
        cpuMs,
        instance,
        responseBytes,
      );
  }
  onInvocationEnd(fn: number, flags: number, timeMs: number): void {
    const one = this.#end1;
    if (one !== null) {
      one.onInvocationEnd(fn, flags, timeMs);
      return;
    }
    const l = this.#end;
    for (let i = 0; i < l.length; i++) (l[i] as PlatformObserver).onInvocationEnd(fn, flags, timeMs);
  }
  onSharedRunEnd(
    fn: number,
    flags: number,
    arrivalMs: number,
    startMs: number,
    initMs: number,
    runMs: number,
    instance: number,
  ): void {
    const l = this.#sharedEnd;
    for (let i = 0; i < l.length; i++)
      (l[i] as PlatformObserver).onSharedRunEnd(fn, flags, arrivalMs, startMs, initMs, runMs, instance);
  }
  onThrottle(fn: number, flags: number, timeMs: number, reason: number, willRetry: boolean): void {
    const l = this.#throttle;
    for (let i = 0; i < l.length; i++)
      (l[i] as PlatformObserver).onThrottle(fn, flags, timeMs, reason, willRetry);
  }
  onAsyncDropped(fn: number, timeMs: number, ageMs: number): void {
    const l = this.#dropped;
    for (let i = 0; i < l.length; i++) (l[i] as PlatformObserver).onAsyncDropped(fn, timeMs, ageMs);
  }
  onInstanceStart(fn: number, instance: number, timeMs: number, initMs: number, provisioned: boolean): void {
    const l = this.#start;
    for (let i = 0; i < l.length; i++)
      (l[i] as PlatformObserver).onInstanceStart(fn, instance, timeMs, initMs, provisioned);
  }
  onInstanceBusy(fn: number, instance: number, timeMs: number, provisioned: boolean): void {
    const one = this.#busy1;
    if (one !== null) {
      one.onInstanceBusy(fn, instance, timeMs, provisioned);
      return;
    }
    const l = this.#busy;
    for (let i = 0; i < l.length; i++)
      (l[i] as PlatformObserver).onInstanceBusy(fn, instance, timeMs, provisioned);
  }
  onInstanceIdle(fn: number, instance: number, timeMs: number, provisioned: boolean): void {
    const one = this.#idle1;
    if (one !== null) {
      one.onInstanceIdle(fn, instance, timeMs, provisioned);
      return;
    }
    const l = this.#idle;
    for (let i = 0; i < l.length; i++)
      (l[i] as PlatformObserver).onInstanceIdle(fn, instance, timeMs, provisioned);
  }
  onInstanceStop(fn: number, instance: number, timeMs: number, provisioned: boolean): void {
    const l = this.#stop;
    for (let i = 0; i < l.length; i++)
      (l[i] as PlatformObserver).onInstanceStop(fn, instance, timeMs, provisioned);
  }
  onProvisionedLevel(fn: number, timeMs: number, level: number): void {
    const l = this.#level;
    for (let i = 0; i < l.length; i++) (l[i] as PlatformObserver).onProvisionedLevel(fn, timeMs, level);
  }
  onWindowStart(timeMs: number): void {
    const l = this.#windowStart;
    for (let i = 0; i < l.length; i++) (l[i] as PlatformObserver).onWindowStart(timeMs);
  }
  onWindowEnd(timeMs: number): void {
    const l = this.#windowEnd;
    for (let i = 0; i < l.length; i++) (l[i] as PlatformObserver).onWindowEnd(timeMs);
  }
}
