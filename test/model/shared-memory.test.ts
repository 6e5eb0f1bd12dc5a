/**
 * An instance's memory is shared by the requests in flight on it (PlatformSpec.instanceMemoryShared):
 * the concurrency setting and the instance's memory both limit how many run at once.
 * Unless a test says otherwise: INIT 100 ms, keep-alive 10 min, 100 requests per instance, no scaling limit.
 */
import { describe, expect, test } from 'vitest';
import { NullObserver } from '../../src/model/observer.js';
import { fnSpec, runModel } from '../helpers/model.js';

/** Counts instances started (provisioned ones included). */
class StartCount extends NullObserver {
  count = 0;
  override onInstanceStart(): void {
    this.count++;
  }
}

const shared = {
  perInstanceConcurrency: 100,
  limitCounts: 'alive-instances' as const,
  instanceMemoryShared: true,
};
const instances = (r: ReturnType<typeof runModel>): number => r.metrics.stats().coldStarts;

describe('instance memory shared by concurrent requests', () => {
  test('100 concurrent 2,048 MB requests on 1,536 MB instances: one instance each, not one for all', () => {
    // each request alone exceeds the instance's free memory next to any other: 100 instances
    const reqs = Array.from({ length: 100 }, () => ({ t: 0, run: 1000, mem: 2048 }));
    expect(instances(runModel(reqs, { platform: shared, fn: { memoryMb: 1536 } }))).toBe(100);
    // without sharing, the concurrency setting alone puts all 100 on one instance (the old model)
    expect(
      instances(
        runModel(reqs, { platform: { ...shared, instanceMemoryShared: false }, fn: { memoryMb: 1536 } }),
      ),
    ).toBe(1);
  });

  test('512 MB requests fit three to a 1,536 MB instance: 10 concurrent ones need ⌈10 / 3⌉ = 4 instances', () => {
    const reqs = Array.from({ length: 10 }, () => ({ t: 0, run: 1000, mem: 512 }));
    expect(instances(runModel(reqs, { platform: shared, fn: { memoryMb: 1536 } }))).toBe(4);
  });

  test("without memory_used_mb a request holds the function's requestMemoryMb; absent, nothing", () => {
    const reqs = Array.from({ length: 10 }, () => ({ t: 0, run: 1000 }));
    // 1,536 / 384 = 4 per instance → ⌈10 / 4⌉ = 3
    expect(
      instances(runModel(reqs, { platform: shared, fn: { memoryMb: 1536, requestMemoryMb: 384 } })),
    ).toBe(3);
    expect(instances(runModel(reqs, { platform: shared, fn: { memoryMb: 1536 } }))).toBe(1);
  });

  test('memory freed by a completion is reused: a request after the first of two ends fits again', () => {
    // t=0: A 1,000 MB (cold, instance 1, ready at 100, done 1,100); t=10: B 1,000 MB does not fit
    // next to A (2,000 > 1,536): instance 2. t=2,000: both done; C and D 700 MB fit together on one.
    const reqs = [
      { t: 0, run: 1000, mem: 1000 },
      { t: 10, run: 1000, mem: 1000 },
      { t: 2000, run: 500, mem: 700 },
      { t: 2001, run: 500, mem: 700 },
    ];
    const r = runModel(reqs, { platform: shared, fn: { memoryMb: 1536 } });
    expect([r.metrics.stats().coldStarts, r.metrics.stats().servedWarm]).toEqual([2, 2]);
  });

  test("a request that does not fit the routing's choice goes to another instance that has room", () => {
    // t=0: A 1,000 MB → instance 1 (done 100 + 5,000); t=1: B 1,000 MB → instance 2 (done 5,101).
    // t=10: C 400 MB: the most recent (instance 2) has 536 free: fits there. t=20: D 500 MB: instance 2
    // has 136 free, instance 1 has 536: goes to instance 1, no third instance.
    const reqs = [
      { t: 0, run: 5000, mem: 1000 },
      { t: 1, run: 5000, mem: 1000 },
      { t: 10, run: 100, mem: 400 },
      { t: 20, run: 100, mem: 500 },
    ];
    expect(instances(runModel(reqs, { platform: shared, fn: fnSpec({ memoryMb: 1536 }) }))).toBe(2);
  });
});

