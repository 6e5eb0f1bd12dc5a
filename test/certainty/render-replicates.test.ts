/**
 * The replicates table (simulate --replicates): the monthly cost's mean, half-width, interval and the
 * first seed's figure in one money format (report/format.ts usdColumn), as every other money column;
 * the other figures as before.
 */
import { describe, expect, test } from 'vitest';
import { replicatesTable } from '../../src/certainty/render-replicates.js';
import type { ReplicateSummary } from '../../src/certainty/replicates.js';
import type { SimulationResult } from '../../src/simulate.js';

const interval = (mean: number, low: number, high: number) => ({ mean, low, high, n: 3 });

function summary(monthly: { mean: number; low: number; high: number }): ReplicateSummary {
  return {
    n: 3,
    seeds: { first: 1, last: 3 },
    confidence: 0.95,
    method: 'mean over seeds',
    figures: {
      coldStartRate: interval(0.004, 0.0038, 0.0042),
      throttled: interval(0, 0, 0),
      p99Ms: interval(2546, 2546, 2546),
      monthlyUsd: interval(monthly.mean, monthly.low, monthly.high),
    },
  };
}

/** what replicatesTable reads of the first seed's run: its headline figures */
const first = (monthlyUsd: number): SimulationResult =>
  ({
    outcomes: { coldStartRate: 0.0041, throttledSync: 0, asyncDropped: 0, latency: { all: { p99Ms: 2546 } } },
    cost: { monthlyUsd },
  }) as unknown as SimulationResult;

const costRow = (table: string): string =>
  table.split('\n').find((l) => l.includes('monthly cost')) as string;

describe('the replicates table', () => {
  test('cents: a half-width below half a cent is "<$0.01", not $0.000498', () => {
    // half-width (12.890498 − 12.889502) / 2 = 0.000498
    const t = replicatesTable(summary({ mean: 12.89, low: 12.889502, high: 12.890498 }), first(12.8901));
    expect(costRow(t)).toBe(
      '│ monthly cost              │ $12.89 ± <$0.01   │ [$12.89, $12.89]     │ $12.89   │',
    );
  });

  test('all below a cent: the digits that show three significant digits of the smallest, in every cell', () => {
    // half-width (0.00115 − 0.00111) / 2 = 0.00002; the smallest amount 0.00002 = 2.00e-5 needs
    // 2 − floor(log10(0.00002)) = 2 + 5 = 7 decimals; the rest in the same 7
    const t = replicatesTable(summary({ mean: 0.00113, low: 0.00111, high: 0.00115 }), first(0.001125));
    expect(costRow(t)).toBe(
      '│ monthly cost              │ $0.0011300 ± $0.0000200 │ [$0.0011100, $0.0011500] │ $0.0011250 │',
    );
  });
});
