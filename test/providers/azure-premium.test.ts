/**
 * Azure Functions Premium billing, hand-computed. The rates are UNCONFIRMED (pricing/azure-premium.json):
 * $0.173 per vCPU-hour and $0.0123 per GB-hour (East US, as transcribed from the pricing page).
 * No published worked example with these rates was found. EP1 = 1 vCPU, 3.5 GB.
 * Span: a thousandth of a 30-day month, i.e. 2,592 s; monthly = span × 1,000.
 */
import { describe, expect, test } from 'vitest';
import { costLine, every, merge, simulate, SPAN_MILLI_MONTH } from '../helpers/csv-trace.js';

const base = {
  provider: 'azure-premium',
  spanMs: SPAN_MILLI_MONTH,
  init: { kind: 'constant' as const, ms: 0 },
  memoryMb: 512,
};

describe('Premium scales and bills the function app, not the function (issue 11 §1b)', () => {
  test('two functions in one app (scenario apps) bill one always-ready EP1, not two: $155.56 a month', async () => {
    // api and worker, 1,000 × 100 ms each, 2.5 s apart and offset by 1 s (never in flight together).
    // One app: one always-ready EP1 serves both all span: 720 h × ($0.173 + 3.5 × $0.0123) = $155.556.
    // Each its own app (no apps): two always-ready EP1s, 1,440 h: $311.112.
    const rows = merge(
      every(1000, 2500, { fn: 'api', run: 100 }),
      every(1000, 2500, { fn: 'worker', run: 100 }, 1000),
    );
    const oneApp = await simulate(rows, { ...base, prewarmed: 0, apps: { api: 'shop', worker: 'shop' } });
    expect(costLine(oneApp, 'vcpu').quantity).toBeCloseTo(2_592_000, 6);
    expect(oneApp.cost.monthlyUsd).toBeCloseTo(155.556, 9);
    expect(oneApp.outcomes.coldStarts).toBe(0); // the always-ready instance serves both
    expect(oneApp.assumptions).toContain(
      '2 functions in 1 function app (scenario apps; a function without one is an app of its own): the functions of an app share its instances, instance cap, scale-out rate and always-ready instances, reported under its first function',
    );
    expect(oneApp.assumptions.some((a) => a.includes('its own function app'))).toBe(false);
    const twoApps = await simulate(rows, { ...base, prewarmed: 0 });
    expect(costLine(twoApps, 'vcpu').quantity).toBeCloseTo(2 * 2_592_000, 6);
    expect(twoApps.cost.monthlyUsd).toBeCloseTo(2 * 155.556, 9);
    expect(
      twoApps.assumptions.some((a) =>
        a.startsWith(
          'each function in the trace is its own function app (no app column in the trace, no apps in the scenario)',
        ),
      ),
    ).toBe(true);
  });

  test("the trace's app column groups the same way; the scenario's apps map comes first", async () => {
    const rows = merge(
      every(1000, 2500, { fn: 'api', run: 100, app: 'shop' }),
      every(1000, 2500, { fn: 'worker', run: 100, app: 'shop' }, 1000),
    );
    const fromColumn = await simulate(rows, { ...base, prewarmed: 0 });
    expect(costLine(fromColumn, 'vcpu').quantity).toBeCloseTo(2_592_000, 6);
    expect(fromColumn.assumptions).toContain(
      "2 functions in 1 function app (the trace's app column; a function without one is an app of its own): the functions of an app share its instances, instance cap, scale-out rate and always-ready instances, reported under its first function",
    );
    // the scenario puts worker in an app of its own: two always-ready EP1s again
    const split = await simulate(rows, { ...base, prewarmed: 0, apps: { worker: 'jobs' } });
    expect(costLine(split, 'vcpu').quantity).toBeCloseTo(2 * 2_592_000, 6);
  });

  test('other providers ignore apps: on Lambda the two functions keep their own instances', async () => {
    // 2 functions × 1 request at 0 and 1 s: a cold start each, with or without apps
    const rows = [
      { t: 0, fn: 'api', run: 100 },
      { t: 1000, fn: 'worker', run: 100 },
    ];
    const r = await simulate(rows, {
      ...base,
      provider: 'aws-lambda',
      memoryMb: 512,
      apps: { api: 'shop', worker: 'shop' },
    });
    expect(r.outcomes.coldStarts).toBe(2);
  });
});

