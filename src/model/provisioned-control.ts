/**
 * Provisioned control: how a function's provisioned level moves. Fixed (FunctionSpec.provisioned,
 * nothing to do), scheduled (each action sets the level when its cron schedule fires) or target
 * tracking (once a minute, from the utilisation of the provisioned instances). This unit decides the
 * levels and when; the platform creates and releases the instances (`ProvisionedHost`).
 */
import type { EventTarget, Scheduler } from '../engine/types.js';
import { nextFiring } from '../util/cron.js';
import { SCHEDULE_SPACE } from './event-args.js';
import type { FunctionRuntime } from './function-runtime.js';
import { LANE } from './lanes.js';
import type { ProvisionedControl as ControlSpec } from './spec.js';

export interface ProvisionedHost {
  /** Moves a function's provisioned level; new instances are ready after `delayMs` (at least their INIT). */
  setProvisioned(fn: FunctionRuntime, level: number, delayMs: number): void;
}

type TargetTracking = Extract<ControlSpec, { kind: 'auto' }>;

const MINUTE_MS = 60_000;
const WEEK_MS = 7 * 86_400_000;

/** Requests in flight on a function's provisioned instances change by `delta` at `nowMs`: integrate. */
export function trackProvisioned(fn: FunctionRuntime, nowMs: number, delta: number): void {
  fn.provInFlightMs += fn.provInFlight * (nowMs - fn.provLastMs);
  fn.provLastMs = nowMs;
  fn.provInFlight += delta;
}

/**
 * One minute's step of target tracking, as Application Auto Scaling does it for provisioned
 * concurrency: utilisation is the minute's average of requests in flight on provisioned instances
 * over the level. Above target for `scaleOutMinutes` minutes in a row → level × utilisation / target
 * (rounded up); below `scaleInRatio` × target for `scaleInMinutes` → the same formula downwards;
 * within min and max. Returns the new level, or -1 to keep it. Call `trackProvisioned` first.
 */
export function targetTrackingStep(fn: FunctionRuntime, c: TargetTracking): number {
  const util = fn.provLevel > 0 ? fn.provInFlightMs / (fn.provLevel * MINUTE_MS) : 1;
  fn.provInFlightMs = 0;
  fn.autoAbove = util > c.targetUtilization ? fn.autoAbove + 1 : 0;
  fn.autoBelow = util < c.scaleInRatio * c.targetUtilization ? fn.autoBelow + 1 : 0;
  const desired = Math.min(
    c.maxLevel,
    Math.max(c.minLevel, Math.ceil(fn.provLevel * (util / c.targetUtilization) - 1e-9)),
  );
  if (
    (fn.autoAbove >= c.scaleOutMinutes && desired > fn.provLevel) ||
    (fn.autoBelow >= c.scaleInMinutes && desired < fn.provLevel)
  ) {
    fn.autoAbove = fn.autoBelow = 0;
    return desired;
  }
  return -1;
}

export class ProvisionedControl {
  readonly #sim: Scheduler;
  readonly #fns: readonly FunctionRuntime[];
  readonly #epochOffsetMs: number;
  readonly #host: ProvisionedHost;
  #closed = false;
  /** arg = fn × SCHEDULE_SPACE + action */
  readonly #action: EventTarget = { fire: (arg) => this.#fireAction(arg) };
  /** arg = fn */
  readonly #tick: EventTarget = { fire: (arg) => this.#fireTick(arg) };

  /** `fns`: the platform's functions by index (read as they are added). */
  constructor(sim: Scheduler, fns: readonly FunctionRuntime[], epochOffsetMs: number, host: ProvisionedHost) {
    this.#sim = sim;
    this.#fns = fns;
    this.#epochOffsetMs = epochOffsetMs;
    this.#host = host;
  }

  /** The level a function starts at `nowMs`: for a schedule, what the last action before it (looking back a week) left. */
  startingLevel(fn: FunctionRuntime, nowMs: number): number {
    const control = fn.spec.provisionedControl;
    if (control?.kind !== 'schedule') return fn.spec.provisioned;
    const offset = this.#epochOffsetMs;
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

  /** Arms the function's control from `nowMs`, once its starting level is in place. */
  start(fn: FunctionRuntime, nowMs: number): void {
    fn.provLastMs = nowMs;
    const control = fn.spec.provisionedControl;
    if (control?.kind === 'schedule') {
      const offset = this.#epochOffsetMs;
      for (let i = 0; i < control.actions.length; i++) {
        const action = control.actions[i] as (typeof control.actions)[number];
        const at = nextFiring(action.schedule, nowMs + offset, 0) - offset;
        if (at !== Infinity) this.#sim.at(at, LANE.capacity, this.#action, fn.index * SCHEDULE_SPACE + i);
      }
    } else if (control?.kind === 'auto') {
      this.#sim.at(nowMs + MINUTE_MS, LANE.capacity, this.#tick, fn.index);
    }
  }

  /** The window is closed: no level changes any more. */
  close(): void {
    this.#closed = true;
  }

  #fireAction(arg: number): void {
    if (this.#closed) return;
    const fn = this.#fns[Math.floor(arg / SCHEDULE_SPACE)] as FunctionRuntime;
    const control = fn.spec.provisionedControl;
    if (control?.kind !== 'schedule') return;
    const action = control.actions[arg % SCHEDULE_SPACE] as (typeof control.actions)[number];
    const now = this.#sim.nowMs;
    this.#host.setProvisioned(fn, action.level, control.allocationDelayMs);
    const offset = this.#epochOffsetMs;
    const next = nextFiring(action.schedule, now + offset + 1, 0) - offset;
    if (next !== Infinity) this.#sim.at(next, LANE.capacity, this.#action, arg);
  }

  #fireTick(fnIndex: number): void {
    if (this.#closed) return;
    const fn = this.#fns[fnIndex] as FunctionRuntime;
    const c = fn.spec.provisionedControl;
    if (c?.kind !== 'auto') return;
    const now = this.#sim.nowMs;
    trackProvisioned(fn, now, 0);
    const level = targetTrackingStep(fn, c);
    if (level >= 0) this.#host.setProvisioned(fn, level, c.allocationDelayMs);
    this.#sim.at(now + MINUTE_MS, LANE.capacity, this.#tick, fnIndex);
  }
}
