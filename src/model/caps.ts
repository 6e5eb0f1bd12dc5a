/**
 * Concurrency caps and scaling rates: may a function have one more busy instance, or one more
 * instance at all? Caps count busy instances (Lambda's concurrent executions) or every live one
 * (maximum-instance limits), per function (reserved concurrency) and for the account; a new instance
 * also needs a token from the function's scaling bucket. The platform reports every instance that
 * starts, stops, turns busy or idle, and asks before placing.
 */
import type { FunctionRuntime } from './function-runtime.js';
import { THROTTLE } from './observer.js';
import type { FunctionSpec, PlatformSpec } from './spec.js';

export class Caps {
  readonly #concurrencyLimit: number;
  readonly #countsBusy: boolean;
  /** reserved concurrency of every function, kept out of the share the others take from */
  #sumReserved = 0;
  /** busy instances of functions without a reservation */
  #busyUnreserved = 0;
  #aliveTotal = 0;

  constructor(p: PlatformSpec) {
    this.#concurrencyLimit = p.concurrencyLimit;
    this.#countsBusy = p.limitCounts === 'busy-instances';
  }

  /** Caps count busy instances (an idle one may turn busy only within them). */
  get countsBusy(): boolean {
    return this.#countsBusy;
  }

  addFunction(spec: FunctionSpec): void {
    if (spec.reservedConcurrency !== null) this.#sumReserved += spec.reservedConcurrency;
  }

  started(fn: FunctionRuntime): void {
    fn.aliveInstances++;
    this.#aliveTotal++;
  }

  stopped(fn: FunctionRuntime): void {
    fn.aliveInstances--;
    this.#aliveTotal--;
  }

  busy(fn: FunctionRuntime): void {
    fn.busyInstances++;
    if (fn.spec.reservedConcurrency === null) this.#busyUnreserved++;
  }

  idle(fn: FunctionRuntime): void {
    fn.busyInstances--;
    if (fn.spec.reservedConcurrency === null) this.#busyUnreserved--;
  }

  /** THROTTLE reason if one more busy instance would break a cap, else -1. */
  activationBlocked(fn: FunctionRuntime): number {
    const reserved = fn.spec.reservedConcurrency;
    if (reserved !== null) return fn.busyInstances < reserved ? -1 : THROTTLE.functionLimit;
    return this.#busyUnreserved < this.#concurrencyLimit - this.#sumReserved ? -1 : THROTTLE.accountLimit;
  }

  /** THROTTLE reason if a cap forbids one more instance (the scaling rate aside), else -1. */
  capBlocked(fn: FunctionRuntime): number {
    if (this.#countsBusy) return this.activationBlocked(fn);
    const reserved = fn.spec.reservedConcurrency;
    if (reserved !== null && fn.aliveInstances >= reserved) return THROTTLE.functionLimit;
    if (this.#aliveTotal >= this.#concurrencyLimit) return THROTTLE.accountLimit;
    return -1;
  }

  /** THROTTLE reason if a new instance may not start now, else -1 (a scaling token is then taken). */
  creationBlocked(fn: FunctionRuntime, nowMs: number, isAsync: boolean): number {
    const capped = this.capBlocked(fn);
    if (capped >= 0) return capped;
    const bucket = isAsync && fn.asyncScaling !== null ? fn.asyncScaling : fn.scaling;
    return bucket.take(nowMs) ? -1 : THROTTLE.scalingRate;
  }
}
