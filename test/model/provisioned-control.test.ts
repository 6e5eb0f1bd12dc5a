/** ProvisionedControl and PingScheduler driven alone on the engine's clock, with recording hosts. */
import { describe, expect, test } from 'vitest';
import { Simulator } from '../../src/engine/simulator.js';
import { FunctionRuntime } from '../../src/model/function-runtime.js';
import { PingScheduler } from '../../src/model/ping-scheduler.js';
import {
  ProvisionedControl,
  targetTrackingStep,
  trackProvisioned,
} from '../../src/model/provisioned-control.js';
import type { FunctionSpec, ProvisionedControl as ControlSpec } from '../../src/model/spec.js';
import { parseSchedule } from '../../src/util/cron.js';
import { fnSpec, pingEvery } from '../helpers/model.js';

const MIN = 60_000;
type Auto = Extract<ControlSpec, { kind: 'auto' }>;
const auto = (over: Partial<Auto> = {}): Auto => ({
  kind: 'auto',
  targetUtilization: 0.5,
  minLevel: 1,
  maxLevel: 10,
  scaleOutMinutes: 3,
  scaleInMinutes: 15,
  scaleInRatio: 0.9,
  allocationDelayMs: 0,
  ...over,
});

describe('target tracking step', () => {
  /** A function at `level` whose provisioned instances had `inFlight` requests for the whole last minute. */
  function minute(fn: FunctionRuntime, t: number, inFlight: number): number {
    trackProvisioned(fn, t, inFlight - fn.provInFlight);
    trackProvisioned(fn, t + MIN, 0);
    return targetTrackingStep(fn, fn.spec.provisionedControl as Auto);
  }

  test('three minutes above target scale out to level × utilisation / target, rounded up', () => {
    // level 2, 3 in flight: utilisation 1.5, target 0.5 → 2 × 1.5 / 0.5 = 6 after the third minute
    const fn = new FunctionRuntime(0, fnSpec({ provisionedControl: auto() }));
    fn.provLevel = 2;
    expect([minute(fn, 0, 3), minute(fn, MIN, 3)]).toEqual([-1, -1]);
    expect(fn.autoAbove).toBe(2);
    expect(minute(fn, 2 * MIN, 3)).toBe(6);
    expect([fn.autoAbove, fn.autoBelow]).toEqual([0, 0]);
  });

  test('a minute back under target restarts the count', () => {
    const fn = new FunctionRuntime(0, fnSpec({ provisionedControl: auto() }));
    fn.provLevel = 2;
    minute(fn, 0, 3);
    minute(fn, MIN, 3);
    minute(fn, 2 * MIN, 1); // utilisation 0.5: not above
    expect([minute(fn, 3 * MIN, 3), fn.autoAbove]).toEqual([-1, 1]);
  });

  test('fifteen minutes below 0.9 × target scale in, within the minimum; the maximum caps a scale-out', () => {
    // level 8, 1 in flight: utilisation 0.125 < 0.45 → 8 × 0.125 / 0.5 = 2 at the fifteenth minute
    const fn = new FunctionRuntime(0, fnSpec({ provisionedControl: auto({ minLevel: 3 }) }));
    fn.provLevel = 8;
    for (let m = 0; m < 14; m++) expect(minute(fn, m * MIN, 1)).toBe(-1);
    expect(minute(fn, 14 * MIN, 1)).toBe(3); // 2, raised to the minimum 3
    const big = new FunctionRuntime(0, fnSpec({ provisionedControl: auto({ maxLevel: 4 }) }));
    big.provLevel = 2;
    for (let m = 0; m < 2; m++) minute(big, m * MIN, 4);
    expect(minute(big, 2 * MIN, 4)).toBe(4); // 2 × 2 / 0.5 = 8, capped at 4
  });
});

