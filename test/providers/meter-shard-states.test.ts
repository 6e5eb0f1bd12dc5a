/**
 * BillingMeter.exportState / importStates (simulate --shard): meters that saw a slice of the
 * functions' events each, merged, bill exactly (every bit) what one meter that saw every event bills.
 * Property-tested on random instance lives, including those the run's CLI tests rarely reach: times
 * before the window and after it, and Azure Premium's plan with fewer instances than its minimum
 * (rebuilt at the merge from the shards' per-instant counts, since it is a function of all apps').
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { INV } from '../../src/model/observer.js';
import { defaultPricingDir } from '../../src/pricing/dir.js';
import { getProvider } from '../../src/providers/registry.js';
import type { BillingMeter } from '../../src/providers/types.js';
import { settingsOf } from '../../src/run/settings.js';

const FUNCTIONS = 3;
const WINDOW_MS = 600_000;

/** One instance's life: its function, creation, INIT, requests run on it (start offsets and run times). */
interface Life {
  fn: number;
  startMs: number;
  initMs: number;
  lifeMs: number;
  runs: { atMs: number; runMs: number }[];
}

type Event = {
  fn: number;
  t: number;
  order: number;
  apply: (m: BillingMeter, local: (fn: number) => number) => void;
};

/** Every event of `lives` (serials 0..), in time order (ties in the order they were made, as a run's). */
function events(lives: Life[]): Event[] {
  const out: Event[] = [];
  lives.forEach((l, serial) => {
    const o = serial * 100;
    out.push({
      fn: l.fn,
      t: l.startMs,
      order: o,
      apply: (m, f) => m.onInstanceStart(f(l.fn), serial, l.startMs, l.initMs, false),
    });
    let at = l.startMs + l.initMs;
    l.runs.forEach((r, k) => {
      const start = at + r.atMs;
      const first = k === 0;
      out.push({
        fn: l.fn,
        t: start,
        order: o + 1 + 2 * k,
        apply: (m, f) => {
          m.onInstanceBusy(f(l.fn), serial, start, false);
          m.onInvocation(
            f(l.fn),
            first ? INV.cold : 0,
            start,
            start,
            first ? l.initMs : 0,
            r.runMs,
            200,
            NaN,
            serial,
          );
        },
      });
      out.push({
        fn: l.fn,
        t: start + r.runMs,
        order: o + 2 + 2 * k,
        apply: (m, f) => {
          m.onInvocationEnd(f(l.fn), 0, start + r.runMs);
          m.onInstanceIdle(f(l.fn), serial, start + r.runMs, false);
        },
      });
      at = start + r.runMs;
    });
    const stop = at + l.lifeMs;
    out.push({
      fn: l.fn,
      t: stop,
      order: o + 99,
      apply: (m, f) => m.onInstanceStop(f(l.fn), serial, stop, false),
    });
  });
  return out.sort((a, b) => a.t - b.t || a.order - b.order);
}

const life = fc
  .record({
    fn: fc.integer({ min: 0, max: FUNCTIONS - 1 }),
    // created while the window is open, or (-1) before it, INIT done at its start, as a run's
    // starting provisioned instances are; some live past the window's end
    startMs: fc.oneof(
      fc.constant(-1),
      fc.integer({ min: 0, max: WINDOW_MS }).map((t) => t + 0.25),
    ),
    initMs: fc.constantFrom(0, 150.5, 900),
    lifeMs: fc.integer({ min: 0, max: 120_000 }),
    runs: fc.array(
      fc.record({
        atMs: fc.integer({ min: 0, max: 5_000 }),
        runMs: fc.double({ min: 0, max: 3_000, noNaN: true }),
      }),
      { maxLength: 4 },
    ),
  })
  .map((l) => (l.startMs < 0 ? { ...l, startMs: -l.initMs } : l));

/** Feeds `evs` to `m` between the window's start and end events, as a platform does. */
function feed(m: BillingMeter, evs: Event[], local: (fn: number) => number): void {
  // the window opens before any event (one created before it reports its earlier time), and closes
  // after the events at its end
  m.onWindowStart(0);
  let closed = false;
  for (const e of evs) {
    if (!closed && e.t > WINDOW_MS) {
      m.onWindowEnd(WINDOW_MS);
      closed = true;
    }
    e.apply(m, local);
  }
  if (!closed) m.onWindowEnd(WINDOW_MS);
}

describe.each(['azure-premium', 'azure-consumption', 'azure-flex', 'gcp-cloud-run', 'gcp-functions-gen1'])(
  '%s: two shards merged bill what one meter bills',
  (id) => {
    test('random instance lives, functions split by index parity', () => {
      const provider = getProvider(id).load(defaultPricingDir());
      // a size each platform offers (Premium: its EP1's 3,584 MB)
      const mb = id === 'azure-premium' ? 3584 : 2048;
      const settings = settingsOf({ ...DEFAULT_CONFIG, provider: id, memoryMb: mb, freeTier: true });
      const memory = (): number => mb;
      const input = {
        spanMs: WINDOW_MS,
        functions: Array.from({ length: FUNCTIONS }, (_, i) => ({
          name: `f${i}`,
          memoryMb: mb,
          provisioned: 0,
        })),
        userRequests: 0,
      };
      fc.assert(
        fc.property(fc.array(life, { minLength: 1, maxLength: 12 }), (lives) => {
          const all = events(lives);
          const whole = provider.createMeter(settings, memory);
          feed(whole, all, (fn) => fn);
          // shard k holds the functions fn % 2 === k, numbered in its own order (0, 1, …)
          const parts = [0, 1].map((k) => {
            const global = Array.from({ length: FUNCTIONS }, (_, fn) => fn).filter((fn) => fn % 2 === k);
            const m = provider.createMeter(settings, memory);
            // as run.ts does for a shard's meter
            m.keepShardState?.();
            feed(
              m,
              all.filter((e) => e.fn % 2 === k),
              (fn) => global.indexOf(fn),
            );
            return { state: (m.exportState as () => Record<string, unknown>).call(m), global };
          });
          const merged = provider.createMeter(settings, memory);
          merged.importStates?.(parts);
          expect(JSON.stringify(merged.bill(input))).toBe(JSON.stringify(whole.bill(input)));
        }),
        { numRuns: 150 },
      );
    });
  },
);
