/**
 * The FaaS platform model: per function, execution environments that cold-start, serve, go idle and
 * expire. It runs on the engine's clock and reports what happens to a PlatformObserver; it knows no
 * prices.
 *
 * This file is the core: functions, instances, placing a request, completing it. The policies it
 * composes are units of their own:
 * - Caps (caps.ts): account and function concurrency caps, scaling tokens;
 * - routing (routing.ts): which instance with spare capacity a request takes;
 * - KeepAliveTimers (keep-alive-timers.ts): keep-alive windows and expiry checks of idle instances;
 * - WaitQueues (wait-queue.ts): sync requests waiting for capacity up to a timeout;
 * - AsyncRetries (async-retry.ts): async events retried with doubling waits until their maximum age;
 * - ProvisionedControl (provisioned-control.ts): fixed, scheduled and target-tracking levels;
 * - PingScheduler (ping-scheduler.ts): keep-warm pings;
 * - PrewarmedBuffer (prewarmed-buffer.ts): Azure Premium's spare instances.
 *
 * Trace arrivals are fed in time order with `arrive`; `finish` closes the window and completes the
 * work begun in it.
 */
import { Simulator } from '../engine/simulator.js';
import type { EventTarget } from '../engine/types.js';
import { Rng } from '../util/rng.js';
import { AsyncRetries } from './async-retry.js';
import { Caps } from './caps.js';
import { CpuShares, cpuFractionOf } from './cpu-sharing.js';
import { checkSchedulesFit, FLAG_SPACE } from './event-args.js';
import { FunctionRuntime, type Streams, ownList } from './function-runtime.js';
import { InFlightRequests } from './in-flight.js';
import { Instance, type InstanceList } from './instance.js';
import { KeepAliveTimers } from './keep-alive-timers.js';
import { LANE } from './lanes.js';
import { INV, THROTTLE, type PlatformObserver } from './observer.js';
import { PingScheduler } from './ping-scheduler.js';
import { PrewarmedBuffer } from './prewarmed-buffer.js';
import { ProvisionedControl, trackProvisioned } from './provisioned-control.js';
import { pickByCode, pickFitting, routeCode } from './routing.js';
import { mapRunTime } from './run-time-map.js';
import type { FunctionSpec, ModelSpec, PlatformSpec } from './spec.js';
import { TokenBucket } from './token-bucket.js';
import { WaitQueues } from './wait-queue.js';

/** Requests as columns, row by row (a trace chunk is one): what `Platform.arriveRows` reads. */
export interface RequestRows {
  /** function of each row, mapped through arriveRows' fnMap */
  fn: ArrayLike<number>;
  timeMs: ArrayLike<number>;
  /** NaN: draw from the function's duration model */
  durationMs: ArrayLike<number>;
  /** NaN: draw from the function's INIT model if the request cold-starts */
  initMs: ArrayLike<number>;
  /** 1 = async */
  isAsync: ArrayLike<number>;
  memoryUsedMb: ArrayLike<number>;
  cpuMs: ArrayLike<number>;
  /** bytes of each response, NaN when unknown */
  responseBytes: ArrayLike<number>;
}

export class Platform {
  readonly sim: Simulator;
  readonly #p: PlatformSpec;
  readonly #spec: ModelSpec;
  readonly #obs: PlatformObserver;
  readonly #fns: FunctionRuntime[] = [];
  readonly #byName = new Map<string, number>();
  /** scaling group (FunctionSpec.group) → the function whose runtime keeps the group's instances */
  readonly #groups = new Map<string, FunctionRuntime>();
  readonly #slots: Instance[] = [];
  readonly #freeSlots: Instance[] = [];
  #serial = 0;
  #started = false;
  #closed = false;
  #windowStartMs = 0;

  /** the run's streams, shared by every function unless each has its own (ModelSpec.rngStreams) */
  readonly #runStreams: Streams;
  /** an idle instance's function's keep-alive stream; undefined when every function draws from the run's */
  readonly #keepAliveStreamOf: ((slot: number) => Rng) | undefined;
  readonly #rng: Rng;
  /** the routing policy, resolved once (placing a request compares no strings) */
  readonly #route: number;

  readonly #caps: Caps;
  readonly #keepAlive: KeepAliveTimers;
  readonly #waits: WaitQueues;
  readonly #retries: AsyncRetries;
  readonly #provisioned: ProvisionedControl;
  readonly #pings: PingScheduler;
  readonly #buffer: PrewarmedBuffer;

