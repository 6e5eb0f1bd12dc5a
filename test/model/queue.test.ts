/**
 * The sync request queue (PlatformSpec.queueTimeoutMs): a sync request that finds no capacity waits
 * in its function's FIFO queue until capacity frees up or its wait reaches the timeout (then 429).
 * Unless a test says otherwise: INIT 100 ms, keep-alive fixed 10 min, one request per instance.
 */
import { describe, expect, test } from 'vitest';
import { INV, NullObserver } from '../../src/model/observer.js';
import { fnSpec, runModel } from '../helpers/model.js';

/** Records every invocation's start and flags, and every throttle's time. */
class Log extends NullObserver {
  starts: { t: number; arrival: number; flags: number; instance: number }[] = [];
  throttles: { t: number; flags: number; reason: number }[] = [];
  override onInvocation(
    _fn: number,
    flags: number,
    arrivalMs: number,
    startMs: number,
    _i: number,
    _r: number,
    _m: number,
    _c: number,
    instance: number,
  ): void {
    this.starts.push({ t: startMs, arrival: arrivalMs, flags, instance });
  }
  override onThrottle(_fn: number, flags: number, timeMs: number, reason: number): void {
    this.throttles.push({ t: timeMs, flags, reason });
  }
}

// One instance at most for function "f" (its maximum instance count), counted as alive instances.
const capped = (queueTimeoutMs: number) => ({
  platform: { limitCounts: 'alive-instances' as const, queueTimeoutMs },
  fn: { reservedConcurrency: 1 },
});

describe('without a queue timeout a request over the limit is rejected at once', () => {
  test('absent and 0 behave the same: the second request is a 429 at its arrival', () => {
    for (const opts of [
      { platform: { limitCounts: 'alive-instances' as const }, fn: { reservedConcurrency: 1 } },
      capped(0),
    ]) {
      const log = new Log();
      const s = runModel(
        [
          { t: 0, run: 1000 },
          { t: 500, run: 50 },
        ],
        { ...opts, observers: [log] },
      ).metrics.stats();
      expect([s.servedCold, s.servedWarm, s.throttledSync]).toEqual([1, 0, 1]);
      expect(log.throttles).toEqual([{ t: 500, flags: 0, reason: 1 }]);
    }
  });
});

