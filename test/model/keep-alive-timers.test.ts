/** KeepAliveTimers and PrewarmedBuffer driven alone: when idle instances are checked, expire or are held. */
import { describe, expect, test } from 'vitest';
import { Simulator } from '../../src/engine/simulator.js';
import { FunctionRuntime } from '../../src/model/function-runtime.js';
import { Instance } from '../../src/model/instance.js';
import type { KeepAliveSpec } from '../../src/model/keep-alive.js';
import { KeepAliveTimers } from '../../src/model/keep-alive-timers.js';
import { PrewarmedBuffer } from '../../src/model/prewarmed-buffer.js';
import { Rng } from '../../src/util/rng.js';
import { fnSpec } from '../helpers/model.js';

/** Timers whose checks run the platform's rule: the instance stops when its window is over. */
function timers(spec: KeepAliveSpec, seed = 1) {
  const sim = new Simulator(0);
  const checks: number[] = [];
  const stopped: number[] = [];
  const t: KeepAliveTimers = new KeepAliveTimers(spec, new Rng(seed), sim, {
    fire: (slot, now) => {
      checks.push(now);
      t.fired(slot);
      if (t.windowOver(slot, now)) stopped.push(now);
    },
  });
  t.reset(0);
  t.reset(1);
  return { sim, t, checks, stopped };
}

describe('KeepAliveTimers', () => {
  test('fixed window: one check when the window ends, and the instance stops then', () => {
    const { sim, t, checks, stopped } = timers({ kind: 'fixed', ms: 600_000 });
    t.arm(0, 1000);
    sim.run();
    expect([checks, stopped]).toEqual([[601_000], [601_000]]);
  });

  test('an instance busy again before its check: the old check fires early and re-arms for the new idle period', () => {
    // idle at 0 (check due 600,000), busy and idle again at 100,000: the pending check is earlier
    // than the new due time, so it stays; at 600,000 it finds the new period 500,000 old and re-arms
    // for 700,000, where the instance stops.
    const { sim, t, checks, stopped } = timers({ kind: 'fixed', ms: 600_000 });
    t.arm(0, 0);
    sim.run(100_000);
    t.busy(0);
    t.arm(0, 100_000);
    sim.run();
    expect([checks, stopped]).toEqual([[600_000, 700_000], [700_000]]);
  });

  test('a range: the window is drawn at the shortest window and checked again when it ends', () => {
    // 5..7 min: first check at idle + 300,000; the draw 300,000 + u × 120,000 with the timers' rng's
    // first number u sets the second check, where the instance stops.
    const { sim, t, checks, stopped } = timers({ kind: 'uniform', minMs: 300_000, maxMs: 420_000 }, 7);
    const u = new Rng(7).next();
    t.arm(0, 0);
    sim.run();
    expect(checks).toEqual([300_000, 300_000 + u * 120_000]);
    expect(stopped).toEqual([300_000 + u * 120_000]);
  });

  test('forever: nothing is armed', () => {
    const { sim, t } = timers({ kind: 'forever' });
    t.arm(0, 0);
    expect(sim.pendingCount).toBe(0);
    expect(t.hasCheck(0)).toBe(false);
  });

  test('a stopped instance has its check cancelled', () => {
    const { sim, t, checks } = timers({ kind: 'fixed', ms: 1000 });
    t.arm(0, 0);
    t.arm(1, 0);
    expect(t.hasCheck(0)).toBe(true);
    t.cancel(0);
    sim.run();
    expect(checks).toEqual([1000]);
    expect(t.hasCheck(0)).toBe(false);
  });

  test('an instance is busy from its reset and from a request until it is armed idle', () => {
    const { t } = timers({ kind: 'fixed', ms: 1000 });
    expect(t.isBusy(0)).toBe(true);
    t.arm(0, 0);
    expect(t.isBusy(0)).toBe(false);
    t.busy(0);
    expect(t.isBusy(0)).toBe(true);
  });
});

describe('PrewarmedBuffer', () => {
  const fn = () => new FunctionRuntime(0, fnSpec());

  test('a busy function with fewer spare instances than the buffer is short; an idle one never is', () => {
    const b = new PrewarmedBuffer(2);
    const f = fn();
    f.spareOnDemand = 1;
    expect(b.short(f)).toBe(false); // nothing in flight
    f.busyInstances = 1;
    expect(b.short(f)).toBe(true);
    f.spareOnDemand = 2;
    expect(b.short(f)).toBe(false);
  });

  test('a spare instance is kept while the spares do not exceed the buffer, counting itself', () => {
    const b = new PrewarmedBuffer(2);
    const f = fn();
    f.busyInstances = 3;
    f.spareOnDemand = 2;
    expect(b.keeps(f)).toBe(true);
    f.spareOnDemand = 3;
    expect(b.keeps(f)).toBe(false);
    // no buffer: the idle instance itself is a spare, so 1 > 0 and it expires as usual
    expect(new PrewarmedBuffer(0).keeps(Object.assign(fn(), { busyInstances: 1, spareOnDemand: 1 }))).toBe(
      false,
    );
  });

  test('held instances start their keep-alive when the function is idle; ones taken since are skipped', () => {
    const sim = new Simulator(0);
    const checked: number[] = [];
    const t = new KeepAliveTimers({ kind: 'fixed', ms: 1000 }, new Rng(1), sim, {
      fire: (slot, now) => checked.push(slot * 1e6 + now),
    });
    t.reset(0);
    t.reset(1);
    const b = new PrewarmedBuffer(2);
    const f = fn();
    const [x, y] = [new Instance(0), new Instance(1)];
    b.hold(f, x);
    b.hold(f, y);
    y.held = false; // a request took it
    b.release(f, 5000, t);
    sim.run();
    expect(checked).toEqual([6000]); // slot 0 at 5,000 + 1,000
    expect([x.held, f.held?.length]).toEqual([false, 0]);
  });
});
