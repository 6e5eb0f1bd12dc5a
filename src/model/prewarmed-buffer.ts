/**
 * Azure Premium's pre-warmed buffer (PlatformSpec.prewarmed): while a function has work in flight,
 * `size` of its on-demand instances are kept with nothing in flight (ready or starting), replaced as
 * soon as a request takes one. Microsoft says the next one "is instantly provisioned"; faasim still
 * takes a token from the scale-out rate for it, as for any new instance, so the buffer is no way
 * around that rate (a burst that empties the bucket leaves the buffer to be refilled at a later
 * placement). A spare instance whose keep-alive check finds the function busy is held (no check
 * pending); its keep-alive starts afresh when the function next has nothing in flight.
 *
 * The platform starts the instances (Platform#replenishBuffer); this unit says when, and keeps the
 * held ones.
 */
import type { FunctionRuntime } from './function-runtime.js';
import type { Instance } from './instance.js';
import type { KeepAliveTimers } from './keep-alive-timers.js';

export class PrewarmedBuffer {
  /** `size` 0: no buffer */
  constructor(readonly size: number) {}

  /** The function is busy and has fewer spare instances than the buffer holds: start one more. */
  short(fn: FunctionRuntime): boolean {
    return fn.busyInstances > 0 && fn.spareOnDemand < this.size;
  }

  /** An idle instance's keep-alive check fired: keep it as part of the buffer instead of expiring it. */
  keeps(fn: FunctionRuntime): boolean {
    return fn.busyInstances > 0 && fn.spareOnDemand <= this.size;
  }

  hold(fn: FunctionRuntime, inst: Instance): void {
    inst.held = true;
    (fn.held ??= []).push(inst);
  }

  /** The function has nothing in flight: its held instances start their keep-alive now. */
  release(fn: FunctionRuntime, nowMs: number, keepAlive: KeepAliveTimers): void {
    const held = fn.held;
    if (held === null) return;
    for (const inst of held) {
      if (!inst.held) continue; // taken by a request since, or stopped and its slot reused
      inst.held = false;
      keepAlive.arm(inst.slot, nowMs);
    }
    held.length = 0;
  }
}