describe('a request over the limit waits for capacity', () => {
  test('it starts when the busy instance completes, warm, after its wait', () => {
    // A: cold at 0, INIT 100 + run 1,000 → done at 1,100. B arrives at 500, finds the only allowed
    // instance busy, waits; at 1,100 it starts on that instance: wait 600, latency 600 + 50 = 650.
    const log = new Log();
    const { metrics } = runModel(
      [
        { t: 0, run: 1000 },
        { t: 500, run: 50 },
      ],
      { ...capped(10_000), observers: [log] },
    );
    const s = metrics.stats();
    expect([s.servedCold, s.servedWarm, s.throttledSync, s.coldStarts]).toEqual([1, 1, 0, 1]);
    expect(log.starts[1]).toEqual({ t: 1100, arrival: 500, flags: INV.queued, instance: 0 });
    expect(s.latency.warm.maxMs).toBe(650);
    const q = metrics.queueStats();
    expect([q.servedAfterWait, q.rejectedAfterWait, q.wait.maxMs]).toEqual([1, 0, 600]);
  });

  test('waiting requests are served first in, first out, each when the instance frees up', () => {
    // A busy until 1,100. B (t=100, run 200) then C (t=200, run 300) wait. B starts at 1,100 and ends
    // at 1,300; C starts at 1,300. A request D arriving at 1,200 while both wait queues behind them.
    const log = new Log();
    const reqs = [
      { t: 0, run: 1000 },
      { t: 100, run: 200 },
      { t: 200, run: 300 },
      { t: 1200, run: 10 },
    ];
    runModel(reqs, { ...capped(10_000), observers: [log], endMs: 1200 });
    expect(log.starts.map((x) => [x.arrival, x.t])).toEqual([
      [0, 0],
      [100, 1100],
      [200, 1300],
      [1200, 1600],
    ]);
  });

  test('a request still waiting when its timeout ends is rejected then, not before', () => {
    // A holds the instance 0..20,100. B waits from 500; timeout 10 s → 429 at 10,500.
    const log = new Log();
    const { metrics } = runModel(
      [
        { t: 0, run: 20_000 },
        { t: 500, run: 50 },
      ],
      { ...capped(10_000), observers: [log] },
    );
    expect(log.throttles).toEqual([{ t: 10_500, flags: INV.queued, reason: 1 }]);
    const s = metrics.stats();
    expect([s.throttledSync, s.requests]).toEqual([1, 2]);
    expect(metrics.queueStats().rejectedAfterWait).toBe(1);
  });

  test('a completion at the very instant the wait ends still serves the waiting request', () => {
    // A done at 100 + 9,900 = 10,000; B arrived at 0 with timeout 10,000: completions run before timeouts.
    const log = new Log();
    runModel(
      [
        { t: 0, run: 9900 },
        { t: 0, run: 10 },
      ],
      { ...capped(10_000), observers: [log] },
    );
    expect(log.throttles).toEqual([]);
    expect(log.starts[1]?.t).toBe(10_000);
  });

  test('the scaling rate: a request waits for the next token and then cold-starts', () => {
    // bucket of 1 token refilled at 1 per second: A takes it at 0 (run 5,000); B at 0 waits until the
    // token is back at 1,000, then creates a second instance: latency 1,000 + 100 + 50.
    const platform = { scaling: { burst: 1, perMs: 1 / 1000 }, queueTimeoutMs: 10_000 };
    const log = new Log();
    const s = runModel(
      [
        { t: 0, run: 5000 },
        { t: 0, run: 50 },
      ],
      { platform, observers: [log] },
    ).metrics.stats();
    expect([s.coldStarts, s.throttledSync]).toEqual([2, 0]);
    expect(log.starts[1]).toEqual({ t: 1000, arrival: 0, flags: INV.queued | INV.cold, instance: 1 });
    // both cold: A 100 + 5,000 = 5,100; B 1,000 + 100 + 50 = 1,150
    expect([s.latency.cold.maxMs, s.latency.all.count]).toEqual([5100, 2]);
    expect(log.starts[1]!.t - log.starts[1]!.arrival + 100 + 50).toBe(1150);
  });

  test('an instance of another function that expires frees a place under the account limit', () => {
    // account limit 1 alive instance. a: cold at 0, done at 200, expires 1,000 later at 1,200.
    // b at 500 waits; at 1,200 a's instance stops and b cold-starts: wait 700.
    const platform = {
      limitCounts: 'alive-instances' as const,
      concurrencyLimit: 1,
      queueTimeoutMs: 10_000,
      keepAlive: { kind: 'fixed' as const, ms: 1000 },
    };
    const log = new Log();
    const fns = [fnSpec({ name: 'a' }), fnSpec({ name: 'b' })];
    runModel(
      [
        { t: 0, run: 100, fn: 'a' },
        { t: 500, run: 50, fn: 'b' },
      ],
      { platform, fns, observers: [log], endMs: 5000 },
    );
    expect(log.starts[1]).toEqual({ t: 1200, arrival: 500, flags: INV.queued | INV.cold, instance: 1 });
  });

  test('async requests are retried as before, never queued', () => {
    const log = new Log();
    const s = runModel(
      [
        { t: 0, run: 1500, async: true },
        { t: 0, run: 10, async: true },
      ],
      { ...capped(10_000), observers: [log] },
    ).metrics.stats();
    // the second is throttled at 0 and retried at 1 s (still busy: INIT 100 + 1,500), then at 3 s
    expect([s.asyncRetries, s.asyncServedAfterRetry]).toEqual([2, 1]);
    expect(log.starts.every((x) => (x.flags & INV.queued) === 0)).toBe(true);
  });

  test('several requests per instance: the 81st waits for a free slot, not for a new instance', () => {
    // one instance with 80 slots; 81 at t=0 each run 50 → 80 start (INIT 100), the 81st waits until
    // the first completion at 150 and runs on the same instance.
    const burst = Array.from({ length: 81 }, () => ({ t: 0, run: 50 }));
    const log = new Log();
    const { metrics } = runModel(burst, {
      ...capped(10_000),
      platform: { limitCounts: 'alive-instances', queueTimeoutMs: 10_000, perInstanceConcurrency: 80 },
      observers: [log],
    });
    expect(metrics.stats().coldStarts).toBe(1);
    expect(log.starts[80]).toEqual({ t: 150, arrival: 0, flags: INV.queued, instance: 0 });
  });
});
