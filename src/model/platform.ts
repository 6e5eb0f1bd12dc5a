/**
 * The FaaS platform model: per function, execution environments that cold-start, serve, go idle and
 * expire; account and function concurrency caps; a scaling rate; provisioned instances; scheduled
 * pings; async retries; optionally a FIFO queue per function where sync requests wait for capacity
 * up to a timeout before they are rejected. It runs on the engine's clock and reports what happens to a PlatformObserver.
 * It knows no prices.
 *
 * Trace arrivals are fed in time order with `arrive`; `finish` closes the window and completes the
 * work begun in it.
 */
import { Simulator } from '../engine/simulator.js';
import type { EventTarget } from '../engine/types.js';
import { nextFiring } from '../util/cron.js';
import { Rng } from '../util/rng.js';
import { Instance, InstanceList } from './instance.js';
import { KeepAliveDraw } from './keep-alive.js';
import { LANE } from './lanes.js';
import { mapRunTime } from './run-time-map.js';
import { TokenBucket } from './token-bucket.js';
import { INV, THROTTLE, type PlatformObserver } from './observer.js';
import { pickByCode, routeCode } from './routing.js';
import type { FunctionSpec, ModelSpec, PingSpec, PlatformSpec } from './spec.js';

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
}

/** Bits of INV that fit in an event argument next to the instance slot. */
const FLAG_SPACE = 128;

/**
 * The provisioned lists of a function that never had a provisioned instance: shared, never appended
 * to (a million functions without provisioned instances would otherwise hold two million empty
 * lists); `ownList` replaces it before the first append.
 */
const NO_INSTANCES = new InstanceList();

function ownList(list: InstanceList): InstanceList {
  return list === NO_INSTANCES ? new InstanceList() : list;
}

class FunctionRuntime {
  readonly onDemand = new InstanceList();
  provisioned = NO_INSTANCES;
  busyInstances = 0;
  aliveInstances = 0;
  /** on-demand instances with nothing in flight, ready or starting (the pre-warmed buffer counts these) */
  spareOnDemand = 0;
  /** spare instances held as the pre-warmed buffer while the function is busy (Instance.held; stale entries skipped) */
  readonly held: Instance[] = [];
  /** ready instances whose every in-flight request is a ping that found them warm */
  pingOnlyBusy = 0;
  /** new instances: PlatformSpec.scaling, and asyncScaling for async requests where the platform has it */
  scaling = new TokenBucket(null, 0);
  asyncScaling: TokenBucket | null = null;
  /** configured provisioned level, and instances allocated but not ready yet */
  provLevel = 0;
  provPending = NO_INSTANCES;
  /** busy provisioned instances to stop when they finish (the level went down) */
  provRetireOwed = 0;
  /** requests in flight on provisioned instances, integrated over time for auto-scaling */
  provInFlight = 0;
  provInFlightMs = 0;
  provLastMs = 0;
  autoAbove = 0;
  autoBelow = 0;
  /** sync requests waiting for capacity: a FIFO of wait ids (see Platform's #wait… arrays) */
  waitHead = -1;
  waitTail = -1;
  waiting = 0;
  /** a pending wake-up for when the scaling bucket holds a token again, or NaN */
  wakeAtMs = NaN;
  constructor(
    readonly index: number,
    readonly spec: FunctionSpec,
  ) {}
}

export class Platform {
  readonly sim: Simulator;
  readonly #p: PlatformSpec;
  readonly #spec: ModelSpec;
  readonly #obs: PlatformObserver;
  readonly #fns: FunctionRuntime[] = [];
  readonly #byName = new Map<string, number>();
  readonly #slots: Instance[] = [];
  readonly #freeSlots: Instance[] = [];
  #serial = 0;
  #sumReserved = 0;
  #busyUnreserved = 0;
  #aliveTotal = 0;
  #started = false;
  #closed = false;
  #windowStartMs = 0;
  #windowEndMs = Infinity;

  readonly #rngInit: Rng;
  readonly #rngKeepAlive: Rng;
  readonly #rngRouting: Rng;
  readonly #rngDuration: Rng;
  /** the routing policy and keep-alive spec, resolved once (placing a request compares no strings) */
  readonly #route: number;
  readonly #keepAlive: KeepAliveDraw;
  /** PlatformSpec.prewarmed */
  readonly #prewarmed: number;

  // Async events waiting for a retry, as parallel arrays with a free list.
  #retryFn: number[] = [];
  #retryFlags: number[] = [];
  #retryArrivalMs: number[] = [];
  #retryRunMs: number[] = [];
  #retryInitMs: number[] = [];
  #retryMemoryMb: number[] = [];
  #retryCpuMs: number[] = [];
  #retryAttempt: number[] = [];
  #retryFree: number[] = [];

  // Sync requests waiting in their function's queue, as parallel arrays with a free list; each
  // function keeps a FIFO linked through #waitNext.
  readonly #queueTimeoutMs: number;
  #waitFn: number[] = [];
  #waitFlags: number[] = [];
  #waitArrivalMs: number[] = [];
  #waitRunMs: number[] = [];
  #waitInitMs: number[] = [];
  #waitMemoryMb: number[] = [];
  #waitCpuMs: number[] = [];
  #waitReason: number[] = [];
  #waitTimer: number[] = [];
  #waitNext: number[] = [];
  #waitFree: number[] = [];
  /** requests waiting in all queues */
  #waitingTotal = 0;
  /** indices of the functions whose queue is not empty, ascending */
  readonly #waitingFns: number[] = [];