  readonly #completion: EventTarget = { fire: (arg) => this.#complete(arg) };
  /** an instance's memory is shared by its requests (PlatformSpec.instanceMemoryShared) */
  readonly #memShared: boolean;
  /** a request's memory is its process's (PlatformSpec.processMemory): the largest counts, not the sum */
  readonly #processMemory: boolean;
  /**
   * Completions carry an id into #inFlight (the request's function and memory) instead of the packed
   * slot and flags where memory is shared or the request runs on its scaling group's instance; other
   * requests keep the lighter path.
   */
  readonly #inFlight = new InFlightRequests();
  readonly #completionTracked: EventTarget = { fire: (id) => this.#completeTracked(id) };
  /** processor sharing (PlatformSpec.cpuSharing), null without it: every request then keeps today's path */
  readonly #cpu: CpuShares | null;
  readonly #cpuFraction: number;
  readonly #provisionedReady: EventTarget = { fire: (arg) => this.#fireProvisionedReady(arg) };
  readonly #wake: EventTarget = { fire: (arg) => this.#fireWake(arg) };

  constructor(spec: ModelSpec, observer: PlatformObserver) {
    this.#spec = spec;
    this.#p = spec.platform;
    this.#obs = observer;
    this.sim = new Simulator(0);
    // Units take their events' targets from here: made once, so scheduling allocates nothing.
    this.#waits = new WaitQueues(spec.platform.queueTimeoutMs ?? 0, this.sim, {
      fire: (id) => this.#timeOutWait(id),
    });
    const rng = new Rng(spec.seed);
    this.#rng = rng;
    this.#runStreams = {
      init: rng.fork('init'),
      keepAlive: rng.fork('keep-alive'),
      routing: rng.fork('routing'),
      duration: rng.fork('duration'),
    };
    this.#route = routeCode(spec.platform.routing);
    this.#caps = new Caps(spec.platform);
    this.#keepAliveStreamOf =
      spec.rngStreams === 'function'
        ? (slot) => (this.#fns[(this.#slots[slot] as Instance).fn] as FunctionRuntime).streams.keepAlive
        : undefined;
    this.#keepAlive = new KeepAliveTimers(spec.platform.keepAlive, this.#runStreams.keepAlive, this.sim, {
      fire: (slot) => this.#expire(slot),
    });
    this.#retries = new AsyncRetries(spec.platform.asyncRetry, this.sim, {
      fire: (id) => this.#fireRetry(id),
    });
    this.#provisioned = new ProvisionedControl(this.sim, this.#fns, spec.epochOffsetMs, {
      setProvisioned: (fn, level, delayMs) => this.#setProvisioned(fn, level, delayMs),
    });
    this.#pings = new PingScheduler(this.sim, this.#fns, spec.epochOffsetMs, {
      ping: (fn, durationMs) =>
        this.#dispatch(fn, INV.ping, this.sim.nowMs, durationMs, NaN, NaN, NaN, NaN, 0),
    });
    this.#buffer = new PrewarmedBuffer(spec.platform.prewarmed ?? 0);
    this.#memShared = spec.platform.instanceMemoryShared === true;
    this.#processMemory = spec.platform.processMemory === true;
    const sharing = spec.platform.cpuSharing;
    this.#cpu =
      sharing === undefined
        ? null
        : new CpuShares(this.sim, {
            fire: (slot) => this.#completeTracked((this.#cpu as CpuShares).due(slot)),
          });
    this.#cpuFraction = sharing?.fraction ?? 0;
    for (const f of spec.functions) this.#addFunction(f);
  }

  get functionCount(): number {
    return this.#fns.length;
  }

  functionSpec(index: number): FunctionSpec {
    return (this.#fns[index] as FunctionRuntime).spec;
  }

  /** The function whose runtime keeps the instances of function `index`'s scaling group (itself unless it shares a group). */
  poolOf(index: number): number {
    return (this.#fns[index] as FunctionRuntime).pool.index;
  }

  get started(): boolean {
    return this.#started;
  }

  get windowStartMs(): number {
    return this.#windowStartMs;
  }

  /** Index of a function by name, adding it with the defaults if the trace brings a new one. */
  functionIndex(name: string): number {
    const known = this.#byName.get(name);
    if (known !== undefined) return known;
    const index = this.#addFunction(this.#spec.functionDefaults(name));
    if (this.#started) this.#startFunction(this.#fns[index] as FunctionRuntime, this.sim.nowMs);
    return index;
  }

  #addFunction(spec: FunctionSpec): number {
    if (this.#byName.has(spec.name)) throw new Error(`function ${spec.name} is declared twice`);
    checkSchedulesFit(spec);
    const fn = new FunctionRuntime(this.#fns.length, spec, this.#streamsFor(spec, this.#fns.length));
    this.#fns.push(fn);
    this.#byName.set(spec.name, fn.index);
    const group = spec.group;
    const pool = group === undefined ? undefined : this.#groups.get(group);
    if (pool !== undefined) fn.pool = pool;
    else {
      if (group !== undefined) this.#groups.set(group, fn);
      // a group's caps are its first function's (the runtime that keeps its instances)
      this.#caps.addFunction(spec);
    }
    this.#waits.addFunction();
    return fn.index;
  }

  /** The run's shared streams, or with per-function streams the function's own, forked from its index in the whole trace. */
  #streamsFor(spec: FunctionSpec, index: number): Streams {
    if (this.#spec.rngStreams !== 'function') return this.#runStreams;
    const own = this.#rng.fork(`function/${spec.streamIndex ?? index}`);
    return {
      init: own.fork('init'),
      keepAlive: own.fork('keep-alive'),
      routing: own.fork('routing'),
      duration: own.fork('duration'),
    };
  }

  /** Opens the window at `startMs` (the trace's first timestamp): provisioned instances, pings. */
  start(startMs: number): void {
    if (this.#started) throw new Error('platform already started');
    this.#started = true;
    this.#windowStartMs = startMs;
    this.#pings.open(startMs);
    this.sim.advanceBefore(startMs, 0);
    this.#obs.onWindowStart(startMs);
    for (const fn of this.#fns) this.#startFunction(fn, startMs);
  }

  #startFunction(fn: FunctionRuntime, nowMs: number): void {
    // a function that joins another's scaling group uses that group's instances, scaling and provisioned level
    if (fn.pool !== fn) {
      this.#pings.start(fn, nowMs);
      return;
    }
    fn.scaling = new TokenBucket(this.#p.scaling, nowMs);
    const asyncScaling = this.#p.asyncScaling;
    fn.asyncScaling = asyncScaling ? new TokenBucket(asyncScaling, nowMs) : null;
    const level = this.#provisioned.startingLevel(fn, nowMs);
    for (let i = 0; i < level; i++) {
      // The starting level is initialised before it is needed: ready at nowMs.
      const initMs = fn.spec.init.sample(fn.streams.init);
      const inst = this.#newInstance(fn, nowMs - initMs, initMs, true);
      inst.readyAtMs = nowMs;
      (fn.provisioned = ownList(fn.provisioned)).append(inst);
    }
    fn.provLevel = level;
    this.#obs.onProvisionedLevel(fn.index, nowMs, level);
    this.#provisioned.start(fn, nowMs);
    this.#pings.start(fn, nowMs);
  }

  /** Moves a function's provisioned level; new instances are ready after `delayMs` (at least their INIT). */
  #setProvisioned(fn: FunctionRuntime, level: number, delayMs: number): void {
    const now = this.sim.nowMs;
    let change = level - fn.provLevel;
    if (change === 0) return;
    fn.provLevel = level;
    this.#obs.onProvisionedLevel(fn.index, now, level);
    for (; change > 0; change--) {
      const initMs = fn.spec.init.sample(fn.streams.init);
      const inst = this.#newInstance(fn, now, initMs, true);
      inst.readyAtMs = now + Math.max(delayMs, initMs);
      inst.pending = true;
      (fn.provPending = ownList(fn.provPending)).append(inst);
      this.sim.at(inst.readyAtMs, LANE.capacity, this.#provisionedReady, inst.slot);
    }
    // Release instances still being allocated first, then idle ones, then busy ones when they finish.
    for (; change < 0 && fn.provPending.head !== null; change++) this.#stop(fn.provPending.head, now, false);
    for (let inst = fn.provisioned.head; change < 0 && inst !== null; ) {
      const next = inst.next;
      if (inst.inFlight === 0) {
        this.#stop(inst, now, false);
        change++;
      }
      inst = next;
    }
    fn.provRetireOwed += -change;
    if (this.#waits.total > 0) this.#drainAll();
  }

  #fireProvisionedReady(slot: number): void {
    const inst = this.#slots[slot] as Instance;
    // the slot may have been reused after this instance was released: act only on a pending one now due
    if (!inst.alive || !inst.pending || inst.readyAtMs > this.sim.nowMs) return;
    const fn = this.#fns[inst.fn] as FunctionRuntime;
    fn.provPending.remove(inst);
    inst.pending = false;
    (fn.provisioned = ownList(fn.provisioned)).append(inst);
    if (this.#waits.total > 0) this.#drainAll();
  }

  /**
   * A request from the trace. `runMs` is its handler run time as observed (NaN: draw one from the
   * function's duration model); `initMs` an observed INIT used if it cold-starts (NaN: draw one).
   * `memoryUsedMb`, `cpuMs` and `responseBytes` are observed quantities some billing models need (NaN when unknown);
   * the model passes them through to the observer untouched.
   */
  arrive(
    fn: number,
    timeMs: number,
    runMs: number,
    initMs: number,
    isAsync: boolean,
    memoryUsedMb = NaN,
    cpuMs = NaN,
    responseBytes = NaN,
  ): void {
    if (!this.#started) this.start(timeMs);
    this.sim.advanceBefore(timeMs, LANE.arrival);
    const f = this.#fns[fn] as FunctionRuntime;
    const run = Number.isNaN(runMs) || f.spec.durationReplacesTrace === true ? this.#drawRunMs(f) : runMs;
    this.#dispatch(
      f,
      isAsync ? INV.async : 0,
      timeMs,
      scaledRun(f.spec, run),
      initMs,
      memoryUsedMb,
      cpuMs,
      responseBytes,
      0,
    );
  }

  /**
   * `arrive` for rows 0..count−1 of `rows`, row i for function fnMap[rows.fn[i]], with isAsync
   * row i = (rows.isAsync[i] === 1). The same as calling arrive per row, but the numbers are read here
   * instead of being passed per request: a call that is not inlined passes each float argument boxed
   * in a new heap object, which for a trace of millions of rows is most of the engine's garbage.
   */
  arriveRows(rows: RequestRows, count: number, fnMap: ArrayLike<number>): void {
    const { fn, timeMs, durationMs, initMs, isAsync, memoryUsedMb, cpuMs, responseBytes } = rows;
    const fns = this.#fns;
    if (!this.#started && count > 0) this.start(timeMs[0] as number);
    const sim = this.sim;
    // Most traces have no INIT, memory, CPU or response-size column: their rows pass the literal NaN,
    // a constant, where a NaN read from a column is a new heap number at each call not inlined (four a row)
    const plain =
      allNaN(initMs, count) &&
      allNaN(memoryUsedMb, count) &&
      allNaN(cpuMs, count) &&
      allNaN(responseBytes, count);
    for (let i = 0; i < count; i++) {
      const t = timeMs[i] as number;
      sim.advanceBefore(t, LANE.arrival);
      const f = fns[fnMap[fn[i] as number] as number] as FunctionRuntime;
      const runMs = durationMs[i] as number;
      const run = Number.isNaN(runMs) || f.spec.durationReplacesTrace === true ? this.#drawRunMs(f) : runMs;
      const flags = isAsync[i] === 1 ? INV.async : 0;
      if (plain) this.#dispatch(f, flags, t, scaledRun(f.spec, run), NaN, NaN, NaN, NaN, 0);
      else
        this.#dispatch(
          f,
          flags,
          t,
          scaledRun(f.spec, run),
          initMs[i] as number,
          memoryUsedMb[i] as number,
          cpuMs[i] as number,
          responseBytes[i] as number,
          0,
        );
    }
  }

  /** A run time from the function's duration model, for a request whose trace row has none. */
  #drawRunMs(f: FunctionRuntime): number {
    const sampler = f.spec.duration;
    if (!sampler)
      throw new Error(`function ${f.spec.name} has no duration in the trace and no duration model`);
    return sampler.sample(f.streams.duration);
  }

  /**
   * Ends the window at `endMs`: events up to it run, observers freeze time-weighted figures, then
   * requests in flight complete and queued async events are retried until served or dropped.
   */
  finish(endMs: number): void {
    if (!this.#started) this.start(endMs);
    // The window is [start, end): a ping due at the end belongs to the next span (the month repeats
    // the span), so it is not fired; completions and expiries at the end still run.
    this.#pings.end(endMs);
    this.sim.run(endMs);
    this.#closed = true;
    this.#pings.close();
    this.#provisioned.close();
    this.#obs.onWindowEnd(endMs);
    this.sim.run();
  }

  #dispatch(
    fn: FunctionRuntime,
    flags: number,
    arrivalMs: number,
    runMs: number,
    initMs: number,
    memoryUsedMb: number,
    cpuMs: number,
    responseBytes: number,
    attempt: number,
  ): void {
    // A sync request never overtakes those already waiting for capacity in its function's queue.
    const waits = this.#waits;
    const queueing = waits.timeoutMs > 0 && (flags & (INV.async | INV.ping)) === 0;
    if (queueing && waits.count(fn.index) > 0) this.#drainFunction(fn);
    const blocked =
      queueing && waits.count(fn.index) > 0
        ? THROTTLE.functionLimit
        : this.#place(fn, flags, arrivalMs, runMs, initMs, memoryUsedMb, cpuMs, responseBytes);
    if (blocked < 0) return;
    if (queueing) {
      waits.enqueue(fn.index, flags, arrivalMs, runMs, initMs, memoryUsedMb, cpuMs, blocked, responseBytes);
      if (blocked === THROTTLE.scalingRate) this.#armWake(fn);
      return;
    }
    this.#throttle(fn, flags, arrivalMs, runMs, initMs, memoryUsedMb, cpuMs, responseBytes, attempt, blocked);
  }

  /** Places a request on an instance (warm, or a new one); returns -1, or the THROTTLE reason it could not be placed. */
  #place(
    req: FunctionRuntime,
    flags: number,
    arrivalMs: number,
    runMs: number,
    initMs: number,
    memoryUsedMb: number,
    cpuMs: number,
    responseBytes: number,
  ): number {
    const now = this.sim.nowMs;
    // the instances, caps and scaling of the request's scaling group
    const fn = req.pool;
    const memShared = this.#memShared;
    let needMb = memShared ? requestMemoryMb(req.spec, memoryUsedMb) : 0;
    if (this.#processMemory) needMb = processHeldMb(needMb, fn.spec.memoryMb);
    let inst = fn.provisioned.count > 0 ? pickByCode(fn.provisioned, this.#route, fn.streams.routing) : null;
    if (memShared && inst !== null && !fitsMemory(inst, needMb, fn.spec.memoryMb))
      inst = pickFitting(fn.provisioned, needMb, fn.spec.memoryMb);
    if (inst === null) {
      inst = fn.onDemand.count > 0 ? pickByCode(fn.onDemand, this.#route, fn.streams.routing) : null;
      if (memShared && inst !== null && !fitsMemory(inst, needMb, fn.spec.memoryMb))
        inst = pickFitting(fn.onDemand, needMb, fn.spec.memoryMb);
    }
    let blocked = -1;
    if (inst !== null) {
      if (inst.inFlight === 0 && this.#caps.countsBusy) blocked = this.#caps.activationBlocked(fn);
      if (blocked < 0) {
        this.#startOn(inst, fn, req, flags, arrivalMs, runMs, memoryUsedMb, cpuMs, needMb, responseBytes);
        if (this.#buffer.size > 0) this.#replenishBuffer(fn, now);
        return -1;
      }
    } else {
      blocked = this.#caps.creationBlocked(fn, now, (flags & INV.async) !== 0);
    }
    if (blocked >= 0) return blocked;
    if ((flags & INV.ping) === 0 && fn.pingOnlyBusy > 0) flags |= INV.pingCaused;
    const init = Number.isNaN(initMs) ? req.spec.init.sample(fn.streams.init) : initMs;
    const created = this.#newInstance(fn, now, init, false);
    this.#startOn(
      created,
      fn,
      req,
      flags | INV.cold,
      arrivalMs,
      runMs,
      memoryUsedMb,
      cpuMs,
      needMb,
      responseBytes,
    );
    if (this.#buffer.size > 0) this.#replenishBuffer(fn, now);
    return -1;
  }

  /**
   * Starts on-demand instances with no request (billed, INIT run) while the pre-warmed buffer is
   * short, each within the caps and taking a scale-out token. They join the end of the available list.
   */
  #replenishBuffer(fn: FunctionRuntime, now: number): void {
    while (this.#buffer.short(fn) && this.#caps.capBlocked(fn) < 0 && fn.scaling.take(now)) {
      const inst = this.#newInstance(fn, now, fn.spec.init.sample(fn.streams.init), false);
      fn.onDemand.append(inst);
      fn.spareOnDemand++;
      this.#keepAlive.arm(inst.slot, inst.readyAtMs);
    }
  }

  /** The head of a queue waited as long as it may: it is rejected (429). */
  #timeOutWait(id: number): void {
    const r = this.#waits.requests;
    this.#waits.timeOut(id);
    this.#obs.onThrottle(
      r.fn[id] as number,
      r.flags[id] as number,
      this.sim.nowMs,
      r.tag[id] as number,
      false,
    );
  }

  /** Serves waiting requests of `fn` in order while capacity lets it. */
  #drainFunction(fn: FunctionRuntime): void {
    const waits = this.#waits;
    const r = waits.requests;
    while (waits.count(fn.index) > 0) {
      const id = waits.head(fn.index);
      const blocked = this.#place(
        fn,
        r.flags[id] as number,
        r.arrivalMs[id] as number,
        r.runMs[id] as number,
        r.initMs[id] as number,
        r.memoryUsedMb[id] as number,
        r.cpuMs[id] as number,
        r.responseBytes[id] as number,
      );
      if (blocked >= 0) {
        r.tag[id] = blocked;
        if (blocked === THROTTLE.scalingRate) this.#armWake(fn);
        return;
      }
      waits.serveHead(fn.index);
    }
  }

  /**
   * Capacity may have been freed (a request completed, an instance stopped): serve waiting requests,
   * function by function in index order. Only the functions with a queue are visited, so a trace of
   * thousands of functions pays nothing for the ones that have none.
   */
  #drainAll(): void {
    const fns = this.#fns;
    const waits = this.#waits;
    const waiting = waits.waitingFns;
    // Draining a function only ever unmarks that function (placing a request queues nothing), so
    // the list is walked in place: stay at k when function k left it, move on when it did not.
    for (let k = 0; k < waiting.length && waits.total > 0; ) {
      const index = waiting[k] as number;
      this.#drainFunction(fns[index] as FunctionRuntime);
      if (waiting[k] === index) k++;
    }
  }

  /** Schedules a wake-up for when the function's scaling bucket holds a whole token again. */
  #armWake(fn: FunctionRuntime): void {
    const scaling = fn.pool.scaling;
    if (scaling.rate === null || !Number.isNaN(fn.wakeAtMs)) return;
    const at = scaling.nextTokenAtMs();
    fn.wakeAtMs = Math.max(at, this.sim.nowMs);
    this.sim.at(fn.wakeAtMs, LANE.capacity, this.#wake, fn.index);
  }

  #fireWake(fnIndex: number): void {
    const fn = this.#fns[fnIndex] as FunctionRuntime;
    fn.wakeAtMs = NaN;
    if (this.#waits.count(fnIndex) > 0) this.#drainFunction(fn);
  }

  #throttle(
    fn: FunctionRuntime,
    flags: number,
    arrivalMs: number,
    runMs: number,
    initMs: number,
    memoryUsedMb: number,
    cpuMs: number,
    responseBytes: number,
    attempt: number,
    reason: number,
  ): void {
    const now = this.sim.nowMs;
    if ((flags & INV.async) === 0) {
      this.#obs.onThrottle(fn.index, flags, now, reason, false);
      return;
    }
    if (
      !this.#retries.schedule(
        now,
        fn.index,
        flags,
        arrivalMs,
        runMs,
        initMs,
        memoryUsedMb,
        cpuMs,
        attempt,
        responseBytes,
      )
    ) {
      this.#obs.onThrottle(fn.index, flags, now, reason, false);
      this.#obs.onAsyncDropped(fn.index, now, now - arrivalMs);
      return;
    }
    this.#obs.onThrottle(fn.index, flags, now, reason, true);
  }

  #fireRetry(id: number): void {
    const r = this.#retries.requests;
    const fn = this.#fns[r.fn[id] as number] as FunctionRuntime;
    // released first, as the columns are read into the call's arguments before anything parks again
    r.release(id);
    this.#dispatch(
      fn,
      r.flags[id] as number,
      r.arrivalMs[id] as number,
      r.runMs[id] as number,
      r.initMs[id] as number,
      r.memoryUsedMb[id] as number,
      r.cpuMs[id] as number,
      r.responseBytes[id] as number,
      r.tag[id] as number,
    );
  }

  #newInstance(fn: FunctionRuntime, createdAtMs: number, initMs: number, provisioned: boolean): Instance {
    const inst = this.#freeSlots.pop() ?? this.#allocSlot();
    inst.serial = this.#serial++;
    inst.fn = fn.index;
    inst.provisioned = provisioned;
    inst.pending = false;
    inst.alive = true;
    inst.readyAtMs = createdAtMs + initMs;
    inst.inFlight = 0;
    inst.pingInFlight = 0;
    inst.memoryInUseMb = 0;
    inst.held = false;
    this.#keepAlive.reset(inst.slot);
    this.#caps.started(fn);
    this.#obs.onInstanceStart(fn.index, inst.serial, createdAtMs, initMs, provisioned);
    return inst;
  }

  #allocSlot(): Instance {
    const inst = new Instance(this.#slots.length);
    this.#slots.push(inst);
    return inst;
  }

  /**
   * `fn`: the runtime that keeps the instance (the scaling group's); `req`: the request's own function;
   * `needMb`: the memory the request holds on the instance (0 where memory is not shared)
   */
  #startOn(
    inst: Instance,
    fn: FunctionRuntime,
    req: FunctionRuntime,
    flags: number,
    arrivalMs: number,
    runMs: number,
    memoryUsedMb: number,
    cpuMs: number,
    needMb: number,
    responseBytes: number,
  ): void {
    const now = this.sim.nowMs;
    let waitMs = 0;
    if (inst.readyAtMs > now) {
      waitMs = inst.readyAtMs - now;
      if ((flags & INV.cold) === 0) flags |= INV.initWait;
    }
    if (inst.provisioned) flags |= INV.provisioned;
    const cpu = this.#cpu;
    if (cpu !== null) flags |= INV.cpuShared;
    const wasPingOnly = inst.inFlight > 0 && inst.inFlight === inst.pingInFlight;
    // Only a ping on a ready instance can take a warm instance away from a user request; one that
    // cold-starts holds an instance that would not exist without it.
    const warmPing = (flags & INV.ping) !== 0 && (flags & (INV.cold | INV.initWait)) === 0;
    if (inst.inFlight === 0) {
      // a spare on-demand instance taken (a new one created for this request never was spare)
      if (!inst.provisioned && (flags & INV.cold) === 0) fn.spareOnDemand--;
      inst.held = false;
      this.#keepAlive.busy(inst.slot);
      this.#caps.busy(fn);
      this.#obs.onInstanceBusy(fn.index, inst.serial, now, inst.provisioned);
    }
    inst.inFlight++;
    if (inst.provisioned) trackProvisioned(fn, now, 1);
    if (warmPing) inst.pingInFlight++;
    const isPingOnly = inst.inFlight === inst.pingInFlight;
    if (wasPingOnly !== isPingOnly) fn.pingOnlyBusy += isPingOnly ? 1 : -1;

    const list = inst.provisioned ? fn.provisioned : fn.onDemand;
    if (inst.inList) list.remove(inst);
    if (inst.inFlight < this.#p.perInstanceConcurrency) list.append(inst);

    this.#obs.onInvocation(
      req.index,
      flags,
      arrivalMs,
      now,
      waitMs,
      runMs,
      memoryUsedMb,
      cpuMs,
      inst.serial,
      responseBytes,
    );
    const doneAtMs = now + waitMs + runMs;
    if (cpu !== null) {
      inst.memoryInUseMb += needMb;
      const id = this.#inFlight.add(inst.slot, flags, req.index, needMb);
      const f = cpuFractionOf(cpuMs, runMs, this.#cpuFraction);
      cpu.join(
        inst.slot,
        id,
        fn.spec.instanceVcpus ?? Infinity,
        inst.inFlight,
        arrivalMs,
        waitMs,
        now + waitMs,
        runMs,
        f,
      );
    } else if (this.#memShared || req !== fn) {
      inst.memoryInUseMb += needMb;
      this.sim.post(
        doneAtMs,
        LANE.complete,
        this.#completionTracked,
        this.#inFlight.add(inst.slot, flags, req.index, needMb),
      );
    } else {
      this.sim.post(doneAtMs, LANE.complete, this.#completion, inst.slot * FLAG_SPACE + flags);
    }
  }

  #complete(arg: number): void {
    const slot = Math.floor(arg / FLAG_SPACE);
    const inst = this.#slots[slot] as Instance;
    this.#completeOn(inst, arg - slot * FLAG_SPACE, inst.fn);
  }

  #completeTracked(id: number): void {
    const r = this.#inFlight;
    const inst = this.#slots[r.slot[id] as number] as Instance;
    const flags = r.flags[id] as number;
    const reqFn = r.fn[id] as number;
    inst.memoryInUseMb -= r.memoryMb[id] as number;
    const cpu = this.#cpu;
    if (cpu !== null) {
      const runStartMs = cpu.runStartMs[id] as number;
      const initMs = cpu.initMs[id] as number;
      this.#obs.onSharedRunEnd(
        reqFn,
        flags,
        cpu.arrivalMs[id] as number,
        runStartMs - initMs,
        initMs,
        this.sim.nowMs - runStartMs,
        inst.serial,
      );
      const vcpus = (this.#fns[inst.fn] as FunctionRuntime).spec.instanceVcpus ?? Infinity;
      cpu.leave(inst.slot, id, vcpus, inst.inFlight - 1);
    }
    // released before completing: completing may place a waiting request, which takes an id
    r.release(id);
    this.#completeOn(inst, flags, reqFn);
  }

  /** `reqFn`: the request's own function (the instance may belong to its scaling group's first) */
  #completeOn(inst: Instance, flags: number, reqFn: number): void {
    const fn = this.#fns[inst.fn] as FunctionRuntime;
    const now = this.sim.nowMs;
    const wasPingOnly = inst.inFlight === inst.pingInFlight;
    const wasFull = inst.inFlight >= this.#p.perInstanceConcurrency;
    inst.inFlight--;
    if (inst.provisioned) trackProvisioned(fn, now, -1);
    if ((flags & INV.ping) !== 0 && (flags & (INV.cold | INV.initWait)) === 0) inst.pingInFlight--;
    const isPingOnly = inst.inFlight > 0 && inst.inFlight === inst.pingInFlight;
    if (wasPingOnly !== isPingOnly) fn.pingOnlyBusy += isPingOnly ? 1 : -1;
    this.#obs.onInvocationEnd(reqFn, flags, now);

    if (wasFull && !(inst.provisioned && fn.provRetireOwed > 0 && inst.inFlight === 0))
      (inst.provisioned ? fn.provisioned : fn.onDemand).append(inst);
    if (inst.inFlight === 0) {
      // no drift from adding and subtracting fractional MB
      inst.memoryInUseMb = 0;
      this.#caps.idle(fn);
      if (fn.busyInstances === 0 && fn.held !== null && fn.held.length > 0)
        this.#buffer.release(fn, now, this.#keepAlive);
      this.#obs.onInstanceIdle(fn.index, inst.serial, now, inst.provisioned);
      if (!inst.provisioned) {
        fn.spareOnDemand++;
        this.#keepAlive.arm(inst.slot, now);
      } else if (fn.provRetireOwed > 0) {
        fn.provRetireOwed--;
        this.#stop(inst, now);
      }
    }
    if (this.#waits.total > 0) this.#drainAll();
  }

  /**
   * An idle instance's keep-alive check is due. Most checks find the instance busy again or its
   * window not over: they read only the keep-alive record, not the instance or its function, which
   * with many functions are long out of the caches by then.
   */
  #expire(slot: number): void {
    const keepAlive = this.#keepAlive;
    keepAlive.fired(slot);
    if (this.#closed || keepAlive.isBusy(slot)) return;
    const now = this.sim.nowMs;
    if (this.#buffer.size > 0) {
      const inst = this.#slots[slot] as Instance;
      const fn = this.#fns[inst.fn] as FunctionRuntime;
      if (this.#buffer.keeps(fn)) {
        this.#buffer.hold(fn, inst);
        return;
      }
    }
    if (keepAlive.windowOver(slot, now, this.#keepAliveStreamOf))
      this.#stop(this.#slots[slot] as Instance, now);
  }

  /** `drain`: serve queued requests with the freed capacity now (callers stopping several at once drain after) */
  #stop(inst: Instance, now: number, drain = true): void {
    const fn = this.#fns[inst.fn] as FunctionRuntime;
    this.#keepAlive.cancel(inst.slot);
    if (inst.inList) this.#listOf(fn, inst).remove(inst);
    if (!inst.provisioned && inst.inFlight === 0) fn.spareOnDemand--;
    inst.alive = false;
    this.#caps.stopped(fn);
    this.#obs.onInstanceStop(fn.index, inst.serial, now, inst.provisioned);
    this.#freeSlots.push(inst);
    if (drain && this.#waits.total > 0) this.#drainAll();
  }

  #listOf(fn: FunctionRuntime, inst: Instance): InstanceList {
    if (!inst.provisioned) return fn.onDemand;
    return inst.pending ? fn.provPending : fn.provisioned;
  }
}

