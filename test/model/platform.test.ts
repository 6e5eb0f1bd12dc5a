/**
 * Hand-worked scenarios for the platform model. Each test spells out the timeline it expects.
 * Unless a test says otherwise: INIT 100 ms, keep-alive fixed 10 min, one request per instance.
 */
import { describe, expect, test } from 'vitest';
import { makeSampler } from '../../src/model/distribution.js';
import { INV, NullObserver } from '../../src/model/observer.js';
import { fnSpec, pingEvery, runModel } from '../helpers/model.js';

const fixed = (ms: number) => ({ keepAlive: { kind: 'fixed' as const, ms } });

describe('keep-alive', () => {
  test('requests 10 s apart: keep-alive 5 s makes all three cold, 15 s only the first', () => {
    // each request: cold = INIT 100 + run 100 → done at t+200; warm = run 100.
    const reqs = [0, 10_000, 20_000].map((t) => ({ t, run: 100 }));
    // 5 s: idle from 200 → expires at 5,200 < 10,000: cold; same again at 20,000.
    expect(runModel(reqs, { platform: fixed(5000) }).metrics.stats().servedCold).toBe(3);
    // 15 s: idle from 200 → expiry 15,200 > 10,000: warm; idle from 10,100 → 25,100 > 20,000: warm.
    const s = runModel(reqs, { platform: fixed(15_000) }).metrics.stats();
    expect([s.servedCold, s.servedWarm, s.coldStarts]).toEqual([1, 2, 1]);
  });

  test('keep-alive is counted from the end of the last request, not its start', () => {
    // cold at 0: busy until 100 (INIT) + 5,000 (run) = 5,100; idle window 1,000 → expires at 6,100.
    const warm = runModel(
      [
        { t: 0, run: 5000 },
        { t: 6000, run: 10 },
      ],
      { platform: fixed(1000) },
    ).metrics.stats();
    expect(warm.servedWarm).toBe(1);
    const cold = runModel(
      [
        { t: 0, run: 5000 },
        { t: 6200, run: 10 },
      ],
      { platform: fixed(1000) },
    ).metrics.stats();
    expect(cold.servedCold).toBe(2);
  });

  test('an arrival exactly at the expiry instant finds the instance gone; a hair earlier it is warm', () => {
    // done at 200, keep-alive 1,000 → expires at 1,200 (expiries run before arrivals at the same time)
    expect(
      runModel(
        [
          { t: 0, run: 100 },
          { t: 1200, run: 100 },
        ],
        { platform: fixed(1000) },
      ).metrics.stats().servedCold,
    ).toBe(2);
    expect(
      runModel(
        [
          { t: 0, run: 100 },
          { t: 1199.999, run: 100 },
        ],
        { platform: fixed(1000) },
      ).metrics.stats().servedCold,
    ).toBe(1);
  });

  test('an arrival exactly when a request completes reuses that instance', () => {
    // cold at 0 completes at 200 (completions run before arrivals at the same time)
    const s = runModel([
      { t: 0, run: 100 },
      { t: 200, run: 100 },
    ]).metrics.stats();
    expect([s.servedWarm, s.coldStarts]).toEqual([1, 1]);
    // 0.001 ms earlier the instance is still busy: a second instance
    expect(
      runModel([
        { t: 0, run: 100 },
        { t: 199.999, run: 100 },
      ]).metrics.stats().coldStarts,
    ).toBe(2);
  });

  test('forever never expires; a uniform range expires somewhere inside it', () => {
    const reqs = [
      { t: 0, run: 100 },
      { t: 86_400_000, run: 100 },
    ];
    expect(runModel(reqs, { platform: { keepAlive: { kind: 'forever' } } }).metrics.stats().servedCold).toBe(
      1,
    );
    // window 5..7 min after the first request ends at 200 ms: a request at 4 min is warm, at 8 min cold
    const range = { keepAlive: { kind: 'uniform' as const, minMs: 300_000, maxMs: 420_000 } };
    expect(
      runModel(
        [
          { t: 0, run: 100 },
          { t: 240_000, run: 100 },
        ],
        { platform: range },
      ).metrics.stats().servedCold,
    ).toBe(1);
    expect(
      runModel(
        [
          { t: 0, run: 100 },
          { t: 480_200, run: 100 },
        ],
        { platform: range },
      ).metrics.stats().servedCold,
    ).toBe(2);
  });

  test('a uniform range is drawn afresh for each idle period: idle 6 min in a 5..7 min range expires half the time', () => {
    // Requests of 100 ms; after each, the next comes 1 min later (always warm), then 6 min later
    // (cold with P = (6 − 5) / (7 − 5) = 0.5, independently each time). 2,000 long gaps:
    // expected colds 1,000 ± 3σ, σ = √(2,000 × 0.5 × 0.5) = 22.4.
    const reqs: { t: number; run: number }[] = [];
    let t = 0;
    for (let i = 0; i < 2000; i++) {
      reqs.push({ t, run: 100 }, { t: t + 100 + 60_000, run: 100 });
      t += 100 + 60_000 + 100 + 360_000;
    }
    const range = { keepAlive: { kind: 'uniform' as const, minMs: 300_000, maxMs: 420_000 } };
    const s = runModel(reqs, { platform: range }).metrics.stats();
    const afterLongGaps = s.servedCold - 1; // the very first request is cold too
    expect(Math.abs(afterLongGaps - 1000)).toBeLessThan(3 * 22.4);
    // the short gaps never expire: colds only ever follow a long gap
    expect(s.servedCold).toBeLessThanOrEqual(2000);
  });

  test('an observed init_ms is used for a request that cold-starts, ignored when it is warm', () => {
    const { metrics } = runModel([
      { t: 0, run: 10, init: 750 },
      { t: 1000, run: 10, init: 999 },
    ]);
    const s = metrics.stats();
    expect(s.latency.cold.maxMs).toBe(760); // 750 + 10
    expect(s.latency.warm.maxMs).toBe(10);
  });
});