  readonly #completion: EventTarget = { fire: (arg) => this.#complete(arg) };
  readonly #expiry: EventTarget = { fire: (arg) => this.#expire(arg) };
  readonly #ping: EventTarget = { fire: (arg) => this.#firePings(arg) };
  readonly #retry: EventTarget = { fire: (arg) => this.#fireRetry(arg) };
  readonly #capacityAction: EventTarget = { fire: (arg) => this.#fireCapacityAction(arg) };
  readonly #autoTick: EventTarget = { fire: (arg) => this.#fireAutoTick(arg) };
  readonly #provisionedReady: EventTarget = { fire: (arg) => this.#fireProvisionedReady(arg) };
  readonly #waitTimeout: EventTarget = { fire: (arg) => this.#timeOutWait(arg) };
  readonly #wake: EventTarget = { fire: (arg) => this.#fireWake(arg) };

  constructor(spec: ModelSpec, observer: PlatformObserver) {
    this.#spec = spec;
    this.#p = spec.platform;
    this.#obs = observer;
    const qt = spec.platform.queueTimeoutMs ?? 0;
    if (!(qt >= 0) || qt === Infinity) throw new RangeError(`queueTimeoutMs must be a finite number ≥ 0, got ${qt}`);
    this.#queueTimeoutMs = qt;
    this.sim = new Simulator(0);
    const rng = new Rng(spec.seed);
    this.#rngInit = rng.fork('init');
    this.#rngKeepAlive = rng.fork('keep-alive');
    this.#rngRouting = rng.fork('routing');
    this.#rngDuration = rng.fork('duration');
    this.#route = routeCode(spec.platform.routing);
    this.#keepAlive = new KeepAliveDraw(spec.platform.keepAlive);
    this.#prewarmed = spec.platform.prewarmed ?? 0;
    for (const f of spec.functions) this.#addFunction(f);
  }

  get functionCount(): number {
    return this.#fns.length;
  }