/** Whether the first `count` values of `column` are all NaN. */
function allNaN(column: ArrayLike<number>, count: number): boolean {
  for (let i = 0; i < count; i++) if (!Number.isNaN(column[i] as number)) return false;
  return true;
}

/** The memory a request holds on its instance: memory_used_mb where the trace has it, else its function's figure. */
function requestMemoryMb(spec: FunctionSpec, memoryUsedMb: number): number {
  return Number.isNaN(memoryUsedMb) ? (spec.requestMemoryMb ?? 0) : memoryUsedMb;
}

/**
 * What a request whose memory is its process's (PlatformSpec.processMemory) adds to its instance's
 * memoryInUseMb. The instance holds the largest in flight, which stays within `instanceMb` exactly
 * while no request above it is in flight (such a one goes only to an instance with nothing in
 * flight). So a request above it counts as more than the instance and any other as nothing: the sum
 * test of fitsMemory then decides max(held, need) <= instanceMb, and a completion subtracts what its
 * request added, with no rescan of the others for the new largest.
 */
function processHeldMb(memoryMb: number, instanceMb: number): number {
  return memoryMb > instanceMb ? instanceMb + 1 : 0;
}

/** A request fits on an instance with nothing in flight (even one larger than the instance), else within its free memory. */
function fitsMemory(inst: Instance, needMb: number, instanceMb: number): boolean {
  return inst.inFlight === 0 || inst.memoryInUseMb + needMb <= instanceMb;
}

/** A request's run time at the function's memory (see FunctionSpec.runTimeFactor and runTimeMap). */
function scaledRun(spec: FunctionSpec, runMs: number): number {
  const map = spec.runTimeMap;
  return map === undefined ? runMs * spec.runTimeFactor : mapRunTime(map, runMs);
}