describe('scaling groups (FunctionSpec.group): the functions of a group share its instances', () => {
  const grouped = [fnSpec({ name: 'a', group: 'app' }), fnSpec({ name: 'b', group: 'app' })];

  test('a request of b finds the instance a left idle warm; without the group it cold-starts', () => {
    // a at 0: cold, INIT 100 + run 100, done at 200; b at 1,000: warm on a's instance
    const reqs = [
      { t: 0, run: 100, fn: 'a' },
      { t: 1000, run: 100, fn: 'b' },
    ];
    const r = runModel(reqs, { fns: grouped });
    expect([r.metrics.stats().coldStarts, r.metrics.stats().servedWarm]).toEqual([1, 1]);
    // each request is counted under its own function, the instance under the group's first
    expect([r.metrics.stats(0).requests, r.metrics.stats(1).requests]).toEqual([1, 1]);
    expect(r.platform.poolOf(1)).toBe(0);
    expect(
      runModel(reqs, { fns: [fnSpec({ name: 'a' }), fnSpec({ name: 'b' })] }).metrics.stats().coldStarts,
    ).toBe(2);
  });

  test("a group's provisioned level is its first function's: 1 + 1 provisioned in one group is one instance", () => {
    const fns = [
      fnSpec({ name: 'a', group: 'app', provisioned: 1 }),
      fnSpec({ name: 'b', group: 'app', provisioned: 1 }),
    ];
    // two requests 1 s apart, one of each: both on the one provisioned instance
    const started = new StartCount();
    const r = runModel(
      [
        { t: 0, run: 100, fn: 'a' },
        { t: 1000, run: 100, fn: 'b' },
      ],
      { fns, observers: [started] },
    );
    expect([started.count, r.metrics.stats().servedCold]).toEqual([1, 0]);
    const alone = new StartCount();
    runModel([{ t: 0, run: 100, fn: 'a' }], {
      fns: fns.map((f) => fnSpec({ ...f, group: undefined })),
      observers: [alone],
    });
    expect(alone.count).toBe(2);
  });

  test('a function first seen in the trace joins its group', () => {
    const r = runModel(
      [
        { t: 0, run: 100, fn: 'a' },
        { t: 1000, run: 100, fn: 'c' },
      ],
      { fns: [fnSpec({ name: 'a', group: 'app' })], fn: { group: 'app' } },
    );
    expect(r.metrics.stats().coldStarts).toBe(1);
  });

  test("concurrency is the group's: with 1 request per instance, a and b in flight together need two instances", () => {
    const r = runModel(
      [
        { t: 0, run: 1000, fn: 'a' },
        { t: 10, run: 1000, fn: 'b' },
      ],
      { fns: grouped },
    );
    expect(r.metrics.stats().coldStarts).toBe(2);
  });
});

describe("a request's memory is its process's (PlatformSpec.processMemory): the largest in flight counts, not the sum", () => {
  const processMemory = { ...shared, processMemory: true };

  test('10 concurrent 512 MB requests: one instance (the process holds 512 MB), not ⌈10 / 3⌉ = 4', () => {
    const reqs = Array.from({ length: 10 }, () => ({ t: 0, run: 1000, mem: 512 }));
    expect(instances(runModel(reqs, { platform: processMemory, fn: { memoryMb: 1536 } }))).toBe(1);
  });

  test('a request above the instance runs alone; once it ends its instance takes others again', () => {
    // t=0: A 2,048 MB (> 1,536) → instance 1 (ready at 100, done 1,100), nothing may join it.
    // t=10..12: B, C, D 1,000 MB: B starts instance 2; C and D join it while it starts (the largest,
    // 1,000, fits), so they wait on its INIT too. t=5,000 and 5,001: E and F 1,000 MB find idle
    // instances and are served warm: 2 instances, 2 warm.
    const reqs = [
      { t: 0, run: 1000, mem: 2048 },
      { t: 10, run: 1000, mem: 1000 },
      { t: 11, run: 1000, mem: 1000 },
      { t: 12, run: 1000, mem: 1000 },
      { t: 5000, run: 1000, mem: 1000 },
      { t: 5001, run: 1000, mem: 1000 },
    ];
    const r = runModel(reqs, { platform: processMemory, fn: { memoryMb: 1536 } });
    expect([r.metrics.stats().coldStarts, r.metrics.stats().servedWarm]).toEqual([2, 2]);
    // summed, B, C and D need one instance each (2,000 > 1,536): 4 instances
    expect(instances(runModel(reqs, { platform: shared, fn: { memoryMb: 1536 } }))).toBe(4);
  });
});