  functionSpec(index: number): FunctionSpec {
    return (this.#fns[index] as FunctionRuntime).spec;
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
    const fn = new FunctionRuntime(this.#fns.length, spec);
    this.#fns.push(fn);
    this.#byName.set(spec.name, fn.index);
    if (spec.reservedConcurrency !== null) this.#sumReserved += spec.reservedConcurrency;
    return fn.index;
  }

  /** Opens the window at `startMs` (the trace's first timestamp): provisioned instances, pings. */
  start(startMs: number): void {
    if (this.#started) throw new Error('platform already started');
    this.#started = true;
    this.#windowStartMs = startMs;
    this.sim.advanceBefore(startMs, 0);
    this.#obs.onWindowStart(startMs);
    for (const fn of this.#fns) this.#startFunction(fn, startMs);
  }

  #startFunction(fn: FunctionRuntime, nowMs: number): void {
    fn.scaling = new TokenBucket(this.#p.scaling, nowMs);
    const asyncScaling = this.#p.asyncScaling;
    fn.asyncScaling = asyncScaling ? new TokenBucket(asyncScaling, nowMs) : null;
    fn.provLastMs = nowMs;
    const control = fn.spec.provisionedControl;
    let level = fn.spec.provisioned;
    if (control?.kind === 'schedule') level = this.#scheduledLevelAt(fn, nowMs);
    for (let i = 0; i < level; i++) {
      // The starting level is initialised before it is needed: ready at nowMs.
      const initMs = fn.spec.init.sample(this.#rngInit);
      const inst = this.#newInstance(fn, nowMs - initMs, initMs, true);
      inst.readyAtMs = nowMs;
      (fn.provisioned = ownList(fn.provisioned)).append(inst);
    }
    fn.provLevel = level;
    this.#obs.onProvisionedLevel(fn.index, nowMs, level);
    if (control?.kind === 'schedule') {
      control.actions.forEach((a, i) => this.#scheduleAt(nextFiring(a.schedule, nowMs + this.#spec.epochOffsetMs, 0) - this.#spec.epochOffsetMs, LANE.capacity, this.#capacityAction, fn.index * ARG_SPACE + i));
    } else if (control?.kind === 'auto') {
      this.sim.at(nowMs + MINUTE_MS, LANE.capacity, this.#autoTick, fn.index);
    }
    fn.spec.pings.forEach((pings, i) => this.#scheduleAt(this.#nextPing(pings, nowMs), LANE.ping, this.#ping, (fn.index * ARG_SPACE + i) * 2));
  }

  #scheduleAt(timeMs: number, lane: number, target: EventTarget, arg: number): void {
    if (timeMs !== Infinity) this.sim.at(timeMs, lane, target, arg);
  }

  /** First firing of a ping schedule at or after `fromMs` (model time). */
  #nextPing(pings: PingSpec, fromMs: number): number {
    const offset = this.#spec.epochOffsetMs;
    if (pings.schedule.kind === 'rate') return nextFiring(pings.schedule, fromMs, this.#windowStartMs + pings.phaseMs);
    return nextFiring(pings.schedule, fromMs + offset, 0) - offset;
  }

  /** The level the last scheduled action before `nowMs` (looking back a week) left in place. */
  #scheduledLevelAt(fn: FunctionRuntime, nowMs: number): number {
    const control = fn.spec.provisionedControl;
    if (control?.kind !== 'schedule') return fn.spec.provisioned;
    const offset = this.#spec.epochOffsetMs;
    let best = -Infinity;
    let level = fn.spec.provisioned;
    for (const a of control.actions) {
      // the latest firing in (now − 7 d, now]
      let t = nextFiring(a.schedule, nowMs + offset - WEEK_MS, 0);
      let last = -Infinity;
      while (t <= nowMs + offset) {
        last = t;
        t = nextFiring(a.schedule, t + 1, 0);
      }
      if (last > best) {
        best = last;
        level = a.level;
      }
    }
    return level;
  }

  #fireCapacityAction(arg: number): void {
    if (this.#closed) return;
    const fn = this.#fns[Math.floor(arg / ARG_SPACE)] as FunctionRuntime;
    const control = fn.spec.provisionedControl;
    if (control?.kind !== 'schedule') return;
    const action = control.actions[arg % ARG_SPACE] as { schedule: PingSpec['schedule']; level: number };
    const now = this.sim.nowMs;
    this.#setProvisioned(fn, action.level, control.allocationDelayMs);
    const offset = this.#spec.epochOffsetMs;
    this.#scheduleAt(nextFiring(action.schedule, now + offset + 1, 0) - offset, LANE.capacity, this.#capacityAction, arg);
  }

  #trackProvisioned(fn: FunctionRuntime, now: number, delta: number): void {
    fn.provInFlightMs += fn.provInFlight * (now - fn.provLastMs);
    fn.provLastMs = now;
    fn.provInFlight += delta;
  }

  /**
   * Target tracking, once a minute: utilisation is the minute's average of requests in flight on
   * provisioned instances over the level. Above target for `scaleOutMinutes` minutes in a row →
   * level × utilisation / target (rounded up); below `scaleInRatio` × target for `scaleInMinutes` →
   * the same formula downwards. New instances are ready after the allocation delay.
   */
  #fireAutoTick(fnIndex: number): void {
    if (this.#closed) return;
    const fn = this.#fns[fnIndex] as FunctionRuntime;
    const c = fn.spec.provisionedControl;
    if (c?.kind !== 'auto') return;
    const now = this.sim.nowMs;
    this.#trackProvisioned(fn, now, 0);
    const util = fn.provLevel > 0 ? fn.provInFlightMs / (fn.provLevel * MINUTE_MS) : 1;
    fn.provInFlightMs = 0;
    fn.autoAbove = util > c.targetUtilization ? fn.autoAbove + 1 : 0;
    fn.autoBelow = util < c.scaleInRatio * c.targetUtilization ? fn.autoBelow + 1 : 0;
    const desired = Math.min(c.maxLevel, Math.max(c.minLevel, Math.ceil(fn.provLevel * (util / c.targetUtilization) - 1e-9)));
    if (fn.autoAbove >= c.scaleOutMinutes && desired > fn.provLevel) {
      this.#setProvisioned(fn, desired, c.allocationDelayMs);
      fn.autoAbove = fn.autoBelow = 0;
    } else if (fn.autoBelow >= c.scaleInMinutes && desired < fn.provLevel) {
      this.#setProvisioned(fn, desired, c.allocationDelayMs);
      fn.autoAbove = fn.autoBelow = 0;
    }
    this.sim.at(now + MINUTE_MS, LANE.capacity, this.#autoTick, fnIndex);
  }

  /** Moves a function's provisioned level; new instances are ready after `delayMs` (at least their INIT). */
  #setProvisioned(fn: FunctionRuntime, level: number, delayMs: number): void {
    const now = this.sim.nowMs;
    let change = level - fn.provLevel;
    if (change === 0) return;
    fn.provLevel = level;
    this.#obs.onProvisionedLevel(fn.index, now, level);
    for (; change > 0; change--) {
      const initMs = fn.spec.init.sample(this.#rngInit);
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
    if (this.#waitingTotal > 0) this.#drainAll();
  }

  #fireProvisionedReady(slot: number): void {
    const inst = this.#slots[slot] as Instance;
    // the slot may have been reused after this instance was released: act only on a pending one now due
    if (!inst.alive || !inst.pending || inst.readyAtMs > this.sim.nowMs) return;
    const fn = this.#fns[inst.fn] as FunctionRuntime;
    fn.provPending.remove(inst);
    inst.pending = false;
    (fn.provisioned = ownList(fn.provisioned)).append(inst);
    if (this.#waitingTotal > 0) this.#drainAll();
  }

  /**
   * A request from the trace. `runMs` is its handler run time as observed (NaN: draw one from the
   * function's duration model); `initMs` an observed INIT used if it cold-starts (NaN: draw one).
   * `memoryUsedMb` and `cpuMs` are observed quantities some billing models need (NaN when unknown);
   * the model passes them through to the observer untouched.
   */
  arrive(fn: number, timeMs: number, runMs: number, initMs: number, isAsync: boolean, memoryUsedMb = NaN, cpuMs = NaN): void {
    if (!this.#started) this.start(timeMs);
    this.sim.advanceBefore(timeMs, LANE.arrival);
    const f = this.#fns[fn] as FunctionRuntime;
    const run = Number.isNaN(runMs) || f.spec.durationReplacesTrace === true ? this.#drawRunMs(f) : runMs;
    this.#dispatch(f, isAsync ? INV.async : 0, timeMs, scaledRun(f.spec, run), initMs, memoryUsedMb, cpuMs, 0);
  }

  /**
   * `arrive` for rows 0..count−1 of `rows`, row i for function fnMap[rows.fn[i]], with isAsync
   * row i = (rows.isAsync[i] === 1). The same as calling arrive per row, but the numbers are read here
   * instead of being passed per request: a call that is not inlined passes each float argument boxed
   * in a new heap object, which for a trace of millions of rows is most of the engine's garbage.
   */
  arriveRows(rows: RequestRows, count: number, fnMap: ArrayLike<number>): void {
    const { fn, timeMs, durationMs, initMs, isAsync, memoryUsedMb, cpuMs } = rows;
    const fns = this.#fns;
    if (!this.#started && count > 0) this.start(timeMs[0] as number);
    const sim = this.sim;
    for (let i = 0; i < count; i++) {
      const t = timeMs[i] as number;
      sim.advanceBefore(t, LANE.arrival);
      const f = fns[fnMap[fn[i] as number] as number] as FunctionRuntime;
      const runMs = durationMs[i] as number;
      const run = Number.isNaN(runMs) || f.spec.durationReplacesTrace === true ? this.#drawRunMs(f) : runMs;
      this.#dispatch(f, isAsync[i] === 1 ? INV.async : 0, t, scaledRun(f.spec, run), initMs[i] as number, memoryUsedMb[i] as number, cpuMs[i] as number, 0);
    }
  }

  /** A run time from the function's duration model, for a request whose trace row has none. */
  #drawRunMs(f: FunctionRuntime): number {
    const sampler = f.spec.duration;
    if (!sampler) throw new Error(`function ${f.spec.name} has no duration in the trace and no duration model`);
    return sampler.sample(this.#rngDuration);
  }

  /**
   * Ends the window at `endMs`: events up to it run, observers freeze time-weighted figures, then
   * requests in flight complete and queued async events are retried until served or dropped.
   */
  finish(endMs: number): void {
    if (!this.#started) this.start(endMs);
    // The window is [start, end): a ping due at the end belongs to the next span (the month repeats
    // the span), so it is not fired; completions and expiries at the end still run.
    this.#windowEndMs = endMs;
    this.sim.run(endMs);
    this.#closed = true;
    this.#obs.onWindowEnd(endMs);
    this.sim.run();
  }

  #dispatch(fn: FunctionRuntime, flags: number, arrivalMs: number, runMs: number, initMs: number, memoryUsedMb: number, cpuMs: number, attempt: number): void {
    // A sync request never overtakes those already waiting for capacity in its function's queue.
    const queueing = this.#queueTimeoutMs > 0 && (flags & (INV.async | INV.ping)) === 0;
    if (queueing && fn.waiting > 0) this.#drainFunction(fn);
    const blocked = queueing && fn.waiting > 0 ? THROTTLE.functionLimit : this.#place(fn, flags, arrivalMs, runMs, initMs, memoryUsedMb, cpuMs);
    if (blocked < 0) return;
    if (queueing) {
      this.#enqueueWait(fn, flags, arrivalMs, runMs, initMs, memoryUsedMb, cpuMs, blocked);
      return;
    }
    this.#throttle(fn, flags, arrivalMs, runMs, initMs, memoryUsedMb, cpuMs, attempt, blocked);
  }

  /** Places a request on an instance (warm, or a new one); returns -1, or the THROTTLE reason it could not be placed. */
  #place(fn: FunctionRuntime, flags: number, arrivalMs: number, runMs: number, initMs: number, memoryUsedMb: number, cpuMs: number): number {
    const now = this.sim.nowMs;
    const p = this.#p;
    let inst = fn.provisioned.count > 0 ? pickByCode(fn.provisioned, this.#route, this.#rngRouting) : null;
    if (inst === null) inst = fn.onDemand.count > 0 ? pickByCode(fn.onDemand, this.#route, this.#rngRouting) : null;
    let blocked = -1;
    if (inst !== null) {
      if (inst.inFlight === 0 && p.limitCounts === 'busy-instances') blocked = this.#activationBlocked(fn);
      if (blocked < 0) {
        this.#startOn(inst, fn, flags, arrivalMs, runMs, memoryUsedMb, cpuMs);
        if (this.#prewarmed > 0) this.#replenishBuffer(fn, now);
        return -1;
      }
    } else {
      blocked = this.#creationBlocked(fn, now, (flags & INV.async) !== 0);
    }
    if (blocked >= 0) return blocked;
    if ((flags & INV.ping) === 0 && fn.pingOnlyBusy > 0) flags |= INV.pingCaused;
    const init = Number.isNaN(initMs) ? fn.spec.init.sample(this.#rngInit) : initMs;
    const created = this.#newInstance(fn, now, init, false);
    this.#startOn(created, fn, flags | INV.cold, arrivalMs, runMs, memoryUsedMb, cpuMs);
    if (this.#prewarmed > 0) this.#replenishBuffer(fn, now);
    return -1;
  }

  /**
   * Keeps the pre-warmed buffer full while the function has work in flight: starts on-demand
   * instances with no request (billed, INIT run) until `prewarmed` of them have nothing in flight.
   * Microsoft says the next one "is instantly provisioned"; faasim still takes a token from the
   * scale-out rate for it, as for any new instance, so the buffer is no way around that rate (a
   * burst that empties the bucket leaves the buffer to be refilled at a later placement). New
   * buffer instances join the end of the available list.
   */
  #replenishBuffer(fn: FunctionRuntime, now: number): void {
    while (fn.busyInstances > 0 && fn.spareOnDemand < this.#prewarmed && this.#capBlocked(fn) < 0 && fn.scaling.take(now)) {
      const inst = this.#newInstance(fn, now, fn.spec.init.sample(this.#rngInit), false);
      fn.onDemand.append(inst);
      fn.spareOnDemand++;
      this.#armExpiry(inst, inst.readyAtMs);
    }
  }

  #enqueueWait(fn: FunctionRuntime, flags: number, arrivalMs: number, runMs: number, initMs: number, memoryUsedMb: number, cpuMs: number, reason: number): void {
    const id = this.#waitFree.pop() ?? this.#waitFn.length;
    this.#waitFn[id] = fn.index;
    this.#waitFlags[id] = flags | INV.queued;
    this.#waitArrivalMs[id] = arrivalMs;
    this.#waitRunMs[id] = runMs;
    this.#waitInitMs[id] = initMs;
    this.#waitMemoryMb[id] = memoryUsedMb;
    this.#waitCpuMs[id] = cpuMs;
    this.#waitReason[id] = reason;
    this.#waitNext[id] = -1;
    // every waiting request has the same timeout, so the queue's head always times out first
    this.#waitTimer[id] = this.sim.at(arrivalMs + this.#queueTimeoutMs, LANE.retry, this.#waitTimeout, id);
    if (fn.waitTail >= 0) this.#waitNext[fn.waitTail] = id;
    else fn.waitHead = id;
    fn.waitTail = id;
    if (fn.waiting++ === 0) this.#markWaiting(fn.index);
    this.#waitingTotal++;
    if (reason === THROTTLE.scalingRate) this.#armWake(fn);
  }

  #dequeueHead(fn: FunctionRuntime): number {
    const id = fn.waitHead;
    fn.waitHead = this.#waitNext[id] as number;
    if (fn.waitHead < 0) fn.waitTail = -1;
    if (--fn.waiting === 0) this.#unmarkWaiting(fn.index);
    this.#waitingTotal--;
    return id;
  }

  /** The head of a queue waited as long as it may: it is rejected (429). */
  #timeOutWait(id: number): void {
    const fn = this.#fns[this.#waitFn[id] as number] as FunctionRuntime;
    if (fn.waitHead !== id) throw new Error('a queue timeout fired for a request that is not at the head of its queue');
    this.#dequeueHead(fn);
    this.#waitFree.push(id);
    this.#obs.onThrottle(fn.index, this.#waitFlags[id] as number, this.sim.nowMs, this.#waitReason[id] as number, false);
  }

  /** Serves waiting requests of `fn` in order while capacity lets it. */
  #drainFunction(fn: FunctionRuntime): void {
    while (fn.waiting > 0) {
      const id = fn.waitHead;
      const blocked = this.#place(fn, this.#waitFlags[id] as number, this.#waitArrivalMs[id] as number, this.#waitRunMs[id] as number, this.#waitInitMs[id] as number, this.#waitMemoryMb[id] as number, this.#waitCpuMs[id] as number);
      if (blocked >= 0) {
        this.#waitReason[id] = blocked;
        if (blocked === THROTTLE.scalingRate) this.#armWake(fn);
        return;
      }
      this.#dequeueHead(fn);
      this.sim.cancel(this.#waitTimer[id] as number);
      this.#waitFree.push(id);
    }
  }

  /**
   * Capacity may have been freed (a request completed, an instance stopped): serve waiting requests,
   * function by function in index order. Only the functions with a queue are visited, so a trace of
   * thousands of functions pays nothing for the ones that have none.
   */
  #drainAll(): void {
    const fns = this.#fns;
    const waiting = this.#waitingFns;
    // Draining a function only ever unmarks that function (placing a request queues nothing), so
    // the list is walked in place: stay at k when function k left it, move on when it did not.
    for (let k = 0; k < waiting.length && this.#waitingTotal > 0; ) {
      const index = waiting[k] as number;
      this.#drainFunction(fns[index] as FunctionRuntime);
      if (waiting[k] === index) k++;
    }
  }

  /** Functions with waiting requests, kept in index order (the order #drainAll serves them in). */
  #markWaiting(index: number): void {
    const list = this.#waitingFns;
    let i = list.length;
    while (i > 0 && (list[i - 1] as number) > index) i--;
    list.splice(i, 0, index);
  }

  #unmarkWaiting(index: number): void {
    const list = this.#waitingFns;
    const i = list.indexOf(index);
    if (i >= 0) list.splice(i, 1);
  }

  /** Schedules a wake-up for when the function's scaling bucket holds a whole token again. */
  #armWake(fn: FunctionRuntime): void {
    if (fn.scaling.rate === null || !Number.isNaN(fn.wakeAtMs)) return;
    const at = fn.scaling.nextTokenAtMs();
    fn.wakeAtMs = Math.max(at, this.sim.nowMs);
    this.sim.at(fn.wakeAtMs, LANE.capacity, this.#wake, fn.index);
  }

  #fireWake(fnIndex: number): void {
    const fn = this.#fns[fnIndex] as FunctionRuntime;
    fn.wakeAtMs = NaN;
    if (fn.waiting > 0) this.#drainFunction(fn);
  }

  /** THROTTLE reason if one more busy instance would break a cap, else -1. */
  #activationBlocked(fn: FunctionRuntime): number {
    const reserved = fn.spec.reservedConcurrency;
    if (reserved !== null) return fn.busyInstances < reserved ? -1 : THROTTLE.functionLimit;
    return this.#busyUnreserved < this.#p.concurrencyLimit - this.#sumReserved ? -1 : THROTTLE.accountLimit;
  }

  #creationBlocked(fn: FunctionRuntime, now: number, isAsync: boolean): number {
    const capped = this.#capBlocked(fn);
    if (capped >= 0) return capped;
    const bucket = isAsync && fn.asyncScaling !== null ? fn.asyncScaling : fn.scaling;
    return bucket.take(now) ? -1 : THROTTLE.scalingRate;
  }

  /** THROTTLE reason if a cap forbids one more instance (the scaling rate aside), else -1. */
  #capBlocked(fn: FunctionRuntime): number {
    if (this.#p.limitCounts === 'busy-instances') return this.#activationBlocked(fn);
    const reserved = fn.spec.reservedConcurrency;
    if (reserved !== null && fn.aliveInstances >= reserved) return THROTTLE.functionLimit;
    if (this.#aliveTotal >= this.#p.concurrencyLimit) return THROTTLE.accountLimit;
    return -1;
  }

  #throttle(fn: FunctionRuntime, flags: number, arrivalMs: number, runMs: number, initMs: number, memoryUsedMb: number, cpuMs: number, attempt: number, reason: number): void {
    const now = this.sim.nowMs;
    if ((flags & INV.async) === 0) {
      this.#obs.onThrottle(fn.index, flags, now, reason, false);
      return;
    }
    const r = this.#p.asyncRetry;
    const delay = Math.min(r.firstDelayMs * 2 ** attempt, r.maxDelayMs);
    if (now + delay - arrivalMs > r.maxEventAgeMs) {
      this.#obs.onThrottle(fn.index, flags, now, reason, false);
      this.#obs.onAsyncDropped(fn.index, now, now - arrivalMs);
      return;
    }
    this.#obs.onThrottle(fn.index, flags, now, reason, true);
    const id = this.#retryFree.pop() ?? this.#retryFn.length;
    this.#retryFn[id] = fn.index;
    this.#retryFlags[id] = flags;
    this.#retryArrivalMs[id] = arrivalMs;
    this.#retryRunMs[id] = runMs;
    this.#retryInitMs[id] = initMs;
    this.#retryMemoryMb[id] = memoryUsedMb;
    this.#retryCpuMs[id] = cpuMs;
    this.#retryAttempt[id] = attempt + 1;
    this.sim.at(now + delay, LANE.retry, this.#retry, id);
  }

  #fireRetry(id: number): void {
    const fn = this.#fns[this.#retryFn[id] as number] as FunctionRuntime;
    const flags = this.#retryFlags[id] as number;
    const arrivalMs = this.#retryArrivalMs[id] as number;
    const runMs = this.#retryRunMs[id] as number;
    const initMs = this.#retryInitMs[id] as number;
    const memoryUsedMb = this.#retryMemoryMb[id] as number;
    const cpuMs = this.#retryCpuMs[id] as number;
    const attempt = this.#retryAttempt[id] as number;
    this.#retryFree.push(id);
    this.#dispatch(fn, flags, arrivalMs, runMs, initMs, memoryUsedMb, cpuMs, attempt);
  }

  #newInstance(fn: FunctionRuntime, createdAtMs: number, initMs: number, provisioned: boolean): Instance {
    const inst = this.#freeSlots.pop() ?? this.#allocSlot();
    inst.serial = this.#serial++;
    inst.fn = fn.index;
    inst.provisioned = provisioned;
    inst.pending = false;
    inst.alive = true;
    inst.createdAtMs = createdAtMs;
    inst.readyAtMs = createdAtMs + initMs;
    inst.inFlight = 0;
    inst.pingInFlight = 0;
    inst.expiresAtMs = Infinity;
    inst.held = false;
    inst.timerId = NaN;
    inst.timerAtMs = NaN;
    fn.aliveInstances++;
    this.#aliveTotal++;
    this.#obs.onInstanceStart(fn.index, inst.serial, createdAtMs, initMs, provisioned);
    return inst;
  }

  #allocSlot(): Instance {
    const inst = new Instance(this.#slots.length);
    this.#slots.push(inst);
    return inst;
  }

  #startOn(inst: Instance, fn: FunctionRuntime, flags: number, arrivalMs: number, runMs: number, memoryUsedMb: number, cpuMs: number): void {
    const now = this.sim.nowMs;
    let waitMs = 0;
    if (inst.readyAtMs > now) {
      waitMs = inst.readyAtMs - now;
      if ((flags & INV.cold) === 0) flags |= INV.initWait;
    }
    if (inst.provisioned) flags |= INV.provisioned;
    const wasPingOnly = inst.inFlight > 0 && inst.inFlight === inst.pingInFlight;
    // Only a ping on a ready instance can take a warm instance away from a user request; one that
    // cold-starts holds an instance that would not exist without it.
    const warmPing = (flags & INV.ping) !== 0 && (flags & (INV.cold | INV.initWait)) === 0;
    if (inst.inFlight === 0) {
      // a spare on-demand instance taken (a new one created for this request never was spare)
      if (!inst.provisioned && (flags & INV.cold) === 0) fn.spareOnDemand--;
      inst.held = false;
      fn.busyInstances++;
      if (fn.spec.reservedConcurrency === null) this.#busyUnreserved++;
      this.#obs.onInstanceBusy(fn.index, inst.serial, now, inst.provisioned);
    }
    inst.inFlight++;
    if (inst.provisioned) this.#trackProvisioned(fn, now, 1);
    if (warmPing) inst.pingInFlight++;
    const isPingOnly = inst.inFlight === inst.pingInFlight;
    if (wasPingOnly !== isPingOnly) fn.pingOnlyBusy += isPingOnly ? 1 : -1;

    const list = inst.provisioned ? fn.provisioned : fn.onDemand;
    if (inst.inList) list.remove(inst);
    if (inst.inFlight < this.#p.perInstanceConcurrency) list.append(inst);

    this.#obs.onInvocation(fn.index, flags, arrivalMs, now, waitMs, runMs, memoryUsedMb, cpuMs, inst.serial);
    this.sim.at(now + waitMs + runMs, LANE.complete, this.#completion, inst.slot * FLAG_SPACE + flags);
  }

  #complete(arg: number): void {
    const slot = Math.floor(arg / FLAG_SPACE);
    const flags = arg - slot * FLAG_SPACE;
    const inst = this.#slots[slot] as Instance;
    const fn = this.#fns[inst.fn] as FunctionRuntime;
    const now = this.sim.nowMs;
    const wasPingOnly = inst.inFlight === inst.pingInFlight;
    const wasFull = inst.inFlight >= this.#p.perInstanceConcurrency;
    inst.inFlight--;
    if (inst.provisioned) this.#trackProvisioned(fn, now, -1);
    if ((flags & INV.ping) !== 0 && (flags & (INV.cold | INV.initWait)) === 0) inst.pingInFlight--;
    const isPingOnly = inst.inFlight > 0 && inst.inFlight === inst.pingInFlight;
    if (wasPingOnly !== isPingOnly) fn.pingOnlyBusy += isPingOnly ? 1 : -1;
    this.#obs.onInvocationEnd(fn.index, flags, now);

    if (wasFull && !(inst.provisioned && fn.provRetireOwed > 0 && inst.inFlight === 0)) (inst.provisioned ? fn.provisioned : fn.onDemand).append(inst);
    if (inst.inFlight === 0) {
      fn.busyInstances--;
      if (fn.busyInstances === 0 && fn.held.length > 0) this.#releaseHeld(fn, now);
      if (fn.spec.reservedConcurrency === null) this.#busyUnreserved--;
      this.#obs.onInstanceIdle(fn.index, inst.serial, now, inst.provisioned);
      if (!inst.provisioned) {
        fn.spareOnDemand++;
        this.#armExpiry(inst, now);
      }
      else if (fn.provRetireOwed > 0) {
        fn.provRetireOwed--;
        this.#stop(inst, now);
      }
    }
    if (this.#waitingTotal > 0) this.#drainAll();
  }

  /** The function has nothing in flight: its held buffer instances start their keep-alive now. */
  #releaseHeld(fn: FunctionRuntime, now: number): void {
    for (const inst of fn.held) {
      if (!inst.held) continue; // taken by a request since, or stopped and its slot reused
      inst.held = false;
      this.#armExpiry(inst, now);
    }
    fn.held.length = 0;
  }

  /**
   * The instance went idle. Its keep-alive window cannot end before the spec's shortest window, so a
   * check is due then; the window's own length is drawn only if the idle period lasts that long
   * (see #expire). Drawing then rather than now gives each idle period the same distribution and
   * saves a draw for every period that ends sooner, which on a busy function is nearly all of them.
   */
  #armExpiry(inst: Instance, now: number): void {
    const minMs = this.#keepAlive.minMs;
    if (minMs === Infinity) return;
    inst.idleSinceMs = now;
    inst.expiresAtMs = NaN;
    // One pending check per instance: a check due before this one re-arms itself when it fires, so
    // most warm hits cost no queue operation at all.
    const dueMs = now + minMs;
    if (inst.timerId >= 0) {
      if (inst.timerAtMs <= dueMs) return;
      this.sim.cancel(inst.timerId);
    }
    this.#armCheck(inst, dueMs);
  }

  #armCheck(inst: Instance, atMs: number): void {
    inst.timerAtMs = atMs;
    inst.timerId = this.sim.at(atMs, LANE.expire, this.#expiry, inst.slot);
  }

  #expire(slot: number): void {
    const inst = this.#slots[slot] as Instance;
    inst.timerId = NaN;
    inst.timerAtMs = NaN;
    if (this.#closed || inst.inFlight > 0) return;
    const now = this.sim.nowMs;
    const fn = this.#fns[inst.fn] as FunctionRuntime;
    if (fn.busyInstances > 0 && fn.spareOnDemand <= this.#prewarmed) {
      // Part of the pre-warmed buffer while the function is busy: held with no check pending. Its
      // keep-alive starts afresh when the function next has nothing in flight (#complete).
      inst.held = true;
      fn.held.push(inst);
      return;
    }
    if (Number.isNaN(inst.expiresAtMs)) {
      // a check left from an earlier idle period: this one has not reached the shortest window yet
      const earliestMs = inst.idleSinceMs + this.#keepAlive.minMs;
      if (earliestMs > now) {
        this.#armCheck(inst, earliestMs);
        return;
      }
      inst.expiresAtMs = inst.idleSinceMs + this.#keepAlive.draw(this.#rngKeepAlive);
    }
    if (inst.expiresAtMs > now) {
      this.#armCheck(inst, inst.expiresAtMs);
      return;
    }
    this.#stop(inst, now);
  }

  /** `drain`: serve queued requests with the freed capacity now (callers stopping several at once drain after) */
  #stop(inst: Instance, now: number, drain = true): void {
    const fn = this.#fns[inst.fn] as FunctionRuntime;
    if (inst.timerId >= 0) this.sim.cancel(inst.timerId);
    inst.timerId = NaN;
    if (inst.inList) this.#listOf(fn, inst).remove(inst);
    if (!inst.provisioned && inst.inFlight === 0) fn.spareOnDemand--;
    inst.alive = false;
    fn.aliveInstances--;
    this.#aliveTotal--;
    this.#obs.onInstanceStop(fn.index, inst.serial, now, inst.provisioned);
    this.#freeSlots.push(inst);
    if (drain && this.#waitingTotal > 0) this.#drainAll();
  }

  #listOf(fn: FunctionRuntime, inst: Instance): InstanceList {
    if (!inst.provisioned) return fn.onDemand;
    return inst.pending ? fn.provPending : fn.provisioned;
  }

  /** arg = (function × ARG_SPACE + schedule) × 2 + 1 for the chained pings after the first */
  #firePings(arg: number): void {
    if (this.#closed || this.sim.nowMs >= this.#windowEndMs) return;
    const chained = arg % 2 === 1;
    const key = Math.floor(arg / 2);
    const fn = this.#fns[Math.floor(key / ARG_SPACE)] as FunctionRuntime;
    const pings = fn.spec.pings[key % ARG_SPACE];
    if (!pings) return;
    const now = this.sim.nowMs;
    if (chained) {
      for (let i = 1; i < pings.concurrency; i++) this.#dispatch(fn, INV.ping, now, pings.durationMs, NaN, NaN, NaN, 0);
      return;
    }
    if (pings.style === 'chain') {
      this.#dispatch(fn, INV.ping, now, pings.durationMs, NaN, NaN, NaN, 0);
      if (pings.concurrency > 1) this.sim.at(now + pings.chainLagMs, LANE.ping, this.#ping, arg + 1);
    } else {
      for (let i = 0; i < pings.concurrency; i++) this.#dispatch(fn, INV.ping, now, pings.durationMs, NaN, NaN, NaN, 0);
    }
    // strictly after now: a rate schedule steps by its interval, a cron one looks from the next ms
    const offset = this.#spec.epochOffsetMs;
    const next = pings.schedule.kind === 'rate' ? now + pings.schedule.intervalMs : nextFiring(pings.schedule, now + offset + 1, 0) - offset;
    if (next < this.#windowEndMs) this.#scheduleAt(next, LANE.ping, this.#ping, arg);
  }
}

/** A request's run time at the function's memory (see FunctionSpec.runTimeFactor and runTimeMap). */
function scaledRun(spec: FunctionSpec, runMs: number): number {
  const map = spec.runTimeMap;
  return map === undefined ? runMs * spec.runTimeFactor : mapRunTime(map, runMs);
}

const MINUTE_MS = 60_000;
const WEEK_MS = 7 * 86_400_000;
/** functions × schedules packed in one event argument */
const ARG_SPACE = 1024;