describe('Premium bills instances for as long as they exist', () => {
  test('one always-ready EP1 instance serving everything (no pre-warmed buffer): 720 instance-hours → $155.56', async () => {
    // 2,592 s × 1,000 = 2,592,000 s = 720 h. vCPU: 720 × 1 × $0.173 = $124.56; memory: 720 × 3.5 GB
    // × $0.0123 = $30.996. Total $155.556. No execution charge.
    const r = await simulate(every(1000, 2500, { run: 100 }), { ...base, prewarmed: 0 });
    expect(r.config.memoryMb).toBe(3584);
    expect(r.config.provisioned).toBe(1);
    expect(costLine(r, 'vcpu').quantity).toBeCloseTo(2_592_000, 6);
    expect(costLine(r, 'memory').quantity).toBeCloseTo(2_592_000 * 3.5, 6);
    expect(costLine(r, 'requests').monthlyUsd).toBe(0);
    expect(r.cost.monthlyUsd).toBeCloseTo(155.556, 9);
    expect(r.cost.unconfirmed.map((u) => u.path)).toContain('regions.eastus.vcpuPerHour');
  });

  test('a scaled-out instance is billed from its creation until it is reclaimed', async () => {
    // one request per instance; A and B at 0 run 10 s: A on the always-ready instance, B takes the
    // scale-out token and gets a second instance at 0, busy to 10 s, then idle for the fixed 60 s
    // keep-alive → it lives 0..70,000 = 70 s. Span 2,592 s: instance time 2,592 + 70 = 2,662 s → ×1,000 = 2,662,000 s.
    // Cost: 2,662,000 / 3,600 h × ($0.173 + 3.5 × $0.0123).
    const r = await simulate(every(2, 0, { run: 10_000 }), {
      ...base,
      perInstanceConcurrency: 1,
      keepAlive: { kind: 'fixed', ms: 60_000 },
      prewarmed: 0,
    });
    expect(costLine(r, 'vcpu').quantity).toBeCloseTo(2_662_000, 6);
    expect(r.cost.monthlyUsd).toBeCloseTo((2_662_000 / 3600) * (0.173 + 3.5 * 0.0123), 9);
  });

  test("the pre-warmed buffer: the app's first request allocates one, the next request takes it warm and a new one is allocated", async () => {
    // One request per instance, INIT 1 s, keep-alive fixed 60 s, span 600 s (monthly = × 4,320).
    // Requests of 10 s at 0 and 2 s. Always-ready A (alive all 600 s) takes the first; the app is
    // active, so buffer B1 is allocated at 0 (ready at 1 s). At 2 s B1 takes the second request warm
    // (busy 2..12 s) and B2 is allocated at 2 s (ready at 3 s). At 12 s nothing is in flight: the
    // buffer is no longer kept; B2, idle since it was ready at 3 s, goes at 63 s; B1, idle since
    // 12 s, at 72 s. Instance time 600 + 72 + 61 = 733 s a span → 3,166,560 vCPU-s a month.
    // Without the buffer the second request cold-starts a new instance at 2 s (INIT 1 s, run to
    // 13 s, gone at 73 s): 600 + 71 = 671 s → 2,898,720 vCPU-s, and its latency is 11 s, not 10 s.
    const rows = [
      { t: 0, run: 10_000 },
      { t: 2000, run: 10_000 },
    ];
    const over = {
      ...base,
      perInstanceConcurrency: 1,
      init: { kind: 'constant' as const, ms: 1000 },
      keepAlive: { kind: 'fixed' as const, ms: 60_000 },
      spanMs: 600_000,
    };
    const buffered = await simulate(rows, { ...over, prewarmed: 1 });
    expect(buffered.outcomes.servedCold).toBe(0);
    expect(buffered.outcomes.coldStarts).toBe(2); // B1 and B2: new instances, no request waited on them
    expect(buffered.outcomes.latency.all.maxMs).toBe(10_000);
    expect(costLine(buffered, 'vcpu').quantity).toBeCloseTo(733 * 4320, 6);
    expect(costLine(buffered, 'memory').quantity).toBeCloseTo(733 * 3.5 * 4320, 6);
    const none = await simulate(rows, { ...over, prewarmed: 0 });
    expect(none.outcomes.servedCold).toBe(1);
    expect(none.outcomes.latency.all.maxMs).toBe(11_000);
    expect(costLine(none, 'vcpu').quantity).toBeCloseTo(671 * 4320, 6);
    // the default is Microsoft's: one pre-warmed instance
    expect(costLine(await simulate(rows, over), 'vcpu').quantity).toBeCloseTo(733 * 4320, 6);
    await expect(simulate(rows, { ...over, provider: 'aws-lambda', prewarmed: 1 })).rejects.toThrow(
      'AWS Lambda keeps no pre-warmed instances; --prewarmed is for azure-premium',
    );
  });

  test('a buffer instance held while the function is busy starts its keep-alive when the function goes idle', async () => {
    // One request of 10 min at 0 (INIT 0, one request per instance, keep-alive fixed 60 s, span 1 h,
    // monthly × 720). A takes it; buffer B1 is allocated at 0 and ready at once. B1's keep-alive
    // check at 60 s finds the function busy: B1 is held. The function goes idle at 600 s: B1's 60 s
    // start then, it goes at 660 s. Instance time 3,600 (A) + 660 (B1) = 4,260 s a span.
    const rows = [{ t: 0, run: 600_000 }];
    const over = {
      ...base,
      perInstanceConcurrency: 1,
      init: { kind: 'constant' as const, ms: 0 },
      keepAlive: { kind: 'fixed' as const, ms: 60_000 },
      spanMs: 3_600_000,
    };
    const r = await simulate(rows, over);
    expect(costLine(r, 'vcpu').quantity).toBeCloseTo(4260 * 720, 6);
    // a keep-alive of 0 ends: B1 is held until 600 s and goes then (3,600 + 600 s)
    const zero = await simulate(rows, { ...over, keepAlive: { kind: 'fixed' as const, ms: 0 } });
    expect(costLine(zero, 'vcpu').quantity).toBeCloseTo(4200 * 720, 6);
  });

  test('the buffer takes its tokens from the scale-out rate: a burst is served no faster with it', async () => {
    // Ten simultaneous 1 s requests, one per instance, INIT 2 s, one new instance a second (bucket
    // of 1). Without a buffer, A serves one request and the rest wait for instances created one a
    // second. With it, the buffer instance takes the token at 0 and a waiting request takes the
    // buffer instance: instances still come one a second, so the latencies are the same; before the
    // buffer took its tokens from the rate, all ten were served by instances created at 0.
    const rows = Array.from({ length: 10 }, () => ({ t: 0, run: 1000 }));
    const over = {
      ...base,
      perInstanceConcurrency: 1,
      init: { kind: 'constant' as const, ms: 2000 },
      spanMs: 60_000,
    };
    const none = await simulate(rows, { ...over, prewarmed: 0 });
    const buffered = await simulate(rows, { ...over, prewarmed: 1 });
    expect(buffered.outcomes.latency.all.maxMs).toBe(none.outcomes.latency.all.maxMs);
    expect(buffered.outcomes.latency.all.meanMs).toBeCloseTo(none.outcomes.latency.all.meanMs, 9);
    expect(buffered.config.prewarmed).toBe(1);
  });

  test('--memory picks the SKU: 8 GB needs EP3 (4 vCPU, 14 GB)', async () => {
    const r = await simulate(
      [
        { t: 0, run: 100 },
        { t: 1000, run: 100 },
      ],
      { ...base, memoryMb: 8192 },
    );
    expect(r.config.memoryMb).toBe(14336);
    expect(r.config.memoryNote).toContain('EP3');
  });
});
