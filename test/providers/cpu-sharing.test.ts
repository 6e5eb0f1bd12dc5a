/**
 * CPU sharing through the whole pipeline (CSV → run → bill): on Cloud Run at 2,048 MiB (1 vCPU,
 * pricing/gcp-cloud-run.json) and Azure Premium EP1 (1 vCPU), concurrent CPU-bound requests slow each
 * other, and what bills the instance's busy time bills the stretched time. INIT 0 throughout.
 */
import { describe, expect, test } from 'vitest';
import { costLine, simulate } from '../helpers/csv-trace.js';

const spanMs = 10_000;
const MONTH_MS = 30 * 86_400_000;
const cloudRun = {
  provider: 'gcp-cloud-run',
  memoryMb: 2048,
  init: { kind: 'constant', ms: 0 } as const,
  spanMs,
};
const together = [
  { t: 0, run: 100 },
  { t: 0, run: 100 },
];
/** the cpu line's vCPU-s in the span */
const spanVcpuS = (q: number): number => q * (spanMs / MONTH_MS);

describe('Cloud Run, 1 vCPU', () => {
  test('off by default: two 100 ms requests together end at 100 ms, one busy period of 0.1 vCPU-s', async () => {
    const r = await simulate(together, cloudRun);
    expect(r.outcomes.latency.all.maxMs).toBe(100);
    expect(spanVcpuS(costLine(r, 'cpu').quantity)).toBeCloseTo(0.1, 9);
    expect(r.assumptions.filter((a) => a.startsWith('CPU sharing'))).toEqual([]);
  });

  test('--cpu-fraction 1: each gets half the vCPU, both end at 200 ms, billed 0.2 vCPU-s', async () => {
    const r = await simulate(together, { ...cloudRun, cpuFraction: 1 });
    expect(r.outcomes.coldStarts).toBe(1);
    expect(r.outcomes.latency.all.maxMs).toBe(200);
    expect(r.outcomes.latency.all.meanMs).toBe(200);
    expect(spanVcpuS(costLine(r, 'cpu').quantity)).toBeCloseTo(0.2, 9);
    expect(r.assumptions).toContain(
      "CPU sharing: with n requests on an instance of c vCPUs (c = 1), each request's CPU-bound part (--cpu-fraction 1) runs at min(1, c / n) of its speed (c under 1 counts as 1: a run time is a request alone on its instance); instances scale on concurrency only, not on CPU utilisation",
    );
  });

  test("the trace's cpu_ms sets each request's fraction: 50 of 100 ms → 150 ms together", async () => {
    // f = 0.5, share 1/2: 100 × (0.5 / 0.5 + 0.5) = 150 ms; the busy period rounds 150 → 200 ms
    const r = await simulate(
      together.map((x) => ({ ...x, cpuMs: 50 })),
      cloudRun,
    );
    expect(r.outcomes.latency.all.maxMs).toBe(150);
    expect(spanVcpuS(costLine(r, 'cpu').quantity)).toBeCloseTo(0.2, 9);
  });

  test('2 vCPU (4,096 MiB): two requests run at full speed, a third slows all to 2/3', async () => {
    const two = await simulate(together, { ...cloudRun, memoryMb: 4096, cpuFraction: 1 });
    expect(two.outcomes.latency.all.maxMs).toBe(100);
    const three = await simulate([...together, { t: 0, run: 100 }], {
      ...cloudRun,
      memoryMb: 4096,
      cpuFraction: 1,
    });
    // 100 ms / (2/3) = 150 ms
    expect(three.outcomes.latency.all.maxMs).toBeCloseTo(150, 9);
  });
});

describe('Azure Premium EP1 (1 vCPU)', () => {
  test('--cpu-fraction 1: the second request arriving at 50 ms; ends at 150 and 200 ms', async () => {
    // 0–50 A alone (50 ms done); 50–150 both at half speed (A's last 50 ms, B's first 50);
    // 150–200 B alone. Latencies 150 and 150.
    const r = await simulate(
      [
        { t: 0, run: 100 },
        { t: 50, run: 100 },
      ],
      { provider: 'azure-premium', init: { kind: 'constant', ms: 0 }, spanMs, cpuFraction: 1 },
    );
    expect(r.outcomes.latency.all.maxMs).toBe(150);
    expect(r.outcomes.latency.all.meanMs).toBe(150);
  });
});

describe('the shared path counts a request as the plain path does', () => {
  // MetricsCollector counts a plain request in onInvocation and a CPU-sharing one in onSharedRunEnd,
  // through two copies of the same code (one inlined for speed): with cpu_ms 0 every request takes
  // the sharing path without being stretched, so every figure must equal the run without cpu_ms.
  test('cpu_ms 0 on every row: the same outcomes and bill as no cpu_ms column', async () => {
    const rows = [
      { t: 0, run: 100 },
      { t: 0, run: 300, async: true },
      { t: 50, run: 80 },
      { t: 4_000, run: 120 },
      { t: 9_000, run: 60, async: true },
    ];
    const plain = await simulate(rows, cloudRun);
    const shared = await simulate(
      rows.map((x) => ({ ...x, cpuMs: 0 })),
      cloudRun,
    );
    expect(shared.assumptions.some((a) => a.startsWith('CPU sharing'))).toBe(true);
    expect(shared.outcomes).toEqual(plain.outcomes);
    expect(shared.functions).toEqual(plain.functions);
    expect(shared.cost.monthlyUsd).toBe(plain.cost.monthlyUsd);
  });
});

/** the span's GB-s of a cost line (its quantity is monthly) */
const spanGbS = (r: Awaited<ReturnType<typeof simulate>>, id: string): number =>
  costLine(r, id).quantity * (spanMs / MONTH_MS);
