/**
 * Keep-warm pings (FunctionSpec.pings): each schedule fires at its rate (from the window start plus
 * its phase) or at its cron times (UTC wall clock, through the epoch offset), and sends `concurrency`
 * pings at once (fan-out) or one that invokes the others `chainLagMs` later (chain). Pings fire only
 * inside the window [start, end): one due at the end belongs to the next span. The platform places
 * each ping like a request (`PingSender`).
 */
import type { EventTarget, Scheduler } from '../engine/types.js';
import { nextFiring } from '../util/cron.js';
import { SCHEDULE_SPACE } from './event-args.js';
import type { FunctionRuntime } from './function-runtime.js';
import { LANE } from './lanes.js';
import type { PingSpec } from './spec.js';

export interface PingSender {
  /** One ping of `durationMs` for the function, now. */
  ping(fn: FunctionRuntime, durationMs: number): void;
}

/** First firing of a ping schedule at or after `fromMs` (model time). */
export function nextPingAtMs(
  pings: PingSpec,
  fromMs: number,
  windowStartMs: number,
  epochOffsetMs: number,
): number {
  if (pings.schedule.kind === 'rate')
    return nextFiring(pings.schedule, fromMs, windowStartMs + pings.phaseMs);
  return nextFiring(pings.schedule, fromMs + epochOffsetMs, 0) - epochOffsetMs;
}

export class PingScheduler {
  readonly #sim: Scheduler;
  readonly #fns: readonly FunctionRuntime[];
  readonly #epochOffsetMs: number;
  readonly #sender: PingSender;
  #windowStartMs = 0;
  #windowEndMs = Infinity;
  #closed = false;
  /** arg = (fn × SCHEDULE_SPACE + schedule) × 2, + 1 for the chained pings after the first */
  readonly #fire: EventTarget = { fire: (arg) => this.#firePings(arg) };

  /** `fns`: the platform's functions by index (read as they are added). */
  constructor(sim: Scheduler, fns: readonly FunctionRuntime[], epochOffsetMs: number, sender: PingSender) {
    this.#sim = sim;
    this.#fns = fns;
    this.#epochOffsetMs = epochOffsetMs;
    this.#sender = sender;
  }

  /** The window opens at `startMs`: rate schedules count from here. */
  open(startMs: number): void {
    this.#windowStartMs = startMs;
  }

  /** Arms the first firing of each of the function's schedules at or after `nowMs`. */
  start(fn: FunctionRuntime, nowMs: number): void {
    const all = fn.spec.pings;
    for (let i = 0; i < all.length; i++) {
      const at = nextPingAtMs(all[i] as PingSpec, nowMs, this.#windowStartMs, this.#epochOffsetMs);
      if (at !== Infinity) this.#sim.at(at, LANE.ping, this.#fire, (fn.index * SCHEDULE_SPACE + i) * 2);
    }
  }

  /** No ping fires at or after `endMs`. */
  end(endMs: number): void {
    this.#windowEndMs = endMs;
  }

  /** The window is closed: no ping fires any more. */
  close(): void {
    this.#closed = true;
  }

  #firePings(arg: number): void {
    const sim = this.#sim;
    if (this.#closed || sim.nowMs >= this.#windowEndMs) return;
    const chained = arg % 2 === 1;
    const key = Math.floor(arg / 2);
    const fn = this.#fns[Math.floor(key / SCHEDULE_SPACE)] as FunctionRuntime;
    const pings = fn.spec.pings[key % SCHEDULE_SPACE];
    if (!pings) return;
    const now = sim.nowMs;
    if (chained) {
      for (let i = 1; i < pings.concurrency; i++) this.#sender.ping(fn, pings.durationMs);
      return;
    }
    if (pings.style === 'chain') {
      this.#sender.ping(fn, pings.durationMs);
      if (pings.concurrency > 1) sim.at(now + pings.chainLagMs, LANE.ping, this.#fire, arg + 1);
    } else {
      for (let i = 0; i < pings.concurrency; i++) this.#sender.ping(fn, pings.durationMs);
    }
    // strictly after now: a rate schedule steps by its interval, a cron one looks from the next ms
    const offset = this.#epochOffsetMs;
    const next =
      pings.schedule.kind === 'rate'
        ? now + pings.schedule.intervalMs
        : nextFiring(pings.schedule, now + offset + 1, 0) - offset;
    if (next < this.#windowEndMs) sim.at(next, LANE.ping, this.#fire, arg);
  }
}
