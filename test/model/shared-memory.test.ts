/**
 * An instance's memory is shared by the requests in flight on it (PlatformSpec.instanceMemoryShared):
 * the concurrency setting and the instance's memory both limit how many run at once.
 * Unless a test says otherwise: INIT 100 ms, keep-alive 10 min, 100 requests per instance, no scaling limit.
 */
import { describe, expect, test } from 'vitest';
import { fnSpec, runModel } from '../helpers/model.js';

const shared = { perInstanceConcurrency: 100, limitCounts: 'alive-instances' as const, instanceMemoryShared: true };
const instances = (r: ReturnType<typeof runModel>): number => r.metrics.stats().coldStarts;

describe('instance memory shared by concurrent requests', () => {
  test('100 concurrent 2,048 MB requests on 1,536 MB instances: one instance each, not one for all', () => {
    // each request alone exceeds the instance's free memory next to any other: 100 instances
    const reqs = Array.from({ length: 100 }, () => ({ t: 0, run: 1000, mem: 2048 }));
    expect(instances(runModel(reqs, { platform: shared, fn: { memoryMb: 1536 } }))).toBe(100);
    // without sharing, the concurrency setting alone puts all 100 on one instance (the old model)
    expect(instances(runModel(reqs, { platform: { ...shared, instanceMemoryShared: false }, fn: { memoryMb: 1536 } }))).toBe(1);
  });

  test('512 MB requests fit three to a 1,536 MB instance: 10 concurrent ones need ⌈10 / 3⌉ = 4 instances', () => {
    const reqs = Array.from({ length: 10 }, () => ({ t: 0, run: 1000, mem: 512 }));
    expect(instances(runModel(reqs, { platform: shared, fn: { memoryMb: 1536 } }))).toBe(4);
  });

  test('without memory_used_mb a request holds the function\'s requestMemoryMb; absent, nothing', () => {
    const reqs = Array.from({ length: 10 }, () => ({ t: 0, run: 1000 }));
    // 1,536 / 384 = 4 per instance → ⌈10 / 4⌉ = 3
    expect(instances(runModel(reqs, { platform: shared, fn: { memoryMb: 1536, requestMemoryMb: 384 } }))).toBe(3);
    expect(instances(runModel(reqs, { platform: shared, fn: { memoryMb: 1536 } }))).toBe(1);
  });

  test('memory freed by a completion is reused: a request after the first of two ends fits again', () => {
    // t=0: A 1,000 MB (cold, instance 1, ready at 100, done 1,100); t=10: B 1,000 MB does not fit
    // next to A (2,000 > 1,536): instance 2. t=2,000: both done; C and D 700 MB fit together on one.
    const reqs = [{ t: 0, run: 1000, mem: 1000 }, { t: 10, run: 1000, mem: 1000 }, { t: 2000, run: 500, mem: 700 }, { t: 2001, run: 500, mem: 700 }];
    const r = runModel(reqs, { platform: shared, fn: { memoryMb: 1536 } });
    expect([r.metrics.stats().coldStarts, r.metrics.stats().servedWarm]).toEqual([2, 2]);
  });

  test('a request that does not fit the routing\'s choice goes to another instance that has room', () => {
    // t=0: A 1,000 MB → instance 1 (done 100 + 5,000); t=1: B 1,000 MB → instance 2 (done 5,101).
    // t=10: C 400 MB: the most recent (instance 2) has 536 free: fits there. t=20: D 500 MB: instance 2
    // has 136 free, instance 1 has 536: goes to instance 1, no third instance.
    const reqs = [{ t: 0, run: 5000, mem: 1000 }, { t: 1, run: 5000, mem: 1000 }, { t: 10, run: 100, mem: 400 }, { t: 20, run: 100, mem: 500 }];
    expect(instances(runModel(reqs, { platform: shared, fn: fnSpec({ memoryMb: 1536 }) }))).toBe(2);
  });
});
