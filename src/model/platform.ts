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
import { Rng } from '../util/rng.js';
import { Instance, InstanceList } from './instance.js';
import { keepAliveMs } from './keep-alive.js';
import { LANE } from './lanes.js';
import { INV, THROTTLE, type PlatformObserver } from './observer.js';
import { pickInstance } from './routing.js';
import type { FunctionSpec, ModelSpec, PlatformSpec } from './spec.js';

/** Bits of INV that fit in an event argument next to the instance slot. */
const FLAG_SPACE = 128;

class FunctionRuntime {
  readonly onDemand = new InstanceList();
  readonly provisioned = new InstanceList();
  busyInstances = 0;
  aliveInstances = 0;
  /** ready instances whose every in-flight request is a ping that found them warm */
  pingOnlyBusy = 0;
  tokens = 0;
  tokensAtMs = 0;
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

  readonly #completion: EventTarget = { fire: (arg) => this.#complete(arg) };
  readonly #expiry: EventTarget = { fire: (arg) => this.#expire(arg) };
  readonly #ping: EventTarget = { fire: (arg) => this.#firePings(arg) };
  readonly #retry: EventTarget = { fire: (arg) => this.#fireRetry(arg) };
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
    for (const f of spec.functions) this.#addFunction(f);
  }

  get functionCount(): number {
    return this.#fns.length;
  }

  functionSpec(index: number): FunctionSpec {
    return (this.#fns[index] as FunctionRuntime).spec;
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
    const scaling = this.#p.scaling;
    fn.tokens = scaling ? scaling.burst : Infinity;
    fn.tokensAtMs = nowMs;
    for (let i = 0; i < fn.spec.provisioned; i++) {
      // Provisioned instances are initialised before they are needed: ready at nowMs.
      const initMs = fn.spec.init.sample(this.#rngInit);
      const inst = this.#newInstance(fn, nowMs - initMs, initMs, true);
      inst.readyAtMs = nowMs;
      fn.provisioned.append(inst);
    }
    const pings = fn.spec.pings;
    if (pings) {
      const first = this.#windowStartMs + pings.phaseMs;
      const k = Math.max(0, Math.ceil((nowMs - first) / pings.intervalMs));
      this.sim.at(first + k * pings.intervalMs, LANE.ping, this.#ping, fn.index);
    }
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
    let run = runMs;
    if (Number.isNaN(run)) {
      const sampler = f.spec.duration;
      if (!sampler) throw new Error(`function ${f.spec.name} has no duration in the trace and no duration model`);
      run = sampler.sample(this.#rngDuration);
    }
    this.#dispatch(f, isAsync ? INV.async : 0, timeMs, run * f.spec.runTimeFactor, initMs, memoryUsedMb, cpuMs, 0);
  }

  /**
   * Ends the window at `endMs`: events up to it run, observers freeze time-weighted figures, then
   * requests in flight complete and queued async events are retried until served or dropped.
   */
  finish(endMs: number): void {
    if (!this.#started) this.start(endMs);
    this.sim.run(endMs);
    this.#windowEndMs = endMs;
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
    let inst = pickInstance(fn.provisioned, p.routing, this.#rngRouting);
    if (inst === null) inst = pickInstance(fn.onDemand, p.routing, this.#rngRouting);
    let blocked = -1;
    if (inst !== null) {
      if (inst.inFlight === 0 && p.limitCounts === 'busy-instances') blocked = this.#activationBlocked(fn);
      if (blocked < 0) {
        this.#startOn(inst, fn, flags, arrivalMs, runMs, memoryUsedMb, cpuMs);
        return -1;
      }
    } else {
      blocked = this.#creationBlocked(fn, now);
    }
    if (blocked >= 0) return blocked;
    if ((flags & INV.ping) === 0 && fn.pingOnlyBusy > 0) flags |= INV.pingCaused;
    const init = Number.isNaN(initMs) ? fn.spec.init.sample(this.#rngInit) : initMs;
    const created = this.#newInstance(fn, now, init, false);
    this.#startOn(created, fn, flags | INV.cold, arrivalMs, runMs, memoryUsedMb, cpuMs);
    return -1;
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
    fn.waiting++;
    this.#waitingTotal++;
    if (reason === THROTTLE.scalingRate) this.#armWake(fn);
  }

  #dequeueHead(fn: FunctionRuntime): number {
    const id = fn.waitHead;
    fn.waitHead = this.#waitNext[id] as number;
    if (fn.waitHead < 0) fn.waitTail = -1;
    fn.waiting--;
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

  /** Capacity may have been freed (a request completed, an instance stopped): serve waiting requests. */
  #drainAll(): void {
    const fns = this.#fns;
    for (let i = 0; i < fns.length && this.#waitingTotal > 0; i++) {
      const fn = fns[i] as FunctionRuntime;
      if (fn.waiting > 0) this.#drainFunction(fn);
    }
  }

  /** Schedules a wake-up for when the function's scaling bucket holds a whole token again. */
  #armWake(fn: FunctionRuntime): void {
    const scaling = this.#p.scaling;
    if (!scaling || !Number.isNaN(fn.wakeAtMs)) return;
    const at = fn.tokensAtMs + Math.max(0, 1 - fn.tokens) / scaling.perMs;
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

  #creationBlocked(fn: FunctionRuntime, now: number): number {
    const p = this.#p;
    if (p.limitCounts === 'busy-instances') {
      const blocked = this.#activationBlocked(fn);
      if (blocked >= 0) return blocked;
    } else {
      const reserved = fn.spec.reservedConcurrency;
      if (reserved !== null && fn.aliveInstances >= reserved) return THROTTLE.functionLimit;
      if (this.#aliveTotal >= p.concurrencyLimit) return THROTTLE.accountLimit;
    }
    const scaling = p.scaling;
    if (scaling) {
      fn.tokens = Math.min(scaling.burst, fn.tokens + (now - fn.tokensAtMs) * scaling.perMs);
      fn.tokensAtMs = now;
      if (fn.tokens < 1) return THROTTLE.scalingRate;
      fn.tokens -= 1;
    }
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
    inst.alive = true;
    inst.createdAtMs = createdAtMs;
    inst.readyAtMs = createdAtMs + initMs;
    inst.inFlight = 0;
    inst.pingInFlight = 0;
    inst.expiresAtMs = Infinity;
    inst.timerId = -1;
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
      fn.busyInstances++;
      if (fn.spec.reservedConcurrency === null) this.#busyUnreserved++;
      this.#obs.onInstanceBusy(fn.index, inst.serial, now, inst.provisioned);
    }
    inst.inFlight++;
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
    if ((flags & INV.ping) !== 0 && (flags & (INV.cold | INV.initWait)) === 0) inst.pingInFlight--;
    const isPingOnly = inst.inFlight > 0 && inst.inFlight === inst.pingInFlight;
    if (wasPingOnly !== isPingOnly) fn.pingOnlyBusy += isPingOnly ? 1 : -1;
    this.#obs.onInvocationEnd(fn.index, flags, now);

    if (wasFull) (inst.provisioned ? fn.provisioned : fn.onDemand).append(inst);
    if (inst.inFlight === 0) {
      fn.busyInstances--;
      if (fn.spec.reservedConcurrency === null) this.#busyUnreserved--;
      this.#obs.onInstanceIdle(fn.index, inst.serial, now, inst.provisioned);
      if (!inst.provisioned) this.#armExpiry(inst, now);
    }
    if (this.#waitingTotal > 0) this.#drainAll();
  }

  #armExpiry(inst: Instance, now: number): void {
    const ka = keepAliveMs(this.#p.keepAlive, this.#rngKeepAlive);
    if (ka === Infinity) return;
    inst.expiresAtMs = now + ka;
    // One pending check per instance: a check due before the new expiry re-arms itself when it
    // fires, so most warm hits cost no queue operation at all.
    if (inst.timerId >= 0) {
      if (inst.timerAtMs <= inst.expiresAtMs) return;
      this.sim.cancel(inst.timerId);
    }
    inst.timerAtMs = inst.expiresAtMs;
    inst.timerId = this.sim.at(inst.expiresAtMs, LANE.expire, this.#expiry, inst.slot);
  }

  #expire(slot: number): void {
    const inst = this.#slots[slot] as Instance;
    inst.timerId = -1;
    inst.timerAtMs = NaN;
    if (this.#closed || inst.inFlight > 0) return;
    const now = this.sim.nowMs;
    if (inst.expiresAtMs > now) {
      inst.timerAtMs = inst.expiresAtMs;
      inst.timerId = this.sim.at(inst.expiresAtMs, LANE.expire, this.#expiry, slot);
      return;
    }
    this.#stop(inst, now);
  }

  #stop(inst: Instance, now: number): void {
    const fn = this.#fns[inst.fn] as FunctionRuntime;
    if (inst.timerId >= 0) this.sim.cancel(inst.timerId);
    inst.timerId = -1;
    if (inst.inList) (inst.provisioned ? fn.provisioned : fn.onDemand).remove(inst);
    inst.alive = false;
    fn.aliveInstances--;
    this.#aliveTotal--;
    this.#obs.onInstanceStop(fn.index, inst.serial, now, inst.provisioned);
    this.#freeSlots.push(inst);
    if (this.#waitingTotal > 0) this.#drainAll();
  }

  #firePings(fnIndex: number): void {
    if (this.#closed) return;
    const fn = this.#fns[fnIndex] as FunctionRuntime;
    const pings = fn.spec.pings;
    if (!pings) return;
    const now = this.sim.nowMs;
    for (let i = 0; i < pings.concurrency; i++) this.#dispatch(fn, INV.ping, now, pings.durationMs, NaN, NaN, NaN, 0);
    const next = now + pings.intervalMs;
    if (next <= this.#windowEndMs) this.sim.at(next, LANE.ping, this.#ping, fnIndex);
  }
}
