/**
 * Processor sharing on instances that serve several requests at once (PlatformSpec.cpuSharing).
 *
 * A request's run time R has a CPU-bound fraction f. With n requests in flight on an instance of c
 * vCPUs each gets a CPU share s = min(1, c / n), and the request is stretched as a whole: its CPU
 * work and its waiting are taken as interleaved evenly, so it progresses at
 * rate(f, s) = 1 / (f / s + 1 − f) ms of its unshared run per ms of wall time (f = 1: rate s, the
 * processor-sharing queue; f = 0: rate 1, never slowed). This is the rule the `cpu-share` duration
 * model applies to memory (src/memory/model.ts): run time = f × R / s + (1 − f) × R at a constant s.
 *
 * Event-driven: each arrival and departure on an instance whose share changes rescales the remaining
 * work of the requests in flight on it and moves their completion events (cancelled and scheduled
 * again on the engine's clock). Requests that wait for their instance's INIT make no progress until
 * it is ready, when every request on it starts together.
 *
 * Columns are indexed by the InFlightRequests id of the request, so they grow to the most requests
 * in flight at once and allocate nothing after.
 */
import type { Simulator } from '../engine/simulator.js';
import type { EventTarget } from '../engine/types.js';
import { LANE } from './lanes.js';

/** Progress per ms of wall time of a request with CPU-bound fraction `f` at CPU share `share`. */
export function shareRate(f: number, share: number): number {
  return 1 / (f / share + 1 - f);
}

/**
 * The CPU share of each of `inFlight` requests on `vcpus` vCPUs, relative to a request alone: a run
 * time is as a request alone on the instance runs, so an instance of less than one vCPU slows its
 * requests only by their number (each gets 1/n of what one alone gets).
 */
export function cpuShare(vcpus: number, inFlight: number): number {
  const c = vcpus < 1 ? 1 : vcpus;
  return inFlight <= c ? 1 : c / inFlight;
}

/** A request's CPU-bound fraction: the trace's cpu_ms over its run time, else the configured fraction. */
export function cpuFractionOf(cpuMs: number, runMs: number, configured: number): number {
  if (Number.isNaN(cpuMs)) return configured;
  return runMs > 0 ? Math.min(1, cpuMs / runMs) : 0;
}

export class CpuShares {
  readonly #sim: Simulator;
  readonly #target: EventTarget;
  /** per request: CPU-bound fraction, when its run begins (its instance ready), scheduled end, current rate */
  readonly fraction: number[] = [];
  readonly runStartMs: number[] = [];
  readonly doneAtMs: number[] = [];
  /** per request, for PlatformObserver.onSharedRunEnd: its first arrival and the INIT it waited for */
  readonly arrivalMs: number[] = [];
  readonly initMs: number[] = [];
  readonly #rate: number[] = [];
  /** its position in its instance's list */
  readonly #pos: number[] = [];
  /** per instance slot: the ids of the requests in flight on it */
  readonly #onSlot: number[][] = [];
  /**
   * per instance slot: its one pending completion event (the earliest of its requests), and when;
   * NaN for none. One event per instance, not per request: a share change moves every completion on
   * the instance, and moving them all in the queue made a saturated 80-request instance cost 80 queue
   * operations per arrival.
   */
  readonly #timer: number[] = [];
  readonly #timerAtMs: number[] = [];

  /** `completion` fires with the instance's slot when its earliest request is due (see `due`). */
  constructor(sim: Simulator, completion: EventTarget) {
    this.#sim = sim;
    this.#target = completion;
  }

  /**
   * Request `id` starts on instance `slot` (of `vcpus` vCPUs), which now has `inFlight` requests in
   * flight counting it; it arrived at `arrivalMs`, waits `initMs` for INIT, then its run of `runMs`
   * (unshared) begins at `runStartMs`.
   */
  join(
    slot: number,
    id: number,
    vcpus: number,
    inFlight: number,
    arrivalMs: number,
    initMs: number,
    runStartMs: number,
    runMs: number,
    f: number,
  ): void {
    let list = this.#onSlot[slot];
    if (list === undefined) {
      list = this.#onSlot[slot] = [];
      this.#timer[slot] = NaN;
      this.#timerAtMs[slot] = NaN;
    }
    const share = cpuShare(vcpus, inFlight);
    if (share !== cpuShare(vcpus, inFlight - 1)) this.#rescale(list, share);
    const rate = shareRate(f, share);
    this.fraction[id] = f;
    this.arrivalMs[id] = arrivalMs;
    this.initMs[id] = initMs;
    this.runStartMs[id] = runStartMs;
    this.doneAtMs[id] = runStartMs + runMs / rate;
    this.#rate[id] = rate;
    this.#pos[id] = list.length;
    list.push(id);
    this.#arm(slot, list);
  }

  /** The instance's completion event fired: the request due now, which the caller completes (then `leave`). */
  due(slot: number): number {
    this.#timer[slot] = NaN;
    this.#timerAtMs[slot] = NaN;
    return earliest(this.#onSlot[slot] as number[], this.doneAtMs);
  }

  /** Request `id` completes on `slot`, leaving `inFlight` requests in flight there. */
  leave(slot: number, id: number, vcpus: number, inFlight: number): void {
    const list = this.#onSlot[slot] as number[];
    const at = this.#pos[id] as number;
    const last = list.pop() as number;
    if (last !== id) {
      list[at] = last;
      this.#pos[last] = at;
    }
    const share = cpuShare(vcpus, inFlight);
    if (share !== cpuShare(vcpus, inFlight + 1)) this.#rescale(list, share);
    this.#arm(slot, list);
  }

  /** Keeps the instance's one completion event at its earliest request's end. */
  #arm(slot: number, list: number[]): void {
    const sim = this.#sim;
    const pending = this.#timer[slot] as number;
    if (list.length === 0) {
      if (!Number.isNaN(pending)) sim.cancel(pending);
      this.#timer[slot] = NaN;
      this.#timerAtMs[slot] = NaN;
      return;
    }
    const at = this.doneAtMs[earliest(list, this.doneAtMs)] as number;
    if (at === this.#timerAtMs[slot]) return;
    if (!Number.isNaN(pending)) sim.cancel(pending);
    this.#timer[slot] = sim.at(at, LANE.complete, this.#target, slot);
    this.#timerAtMs[slot] = at;
  }

  /** Moves the end of every request in `list` to what its remaining work takes at `share`. */
  #rescale(list: number[], share: number): void {
    const now = this.#sim.nowMs;
    for (let k = 0; k < list.length; k++) {
      const j = list[k] as number;
      const from = Math.max(now, this.runStartMs[j] as number);
      const oldRate = this.#rate[j] as number;
      const rate = shareRate(this.fraction[j] as number, share);
      if (rate === oldRate) continue;
      const remainingWork = ((this.doneAtMs[j] as number) - from) * oldRate;
      this.#rate[j] = rate;
      this.doneAtMs[j] = from + remainingWork / rate;
    }
  }
}

/** The request of `list` that ends first (the first in the list among equals). */
function earliest(list: number[], doneAtMs: number[]): number {
  let best = list[0] as number;
  let bestAt = doneAtMs[best] as number;
  for (let k = 1; k < list.length; k++) {
    const j = list[k] as number;
    const at = doneAtMs[j] as number;
    if (at < bestAt) {
      best = j;
      bestAt = at;
    }
  }
  return best;
}
