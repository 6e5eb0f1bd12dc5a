/** Invariants that must hold for any trace and configuration (fast-check, seeded). */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { SimulationConfig } from '../../src/config.js';
import type { PingSpec } from '../../src/model/spec.js';
import { defaultPricingDir } from '../../src/pricing/dir.js';
import { renderJson } from '../../src/report/render/json.js';
import { simulateTrace } from '../../src/simulate.js';
import { config, tempDir, traceOf, type Row } from '../helpers/trace.js';
import { pingEvery } from '../helpers/model.js';

const rowsArb = fc
  .array(
    fc.record({
      gap: fc.oneof(
        fc.constant(0),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.double({ min: 0, max: 900_000, noNaN: true }),
      ),
      run: fc.double({ min: 0, max: 5000, noNaN: true }),
      fn: fc.constantFrom('a', 'b', 'c'),
      async: fc.boolean(),
      init: fc.option(fc.double({ min: 0, max: 2000, noNaN: true }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 80 },
  )
  .map((items) => {
    let t = 0;
    return items.map((it): Row => {
      t += it.gap;
      return {
        t,
        run: it.run,
        fn: it.fn,
        async: it.async,
        ...(it.init !== undefined ? { init: it.init } : {}),
      };
    });
  });

const configArb: fc.Arbitrary<Partial<SimulationConfig>> = fc.record({
  memoryMb: fc.constantFrom(128, 512, 1769, 3008),
  arch: fc.constantFrom('x86_64' as const, 'arm64' as const),
  keepAlive: fc.oneof(
    fc.constant({ kind: 'forever' as const }),
    fc.double({ min: 0, max: 600_000, noNaN: true }).map((ms) => ({ kind: 'fixed' as const, ms })),
    fc.constant({ kind: 'uniform' as const, minMs: 300_000, maxMs: 420_000 }),
  ),
  routing: fc.constantFrom(
    'most-recent' as const,
    'newest' as const,
    'least-recent' as const,
    'random' as const,
  ),
  concurrencyLimit: fc.constantFrom(1, 2, 5, 1000),
  provisioned: fc.constantFrom(0, 0, 1, 2),
  pings: fc.oneof(
    fc.constant<PingSpec[]>([]),
    fc
      .record({
        interval: fc.constantFrom(60_000, 300_000),
        concurrency: fc.constantFrom(1, 2),
        phaseMs: fc.constantFrom(0, 30_000),
        style: fc.constantFrom('fan-out' as const, 'chain' as const),
      })
      .map((p) => [
        pingEvery(p.interval, { concurrency: p.concurrency, phaseMs: p.phaseMs, style: p.style }),
      ]),
  ),
  freeTier: fc.boolean(),
  seed: fc.integer({ min: 0, max: 1000 }),
  spanMs: fc.constant(null),
});

/**
 * The configuration as a platform accepts it: a trace shorter than 1 ms gets a span so it can be
 * priced, and the account's limit is raised to hold the provisioned instances of every function.
 */
function withSpan(rows: Row[], c: Partial<SimulationConfig>): Partial<SimulationConfig> {
  const span = rows[rows.length - 1]!.t - rows[0]!.t;
  const functions = new Set(rows.map((r) => r.fn ?? 'function')).size;
  const concurrencyLimit = Math.max(c.concurrencyLimit ?? 1000, (c.provisioned ?? 0) * functions);
  return { ...c, concurrencyLimit, ...(span >= 1 ? {} : { spanMs: 60_000 }) };
}

describe('invariants', () => {
  test('every request is served warm, served cold, throttled or dropped: warm + cold + throttled = requests', () => {
    fc.assert(
      fc.property(rowsArb, configArb, (rows, c) => {
        const cfg = config(withSpan(rows, c));
        const r = simulateTrace(traceOf(rows), cfg);
        const o = r.outcomes;
        expect(o.requests).toBe(rows.length);
        expect(o.servedWarm + o.servedCold + o.throttledSync + o.asyncDropped).toBe(rows.length);
        expect(r.functions.reduce((a, f) => a + f.outcomes.requests, 0)).toBe(rows.length);
        expect(o.latency.all.count).toBe(o.servedWarm + o.servedCold);
        // a cold request paid for an INIT, so it is never faster than its own run
        expect(o.peakConcurrency).toBeLessThanOrEqual(cfg.concurrencyLimit ?? 1000);
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  test('the same inputs and seed give byte-identical output', () => {
    fc.assert(
      fc.property(rowsArb, configArb, (rows, c) => {
        const cfg = config(withSpan(rows, c));
        expect(renderJson(simulateTrace(traceOf(rows), cfg))).toBe(
          renderJson(simulateTrace(traceOf(rows), cfg)),
        );
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  test('cost scales linearly with prices: every price × 3 gives every line × 3', () => {
    const dir = tempDir();
    cpSync(defaultPricingDir(), dir, { recursive: true });
    const file = join(dir, 'aws-lambda.json');
    const sheet = JSON.parse(readFileSync(file, 'utf8'));
    for (const region of Object.values(sheet.regions) as any[]) {
      for (const arch of Object.values(region.architectures) as any[]) {
        arch.requestPerMillion.value *= 3;
        // regions without published provisioned prices have none to scale
        if (arch.provisionedCapacity) arch.provisionedCapacity.value *= 3;
        if (arch.provisionedDuration) arch.provisionedDuration.value *= 3;
        for (const t of arch.durationTiers) t.price.value *= 3;
      }
      if (region.ephemeralStoragePerGbS) region.ephemeralStoragePerGbS.value *= 3;
    }
    writeFileSync(file, JSON.stringify(sheet));
    fc.assert(
      fc.property(rowsArb, configArb, fc.constantFrom(512, 4096), (rows, c, storage) => {
        const cfg = config({ ...withSpan(rows, c), ephemeralStorageMb: storage });
        const base = simulateTrace(traceOf(rows), cfg);
        const tripled = simulateTrace(traceOf(rows), cfg, { pricingDir: dir });
        const same = (a: number, b: number) =>
          expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(a), Math.abs(b)) + 1e-15);
        same(tripled.cost.monthlyUsd, 3 * base.cost.monthlyUsd);
        base.cost.lines.forEach((l, i) => same(tripled.cost.lines[i]!.monthlyUsd, 3 * l.monthlyUsd));
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  test("with no expiry, no cap and one request per instance, each function's cold starts equal its peak concurrency", () => {
    fc.assert(
      fc.property(
        rowsArb,
        fc.constantFrom('most-recent' as const, 'least-recent' as const, 'random' as const),
        (rows, routing) => {
          const r = simulateTrace(
            traceOf(rows.map((x) => ({ ...x, async: false }))),
            config(withSpan(rows, { keepAlive: { kind: 'forever' }, routing })),
          );
          for (const f of r.functions) expect(f.outcomes.coldStarts).toBe(f.outcomes.peakConcurrency);
        },
      ),
      { numRuns: 150, seed: 3 },
    );
  });

  test('if every gap exceeds keep-alive plus the longest INIT and run, every request is cold', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 3000, noNaN: true }), { minLength: 2, maxLength: 40 }),
        (runs) => {
          // INIT 500 ms, keep-alive 60 s, gaps 60 s + 500 + 3000 + 1
          const rows = runs.map((run, i) => ({ t: i * 63_501, run }));
          const r = simulateTrace(
            traceOf(rows),
            config({ keepAlive: { kind: 'fixed', ms: 60_000 }, init: { kind: 'constant', ms: 500 } }),
          );
          expect(r.outcomes.servedCold).toBe(rows.length);
        },
      ),
      { numRuns: 100, seed: 5 },
    );
  });

  test('if each request ends before the next arrives, within keep-alive, there is exactly one cold start', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 60 }),
        (runs) => {
          // INIT 100 ms, run ≤ 1,000 ms, gaps 1,101 ms < keep-alive 10 s
          const rows = runs.map((run, i) => ({ t: i * 1101, run }));
          const r = simulateTrace(
            traceOf(rows),
            config({
              keepAlive: { kind: 'fixed', ms: 10_000 },
              init: { kind: 'constant', ms: 100 },
              spanMs: rows.length === 1 ? 1000 : null,
            }),
          );
          expect(r.outcomes.servedCold).toBe(1);
        },
      ),
      { numRuns: 100, seed: 6 },
    );
  });
});