const consumption = {
  provider: 'azure-consumption',
  memoryMb: 128,
  init: { kind: 'constant', ms: 0 } as const,
  spanMs,
};
const second = [
  { t: 0, run: 1000 },
  { t: 500, run: 1000 },
];

describe('Azure Consumption: one CPU per instance (event-driven-scaling.md)', () => {
  test('two 100 %-CPU 1,000 ms requests at once on one instance both end at 2,000 ms, billed 2 s at 2 × 128 MB', async () => {
    const r = await simulate(
      [
        { t: 0, run: 1000 },
        { t: 0, run: 1000 },
      ],
      { ...consumption, cpuFraction: 1 },
    );
    expect(r.outcomes.coldStarts).toBe(1);
    expect(r.outcomes.latency.all.maxMs).toBe(2000);
    expect(r.outcomes.latency.all.meanMs).toBe(2000);
    // the instance bills the memory its executions hold together: 2 × 128 = 256 MB, 0.25 GB × 2 s
    // (unshared: × 1 s)
    expect(spanGbS(r, 'duration')).toBeCloseTo(0.25 * 2, 9);
    expect(
      r.assumptions.some((a) =>
        a.startsWith('CPU sharing: with n requests on an instance of c vCPUs (c = 1)'),
      ),
    ).toBe(true);
  });

  test('the second at 500 ms: ends at 1,500 and 2,000 ms; the instance bills what it holds at each instant', async () => {
    // 0–500 A alone (500 ms done); 500–1,500 both at half speed (A's last 500, B's first 500);
    // 1,500–2,000 B alone. A's execution [0, 1,500], B's [500, 2,000]: 0.125 GB × 0.5 s +
    // 0.25 GB × 1 s + 0.125 GB × 0.5 s = 0.375 GB-s
    const r = await simulate(second, { ...consumption, cpuFraction: 1 });
    expect(r.outcomes.latency.all.maxMs).toBe(1500);
    expect(r.outcomes.latency.all.meanMs).toBe(1500);
    expect(spanGbS(r, 'duration')).toBeCloseTo(0.125 * 0.5 + 0.25 * 1 + 0.125 * 0.5, 9);
  });

  test("the trace's cpu_ms: 250 of 1,000 ms CPU-bound, two together end at 1,250 ms", async () => {
    // f = 0.25 at share 1/2: 1,000 × (0.25 / 0.5 + 0.75) = 1,250 ms
    const r = await simulate(
      [
        { t: 0, run: 1000, cpuMs: 250 },
        { t: 0, run: 1000, cpuMs: 250 },
      ],
      consumption,
    );
    expect(r.outcomes.latency.all.maxMs).toBe(1250);
    // both in flight 0..1,250 ms: 256 MB × 1.25 s
    expect(spanGbS(r, 'duration')).toBeCloseTo(0.25 * 1.25, 9);
  });

  test('without cpu_ms or --cpu-fraction: not slowed, both end at 1,000 ms, no note', async () => {
    const r = await simulate(
      [
        { t: 0, run: 1000 },
        { t: 0, run: 1000 },
      ],
      consumption,
    );
    expect(r.outcomes.latency.all.maxMs).toBe(1000);
    expect(spanGbS(r, 'duration')).toBeCloseTo(0.25 * 1, 9);
    expect(r.assumptions.filter((a) => a.startsWith('CPU sharing'))).toEqual([]);
  });
});

describe("Azure Flex Consumption: the instance size's CPU cores (flex-consumption-plan#instance-sizes)", () => {
  const flex = (memoryMb: number) => ({
    provider: 'azure-flex',
    memoryMb,
    init: { kind: 'constant', ms: 0 } as const,
    spanMs,
    cpuFraction: 1,
  });
  const twoTogether = [
    { t: 0, run: 1000 },
    { t: 0, run: 1000 },
  ];

  test('2,048 MB (1 core): two together end at 2,000 ms; one busy period of 2 s × 2 GB', async () => {
    const r = await simulate(twoTogether, flex(2048));
    expect(r.outcomes.latency.all.maxMs).toBe(2000);
    expect(spanGbS(r, 'duration')).toBeCloseTo(2 * 2, 9);
  });

  test('512 MB (0.25 cores): a request alone keeps its run time; two together end at 2,000 ms', async () => {
    // a run time is a request alone on its instance, so under one core only the number sharing it
    // slows a request: 1/2 each, as on one core. Busy period 2 s × 0.5 GB
    const alone = await simulate([{ t: 0, run: 1000 }], flex(512));
    expect(alone.outcomes.latency.all.maxMs).toBe(1000);
    const r = await simulate(twoTogether, flex(512));
    expect(r.outcomes.latency.all.maxMs).toBe(2000);
    expect(spanGbS(r, 'duration')).toBeCloseTo(2 * 0.5, 9);
    expect(r.assumptions.some((a) => a.includes('of c vCPUs (c = 0.25)'))).toBe(true);
  });

  test('4,096 MB (2 cores): two together at full speed, a third slows all to 2/3 (1,500 ms)', async () => {
    const two = await simulate(twoTogether, flex(4096));
    expect(two.outcomes.latency.all.maxMs).toBe(1000);
    const three = await simulate([...twoTogether, { t: 0, run: 1000 }], flex(4096));
    // 1,000 ms / (2/3) = 1,500 ms; one busy period rounded up to 1.5 s × 4 GB
    expect(three.outcomes.latency.all.maxMs).toBeCloseTo(1500, 9);
    expect(spanGbS(three, 'duration')).toBeCloseTo(1.5 * 4, 9);
  });
});