describe('routing policies', () => {
  // Two requests at t=0 create instances A (serial 0) and B (serial 1); both finish at 200 with A
  // first, so the idle list is [A, B]. Then one request every second for 8 s (run 10 ms), keep-alive
  // 5 s. At 10 s two requests arrive together.
  const reqs = [
    { t: 0, run: 100 },
    { t: 0, run: 100 },
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((s) => ({ t: s * 1000, run: 10 })),
    { t: 10_000, run: 10 },
    { t: 10_000, run: 10 },
  ];
  const run = (routing: 'most-recent' | 'least-recent' | 'newest' | 'random', seed = 1) =>
    runModel(reqs, { platform: { routing, ...fixed(5000) }, seed }).metrics.stats();

  test('most-recent keeps reusing B, so A expires at 5.2 s and the 10 s pair needs a new instance', () => {
    const s = run('most-recent');
    expect(s.coldStarts).toBe(3);
    expect(s.servedCold).toBe(3);
  });

  test('least-recent alternates A and B, keeping both alive: the 10 s pair is warm', () => {
    const s = run('least-recent');
    expect(s.coldStarts).toBe(2);
    expect(s.servedWarm).toBe(10);
  });

  test('newest picks the instance created last even when another was used more recently', () => {
    // A finishes at 300, B at 200: the idle list is [B, A]; most-recent takes A, newest takes B.
    const r = [
      { t: 0, run: 200 },
      { t: 0, run: 100 },
      { t: 1000, run: 10 },
    ];
    const seen: number[] = [];
    class Who extends NullObserver {
      override onInstanceBusy(_fn: number, instance: number, t: number): void {
        if (t === 1000) seen.push(instance);
      }
    }
    runModel(r, { platform: { routing: 'newest' }, observers: [new Who()] });
    runModel(r, { platform: { routing: 'most-recent' }, observers: [new Who()] });
    expect(seen).toEqual([1, 0]);
  });

  test('random is fixed by the seed and spreads load over both instances', () => {
    expect(run('random', 7)).toEqual(run('random', 7));
    // the single requests at 1..8 s land on both A (serial 0) and B (serial 1), in a seeded order
    const picks = (seed: number): number[] => {
      const seen: number[] = [];
      class Who extends NullObserver {
        override onInstanceBusy(_fn: number, instance: number, t: number): void {
          if (t >= 1000 && t <= 8000) seen.push(instance);
        }
      }
      runModel(reqs, { platform: { routing: 'random', ...fixed(5000) }, seed, observers: [new Who()] });
      return seen;
    };
    expect(picks(7)).toEqual(picks(7));
    expect(new Set(picks(7))).toEqual(new Set([0, 1]));
    expect(picks(7)).not.toEqual(picks(8));
  });
});