describe('ProvisionedControl on the clock', () => {
  function control(spec: FunctionSpec, epochOffsetMs = 0) {
    const sim = new Simulator(0);
    const fns = [new FunctionRuntime(0, spec)];
    const levels: [number, number][] = [];
    const c = new ProvisionedControl(sim, fns, epochOffsetMs, {
      setProvisioned: (fn, level) => {
        levels.push([sim.nowMs, level]);
        fn.provLevel = level;
      },
    });
    return { sim, fn: fns[0] as FunctionRuntime, c, levels };
  }

  test('scheduled actions set their levels at their cron times; the starting level is the last one before the start', () => {
    // at :00 every hour level 3, at :30 level 1; the window starts at 00:10 (epoch 0 = 1970-01-01 00:00 UTC)
    const spec = fnSpec({
      provisioned: 0,
      provisionedControl: {
        kind: 'schedule',
        actions: [
          { schedule: parseSchedule('cron(0 * * * ? *)'), level: 3 },
          { schedule: parseSchedule('cron(30 * * * ? *)'), level: 1 },
        ],
        allocationDelayMs: 0,
      },
    });
    const { sim, fn, c, levels } = control(spec);
    const start = 10 * MIN;
    sim.advanceBefore(start, 0);
    expect(c.startingLevel(fn, start)).toBe(3); // 00:00's action
    c.start(fn, start);
    sim.run(2 * 60 * MIN);
    expect(levels).toEqual([
      [30 * MIN, 1],
      [60 * MIN, 3],
      [90 * MIN, 1],
      [120 * MIN, 3],
    ]);
    c.close();
    sim.run(3 * 60 * MIN);
    expect(levels.length).toBe(4);
  });

  test('target tracking ticks once a minute from the start', () => {
    const spec = fnSpec({ provisionedControl: auto() });
    const { sim, fn, c, levels } = control(spec);
    fn.provLevel = 1;
    c.start(fn, 0);
    trackProvisioned(fn, 0, 2); // 2 in flight on 1 instance: utilisation 2, target 0.5 → 4
    sim.run(3 * MIN);
    expect(levels).toEqual([[3 * MIN, 4]]);
  });
});

describe('PingScheduler', () => {
  function pinger(spec: FunctionSpec, startMs = 0, epochOffsetMs = 0) {
    const sim = new Simulator(0);
    const fns = [new FunctionRuntime(0, spec)];
    const sent: [number, number][] = [];
    const p = new PingScheduler(sim, fns, epochOffsetMs, {
      ping: (_fn, durationMs) => sent.push([sim.nowMs, durationMs]),
    });
    sim.advanceBefore(startMs, 0);
    p.open(startMs);
    p.start(fns[0] as FunctionRuntime, startMs);
    return { sim, p, sent };
  }

  test('a rate schedule fires from the window start plus its phase, every interval, until the window end', () => {
    // every 5 min with phase 1 min from 1,000: 61,000, 361,000, 661,000; the window ends at 661,000
    const { sim, p, sent } = pinger(
      fnSpec({ pings: [pingEvery(5 * MIN, { phaseMs: MIN, concurrency: 2, durationMs: 40 })] }),
      1000,
    );
    p.end(661_000);
    sim.run();
    expect(sent).toEqual([
      [61_000, 40],
      [61_000, 40],
      [361_000, 40],
      [361_000, 40],
    ]);
  });

  test('a chain sends one ping, then the others the chain lag later', () => {
    const { sim, p, sent } = pinger(
      fnSpec({ pings: [pingEvery(10 * MIN, { concurrency: 3, style: 'chain', chainLagMs: 15 })] }),
    );
    p.end(10 * MIN);
    sim.run();
    expect(sent.map(([t]) => t)).toEqual([0, 15, 15]);
  });

  test('a cron schedule fires on the wall clock through the epoch offset', () => {
    // every 15 min on the clock; model time 0 is 00:05 UTC, so firings at model 10, 25, 40 min
    const { sim, p, sent } = pinger(
      fnSpec({ pings: [{ ...pingEvery(1), schedule: parseSchedule('cron(0/15 * * * ? *)') }] }),
      0,
      5 * MIN,
    );
    p.end(45 * MIN);
    sim.run();
    expect(sent.map(([t]) => t)).toEqual([10 * MIN, 25 * MIN, 40 * MIN]);
  });

  test('nothing fires once the window is closed', () => {
    const { sim, p, sent } = pinger(fnSpec({ pings: [pingEvery(MIN)] }));
    sim.run(2 * MIN);
    p.close();
    sim.run(10 * MIN);
    expect(sent.map(([t]) => t)).toEqual([0, MIN, 2 * MIN]);
  });
});
