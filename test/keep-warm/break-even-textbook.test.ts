/**
 * compare's break-even on AWS Lambda: the textbook utilisation (capacity / (on-demand − provisioned
 * duration price)) comes from the price sheet, so it is shown when no provisioned level is possible
 * (no provisioned run lists those prices) and when only `--strategy none` is compared, and the
 * report has no undefined or NaN. us-east-1 x86_64: 0.0000041667 / (0.0000166667 − 0.0000097222)
 * = 0.600 (60.0 %); arm64: 0.0000033334 / (0.0000133334 − 0.0000077778) = 0.600 (60.0 %).
 */
import { describe, expect, test } from 'vitest';
import { computeBreakEven } from '../../src/keep-warm/break-even.js';
import { StrategyRunner } from '../../src/keep-warm/runner.js';
import { defaultPricingDir } from '../../src/pricing/dir.js';
import { getProvider } from '../../src/providers/registry.js';
import { cli } from '../helpers/cli.js';
import { config, traceOf, writeTemp } from '../helpers/trace.js';

const aws = () => getProvider('aws-lambda').load(defaultPricingDir());
// two functions, one request each
const two = () =>
  traceOf([
    { t: 0, fn: 'a', run: 100 },
    { t: 1000, fn: 'b', run: 100 },
  ]);
const TEXTBOOK =
  '- textbook: one provisioned instance pays for itself above 60.0% utilisation (capacity price /\n  (on-demand − provisioned duration price))';

describe('the textbook break-even utilisation when no provisioned run is made', () => {
  test('no level possible (an account limit of 1 shared by 2 functions): from the price sheet', () => {
    const runner = new StrategyRunner(two(), config({ memoryMb: 1024, concurrencyLimit: 1 }), aws(), null);
    const b = computeBreakEven(runner);
    expect(b.levels).toEqual([]);
    expect(b.explanation).toBe(
      "no level is possible: the account's concurrency limit of 1, shared by 2 functions",
    );
    expect(b.textbookUtilization).toBeCloseTo(0.0000041667 / (0.0000166667 - 0.0000097222), 12);
    const arm = computeBreakEven(
      new StrategyRunner(two(), config({ memoryMb: 1024, concurrencyLimit: 1, arch: 'arm64' }), aws(), null),
    );
    expect(arm.textbookUtilization).toBeCloseTo(0.0000033334 / (0.0000133334 - 0.0000077778), 12);
  });

  test('through the CLI: --strategy none, with and without a possible level, in every format', async () => {
    const file = writeTemp(
      't.csv',
      'timestamp,function,duration_ms\n2024-01-01T00:00:00Z,a,50\n2024-01-01T00:00:01Z,b,60\n2024-01-01T00:00:02Z,a,70\n',
    );
    for (const extra of [[], ['--concurrency-limit', '1']]) {
      const args = ['compare', file, '--strategy', 'none', '--workers', '1', ...extra];
      const table = await cli(args);
      expect(table.code, extra.join(' ')).toBe(0);
      expect(table.stdout).toContain(TEXTBOOK);
      expect(table.stdout).not.toMatch(/undefined|NaN/);
      const json = await cli([...args, '--format', 'json']);
      expect(JSON.parse(json.stdout).breakEven.textbookUtilization).toBeCloseTo(0.6, 5);
      const csv = await cli([...args, '--format', 'csv']);
      expect(csv.stdout).toMatch(/^break_even,all,textbook_utilization,0\.6,fraction$/m);
      expect(csv.stdout).not.toMatch(/undefined|NaN/);
    }
  });
});