describe('limits', () => {
  test('account concurrency limit 2: a third simultaneous sync request is throttled, never served', () => {
    const s = runModel(
      [0, 0, 0].map((t) => ({ t, run: 100 })),
      { platform: { concurrencyLimit: 2 } },
    ).metrics.stats();
    expect([s.servedCold, s.throttledSync, s.requests]).toEqual([2, 1, 3]);
  });

  test('the limit counts busy instances: an idle instance of another function cannot be used past it', () => {
    // limit 1: a busy 0..1100; b at 500 is throttled even though nothing of b exists yet
    const s = runModel(
      [
        { t: 0, run: 1000, fn: 'a' },
        { t: 500, run: 10, fn: 'b' },
      ],
      { platform: { concurrencyLimit: 1 } },
    ).metrics.stats();
    expect(s.throttledSync).toBe(1);
  });

  test('reserved concurrency caps its function and is taken out of the shared pool', () => {
    // limit 3, "a" reserves 1: a gets at most 1, the others share 3 − 1 = 2
    const fns = [fnSpec({ name: 'a', reservedConcurrency: 1 }), fnSpec({ name: 'b' })];
    const reqs = [
      { t: 0, run: 100, fn: 'a' },
      { t: 0, run: 100, fn: 'a' },
      { t: 0, run: 100, fn: 'b' },
      { t: 0, run: 100, fn: 'b' },
      { t: 0, run: 100, fn: 'b' },
    ];
    const { metrics } = runModel(reqs, { fns, platform: { concurrencyLimit: 3 } });
    expect(metrics.stats(0).throttledSync).toBe(1);
    expect(metrics.stats(1).throttledSync).toBe(1);
  });

  test('scaling rate: a bucket of 2 new instances refilled at 1 per second', () => {
    const platform = { scaling: { burst: 2, perMs: 1 / 1000 } };
    // three at 0: two get tokens, one is throttled; at 1 s one token has come back
    const s = runModel(
      [0, 0, 0, 1000].map((t) => ({ t, run: 5000 })),
      { platform },
    ).metrics.stats();
    expect([s.coldStarts, s.throttledSync]).toEqual([3, 1]);
    // warm reuse needs no token: at 0.5 s two are warm and the third finds half a token
    const w = runModel(
      [0, 0, 500, 500, 500].map((t) => ({ t, run: 100 })),
      { platform },
    ).metrics.stats();
    expect([w.coldStarts, w.servedWarm, w.throttledSync]).toEqual([2, 2, 1]);
  });

  test('async throttles are retried with doubling waits and their queueing delay is reported', () => {
    // limit 1, no INIT: the first runs 0..1500. The second is throttled at 0 → retry at 1 s (still
    // busy) → retry 2 s later at 3 s → served warm. Queue delay 3,000 ms.
    const fn = { init: makeSampler({ kind: 'constant', ms: 0 }) };
    const s = runModel(
      [
        { t: 0, run: 1500, async: true },
        { t: 0, run: 10, async: true },
      ],
      { fn, platform: { concurrencyLimit: 1 } },
    ).metrics.stats();
    expect([s.asyncRetries, s.asyncServedAfterRetry, s.asyncDropped, s.servedWarm]).toEqual([2, 1, 0, 1]);
    expect(s.asyncQueueDelay.maxMs).toBe(3000);
  });

  test('an async event is dropped when the next retry would pass its maximum age', () => {
    // busy for 10 min; retries at 1, 3, 7, 15 s … max age 5 s: the retry due at 7 s would be too old
    const fn = { init: makeSampler({ kind: 'constant', ms: 0 }) };
    const asyncRetry = { firstDelayMs: 1000, maxDelayMs: 300_000, maxEventAgeMs: 5000 };
    const s = runModel(
      [
        { t: 0, run: 600_000, async: true },
        { t: 0, run: 10, async: true },
      ],
      { fn, platform: { concurrencyLimit: 1, asyncRetry } },
    ).metrics.stats();
    expect([s.asyncRetries, s.asyncDropped, s.requests, s.servedCold + s.servedWarm]).toEqual([2, 1, 2, 1]);
  });
});

