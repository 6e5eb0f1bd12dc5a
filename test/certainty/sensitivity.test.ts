/**
 * --sensitivity on the library: a copy of pricing/ with bounds written into it, so each test knows
 * exactly which figures have a range. Swings are checked against hand arithmetic.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { boundedFiguresIn, runSensitivity } from '../../src/certainty/sensitivity.js';
import { FigureSchema } from '../../src/pricing/figure.js';
import { defaultPricingDir } from '../../src/pricing/dir.js';
import { simulateTrace } from '../../src/simulate.js';
import { config, evenly, tempDir, traceOf } from '../helpers/trace.js';

const BOUNDS = 'test bounds';

/** a figure's range taken away, so only the ranges a test writes are in its copy */
function unbound(f: Record<string, unknown>): void {
  delete f['low'];
  delete f['high'];
  delete f['bounds'];
}

/** pricing/ copied, with `edit` applied to the parsed aws-lambda.json (whose keep-alive ranges are taken away first) */
function pricingWith(edit: (sheet: Record<string, any>) => void): string {
  const dir = join(tempDir('faasim-sens-'), 'pricing');
  cpSync(defaultPricingDir(), dir, { recursive: true });
  const file = join(dir, 'aws-lambda.json');
  const sheet = JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
  unbound(sheet['platform']['keepAliveMinMs']);
  unbound(sheet['platform']['keepAliveMaxMs']);
  edit(sheet);
  writeFileSync(file, JSON.stringify(sheet, null, 2));
  return dir;
}

describe('figure bounds in the schema', () => {
  const base = { value: 2, unit: 'ms', source: 'https://example.com', effective: '2026-01-01' };
  test('low ≤ value ≤ high with a bounds note is accepted', () => {
    expect(FigureSchema.safeParse({ ...base, low: 1, high: 3, bounds: 'x' }).success).toBe(true);
    expect(FigureSchema.safeParse({ ...base, low: 2, high: 2, bounds: 'x' }).success).toBe(true);
  });
  test('a range without its source, half a range, or a value outside it is refused', () => {
    expect(FigureSchema.safeParse({ ...base, low: 1, high: 3 }).success).toBe(false);
    expect(FigureSchema.safeParse({ ...base, low: 1, bounds: 'x' }).success).toBe(false);
    expect(FigureSchema.safeParse({ ...base, low: 3, high: 4, bounds: 'x' }).success).toBe(false);
  });
  test('boundedFiguresIn finds them by dotted path, and only them', () => {
    const doc = {
      a: { b: { ...base, low: 1, high: 3, bounds: 'x' }, c: base },
      d: [{ ...base, low: 0, high: 9, bounds: 'y' }],
    };
    expect(boundedFiguresIn(doc, 'f.json').map((b) => b.path)).toEqual(['a.b', 'd.0']);
  });
});