describe('provisioned instances and pings', () => {
  test('requests go to provisioned instances first and spill over to on-demand', () => {
    const s = runModel(
      [
        { t: 0, run: 100 },
        { t: 0, run: 100 },
        { t: 5000, run: 100 },
      ],
      { fn: { provisioned: 1 } },
    ).metrics.stats();
    // at 0: one warm on the provisioned instance, one cold on-demand; at 5 s the provisioned one again
    expect([s.servedWarm, s.servedCold, s.coldStarts, s.provisionedInstances]).toEqual([2, 1, 1, 1]);
  });

  const pingsEveryMinute = (phaseMs: number) => [pingEvery(60_000, { phaseMs })];

  test('a user request arriving while the only warm instance serves a ping cold-starts, blamed on the ping', () => {
    // window starts at 0 with the first user request: cold (A, busy to 110). Pings from 10 s, every
    // minute: at 10 s warm on A. User at 30 s: warm on A. Ping at 70 s holds A until 70,025; the user
    // request at 70,010 needs a second instance: cold, caused by the ping.
    const reqs = [
      { t: 0, run: 10 },
      { t: 30_000, run: 10 },
      { t: 70_010, run: 10 },
    ];
    const s = runModel(reqs, { fn: { pings: pingsEveryMinute(10_000) } }).metrics.stats();
    expect([s.pings, s.pingColdStarts, s.servedWarm, s.servedCold, s.pingCausedColdStarts]).toEqual([
      2, 0, 1, 2, 1,
    ]);
  });

  test('a ping that cold-starts at the same instant as a user request is not blamed for its cold start', () => {
    // phase 0: the ping at 0 runs first and cold-starts A; the user request at 0 would be cold anyway
    const s = runModel([{ t: 0, run: 10 }], {
      fn: { pings: pingsEveryMinute(0) },
      endMs: 1000,
    }).metrics.stats();
    expect([s.pingColdStarts, s.servedCold, s.pingCausedColdStarts, s.coldStarts]).toEqual([1, 1, 0, 2]);
  });

  test('a request that finds the instance idle after a ping is warm', () => {
    // user at 0 cold (A); ping at 10 s warm on A; user at 30 s warm
    const s = runModel(
      [
        { t: 0, run: 10 },
        { t: 30_000, run: 10 },
      ],
      { fn: { pings: pingsEveryMinute(10_000) } },
    ).metrics.stats();
    expect([s.servedWarm, s.pings, s.pingColdStarts]).toEqual([1, 1, 0]);
  });
});

describe('several requests per instance', () => {
  test('80 simultaneous requests with 80 per instance share one cold start; with 1 per instance, 80', () => {
    const burst = Array.from({ length: 80 }, () => ({ t: 0, run: 50 }));
    const shared = runModel(burst, { platform: { perInstanceConcurrency: 80 } }).metrics.stats();
    expect([shared.coldStarts, shared.servedCold, shared.servedDuringInit, shared.peakInstances]).toEqual([
      1, 80, 79, 1,
    ]);
    // every request waited for the single INIT: latency 100 + 50
    expect(shared.latency.all.maxMs).toBe(150);
    const single = runModel(burst, { platform: { perInstanceConcurrency: 1 } }).metrics.stats();
    expect([single.coldStarts, single.peakInstances]).toEqual([80, 80]);
  });

  test('the 81st simultaneous request opens a second instance', () => {
    const burst = Array.from({ length: 81 }, () => ({ t: 0, run: 50 }));
    expect(runModel(burst, { platform: { perInstanceConcurrency: 80 } }).metrics.stats().coldStarts).toBe(2);
  });
});

describe('time-weighted figures', () => {
  test('mean instances alive and idle GB-s over the window', () => {
    // 1024 MB. Cold at 0, busy 0..200, idle until expiry at 200 + 1,000 = 1,200; window 0..2,000.
    const { metrics } = runModel(
      [
        { t: 0, run: 100 },
        { t: 2000, run: 100 },
      ],
      { platform: fixed(1000) },
    );
    const s = metrics.stats();
    // alive: 0..1,200 (first) + 2,000..2,000 (second, window ends at its arrival) = 1,200 ms of 2,000
    expect(s.meanInstancesAlive).toBeCloseTo(1200 / 2000, 12);
    // idle: 200..1,200 = 1,000 ms × 1 GB = 1 GB-s
    expect(s.idleInstanceGbS).toBeCloseTo(1, 12);
    // in flight: 200 ms of 2,000 (the second request's 200 ms lie after the window)
    expect(s.meanConcurrency).toBeCloseTo(200 / 2000, 12);
  });

  test('flags on invocations: a cold start carries INV.cold, a provisioned one INV.provisioned', () => {
    const flags: number[] = [];
    class F extends NullObserver {
      override onInvocation(_fn: number, f: number): void {
        flags.push(f);
      }
    }
    runModel(
      [
        { t: 0, run: 1 },
        { t: 0, run: 1 },
      ],
      { fn: { provisioned: 1 }, observers: [new F()] },
    );
    expect(flags).toEqual([INV.provisioned, INV.cold]);
  });
});