describe('sensitivity reruns', () => {
  // 1,000 requests of 100 ms over exactly one hour (--span 1h): the month is 720 hours, so 720,000
  // requests a month; no free tier (the default).
  const trace = traceOf(evenly(1000, 3600, { run: 100 }));
  const HOUR_MS = 3_600_000;

  test('a price: swing = monthly requests × (high − low); an architecture not run stays out; low = high = value swings 0', async () => {
    const dir = pricingWith((s) => {
      const x86 = s['regions']['af-south-1']['architectures']['x86_64'];
      // unconfirmed 0.2 USD per 1M requests, given the range 0.1..0.4
      Object.assign(x86['requestPerMillion'], { low: 0.1, high: 0.4, bounds: BOUNDS });
      // a range of width zero: reruns equal to the run itself
      Object.assign(x86['durationTiers'][0]['price'], {
        low: x86['durationTiers'][0]['price'].value,
        high: x86['durationTiers'][0]['price'].value,
        bounds: BOUNDS,
      });
      // the same figure for arm64, which this run does not use
      Object.assign(s['regions']['af-south-1']['architectures']['arm64']['requestPerMillion'], {
        low: 0.1,
        high: 0.4,
        bounds: BOUNDS,
      });
    });
    const cfg = config({
      region: 'af-south-1',
      spanMs: HOUR_MS,
      keepAlive: { kind: 'fixed', ms: 600_000 },
      init: { kind: 'constant', ms: 150 },
    });
    const base = simulateTrace(trace, cfg, { pricingDir: dir });
    const rows = await runSensitivity(trace, cfg, base, dir, { workers: 1 });
    expect(rows.map((r) => r.figure)).toEqual([
      'regions.af-south-1.architectures.x86_64.requestPerMillion',
      'regions.af-south-1.architectures.x86_64.durationTiers.0.price',
    ]);
    const [price, flat] = rows;
    // 720,000 requests a month ÷ 1e6 × (0.4 − 0.1) USD = 0.72 × 0.3 = $0.216
    expect(price!.costSwingUsd).toBeCloseTo(0.216, 10);
    // and at each end: the base cost with the request line at 0.1 and at 0.4 instead of 0.2
    expect(price!.atLow.monthlyUsd).toBeCloseTo(base.cost.monthlyUsd - 0.72 * 0.1, 10);
    expect(price!.atHigh.monthlyUsd).toBeCloseTo(base.cost.monthlyUsd + 0.72 * 0.2, 10);
    // a price moves no cold start
    expect(price!.coldStartSwing).toBe(0);
    expect(flat!.costSwingUsd).toBe(0);
    expect(flat!.coldStartSwing).toBe(0);
    expect(flat!.atLow.monthlyUsd).toBe(base.cost.monthlyUsd);
  });

  test('keep-alive bounds move cold starts: requests 6 min apart against a window of 5..5 and 5..10 min', async () => {
    // keepAliveMinMs 5 min and keepAliveMaxMs 7 min by default; give the max a range 5..10 min and
    // requests 6 min apart: at 5 min (window 5..5) every request is cold, at 10 min (5..10) a request
    // is warm when the drawn window exceeds 6 min, 4/5 of the time.
    const dir = pricingWith((s) => {
      Object.assign(s['platform']['keepAliveMaxMs'], { low: 300_000, high: 600_000, bounds: BOUNDS });
    });
    const spaced = traceOf(evenly(2001, 360_000, { run: 100 }));
    const cfg = config({ init: { kind: 'constant', ms: 150 } });
    const base = simulateTrace(spaced, cfg, { pricingDir: dir });
    const rows = await runSensitivity(spaced, cfg, base, dir, { workers: 1 });
    expect(rows.map((r) => r.figure)).toEqual(['platform.keepAliveMaxMs']);
    const k = rows[0]!;
    expect(k.atLow.coldStartRate).toBe(1);
    // 2,000 gaps, each warm with probability 0.8: cold rate ≈ (1 + 0.2 × 2000) / 2001 = 0.2004, s.e. 0.009
    expect(k.atHigh.coldStartRate).toBeGreaterThan(0.2004 - 0.036);
    expect(k.atHigh.coldStartRate).toBeLessThan(0.2004 + 0.036);
    expect(k.coldStartSwing).toBeCloseTo(k.atHigh.coldStartRate - 1, 12);
    // fewer cold starts bill fewer INITs: the high end is cheaper
    expect(k.costSwingUsd).toBeLessThan(0);
  });

  test("a figure of a feature not used (provisioned instances' recycling) stays out until the run uses it", async () => {
    const dir = pricingWith((s) => {
      // unconfirmed 4 h between recycles of a provisioned environment
      Object.assign(s['billing']['provisionedRecycleMs'], {
        low: 3_600_000,
        high: 28_800_000,
        bounds: BOUNDS,
      });
    });
    const cfg = config({
      spanMs: HOUR_MS,
      keepAlive: { kind: 'fixed', ms: 600_000 },
      init: { kind: 'constant', ms: 150 },
    });
    const without = await runSensitivity(trace, cfg, simulateTrace(trace, cfg, { pricingDir: dir }), dir, {
      workers: 1,
    });
    expect(without).toEqual([]);
    const provisioned = { ...cfg, provisioned: 1 };
    const withIt = await runSensitivity(
      trace,
      provisioned,
      simulateTrace(trace, provisioned, { pricingDir: dir }),
      dir,
      { workers: 1 },
    );
    expect(withIt.map((r) => r.figure)).toEqual(['billing.provisionedRecycleMs']);
  });

  test('rows come largest cost swing first, then largest cold-start swing', async () => {
    const dir = pricingWith((s) => {
      const x86 = s['regions']['af-south-1']['architectures']['x86_64'];
      Object.assign(x86['requestPerMillion'], { low: 0.19, high: 0.21, bounds: BOUNDS });
      Object.assign(x86['durationTiers'][0]['price'], { low: 1e-5, high: 4e-5, bounds: BOUNDS });
      Object.assign(s['platform']['keepAliveMinMs'], { low: 300_000, high: 300_000, bounds: BOUNDS });
    });
    const cfg = config({ region: 'af-south-1', spanMs: HOUR_MS, init: { kind: 'constant', ms: 150 } });
    const base = simulateTrace(trace, cfg, { pricingDir: dir });
    const rows = await runSensitivity(trace, cfg, base, dir, { workers: 1 });
    // duration: 1,000 × 0.1 s × 0.125 GB × 720 = 9,000 GB-s a month (plus INIT) × 3e-5 ≈ $0.27;
    // requests: 0.72 × 0.02 = $0.0144; the keep-alive range of width 0 swings nothing
    expect(rows.map((r) => r.figure)).toEqual([
      'regions.af-south-1.architectures.x86_64.durationTiers.0.price',
      'regions.af-south-1.architectures.x86_64.requestPerMillion',
      'platform.keepAliveMinMs',
    ]);
    expect(rows[1]!.costSwingUsd).toBeCloseTo(0.72 * 0.02, 10);
    expect(rows[2]!.costSwingUsd).toBe(0);
    expect(rows[2]!.coldStartSwing).toBe(0);
  });
});
