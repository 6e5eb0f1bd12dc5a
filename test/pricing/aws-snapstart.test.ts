/**
 * AWS Lambda SnapStart (issue 11 §2): the pricing page's worked example to the cent from a trace,
 * the restore in place of INIT, Java's free SnapStart, and the refusals.
 * Prices (us-east-1, pricing/aws-lambda-snapstart.json): cache $0.0000015046 per GB-s, restore
 * $0.0001397998 per GB; requests $0.20/M; x86 duration $0.0000166667 per GB-s.
 */
import { describe, expect, test } from 'vitest';
import { simulateTrace } from '../../src/simulate.js';
import { runIn } from '../helpers/run-in-process.js';
import { config, traceOf, writeTemp, type Row } from '../helpers/trace.js';

const forever = { kind: 'forever' as const };
const lineOf = (r: ReturnType<typeof simulateTrace>, id: string) => r.cost.lines.find((l) => l.id === id);
const cents = (usd: number) => Math.round(usd * 100) / 100;

/**
 * One hour of the example's traffic: 10,000 requests of 2 s at 1 GB, 1% of them (100) on new
 * environments. 100 requests arrive at once (100 restores of 200 ms, done at 2,200 ms), then 99
 * batches of 100 every 2 s from 2,200 ms, each arriving as the previous batch ends, so it finds the
 * 100 environments free: 100 × 100 = 10,000 requests, 100 restores.
 */
function exampleHour(): Row[] {
  const rows: Row[] = [];
  for (let k = 0; k < 100; k++) {
    const t = k === 0 ? 0 : 2200 + 2000 * (k - 1);
    for (let i = 0; i < 100; i++) rows.push({ t, run: 2000 });
  }
  return rows;
}

const exampleConfig = config({
  memoryMb: 1024,
  runtime: 'python3.12',
  snapstart: true,
  restore: { kind: 'constant', ms: 200 },
  keepAlive: forever,
  spanMs: 3_600_000,
});

describe('the AWS pricing page SnapStart example', () => {
  test('10,000 vehicles hourly, 1 GB, 2 s, 1% new environments, 31 days → $1.49 + $248.00 + $4.03 + $10.40 = $263.92', () => {
    // Source: https://aws.amazon.com/lambda/pricing/ (Lambda SnapStart pricing example, US East
    // (N. Virginia), x86), read in a stored Markdown copy of that page (code index id 55521902740):
    //   requests: 10,000 × 24 × 31 = 7,440,000 × $0.20/M = $1.49
    //   compute: 7.44 M × 2 s × 1 GB = 14.88 M GB-s × $0.0000166667 = $248.00
    //   cache: 1 GB × 24 h × 31 d × 3,600 s = 2,678,400 GB-s × $0.0000015046 = $4.03
    //   restores: 1% of 7.44 M = 74,400 × 1 GB = 74,400 GB × $0.0001397998 = $10.40
    //   total $263.92.
    // The page's month has 31 days (744 hours); faasim's has 30. The trace is one hour of the
    // example (spanUsd is that hour's cost), so the page's month is the span × 744.
    const r = simulateTrace(traceOf(exampleHour()), exampleConfig);
    expect(r.outcomes.coldStarts).toBe(100);
    const month31 = (id: string) => cents(lineOf(r, id)!.spanUsd * 744);
    // quantities for faasim's 30-day month (720 hours): 720 × the hour's
    expect(lineOf(r, 'requests')!.quantity).toBeCloseTo(10_000 * 720, 6);
    expect(lineOf(r, 'duration')!.quantity).toBeCloseTo(10_000 * 2 * 720, 6);
    expect(lineOf(r, 'snapstart-cache')!.quantity).toBeCloseTo(3600 * 720, 6);
    expect(lineOf(r, 'snapstart-restore')!.quantity).toBeCloseTo(100 * 720, 6);
    expect(month31('requests')).toBe(1.49);
    expect(month31('duration')).toBe(248.0);
    expect(month31('snapstart-cache')).toBe(4.03);
    expect(month31('snapstart-restore')).toBe(10.4);
    expect(cents(r.cost.spanUsd * 744)).toBe(263.92);
  });

  test('a cold request waits for the restore, and the restore is not billed as duration', () => {
    // 100 cold requests of 200 ms restore + 2,000 ms run: cold latency 2,200 ms, billed 2,000 ms
    const r = simulateTrace(traceOf(exampleHour()), exampleConfig);
    expect(r.outcomes.latency.cold.maxMs).toBeCloseTo(2200, 0);
    // no INIT billed: no INIT line (a report lists only the lines a run used)
    expect(r.cost.lines.some((l) => l.id === 'init')).toBe(false);
  });

  test('Java: SnapStart costs nothing extra (cache and restore lines at $0)', () => {
    const r = simulateTrace(traceOf(exampleHour()), { ...exampleConfig, runtime: 'java21' });
    expect(lineOf(r, 'snapstart-cache')!.monthlyUsd).toBe(0);
    expect(lineOf(r, 'snapstart-restore')!.monthlyUsd).toBe(0);
    expect(lineOf(r, 'snapstart-restore')!.note).toContain('no charge for java21');
  });

  test("without --restore the default restore latency is the sheet's, listed as unconfirmed", () => {
    const { restore: _r, ...noRestore } = exampleConfig;
    const r = simulateTrace(traceOf(exampleHour()), noRestore);
    expect(r.cost.unconfirmed.map((u) => u.path)).toEqual([
      'snapstart.restore.medianMs',
      'snapstart.restore.p99Ms',
    ]);
    expect(simulateTrace(traceOf(exampleHour()), exampleConfig).cost.unconfirmed).toEqual([]);
  });
});

describe('SnapStart refusals (exit 2, one line)', () => {
  const trace = writeTemp(
    'ok.csv',
    'timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n2026-01-01T00:10:00Z,7\n',
  );
  test.each([
    [
      ['--snapstart'],
      '--snapstart: AWS Lambda SnapStart supports the runtimes java11, java17, java21, java25, python3.12, python3.13, python3.14, dotnet8, dotnet10 (Java 11+, Python 3.12+, .NET 8+); not nodejs22.x',
    ],
    [
      ['--snapstart', '--runtime', 'java21', '--provisioned', '1'],
      '--snapstart: AWS Lambda SnapStart does not support provisioned concurrency (function function); compare them with faasim compare --strategy snapstart --strategy provisioned:N',
    ],
    [
      ['--snapstart', '--runtime', 'java21', '--package-type', 'image'],
      '--snapstart: AWS Lambda SnapStart does not support container images (--package-type zip)',
    ],
    [
      ['--restore', '300ms'],
      '--restore is the SnapStart restore latency: it needs --snapstart (scenario "snapstart": true)',
    ],
    [
      ['--snapstart', '--runtime', 'java21', '--provider', 'gcp-cloud-run'],
      '--snapstart (scenario "snapstart") is for aws-lambda; Google Cloud Run has no such option',
    ],
  ])('%j', async (flags, message) => {
    const r = await runIn(['simulate', trace, ...flags]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `faasim: ${message}\n`]);
  });

  test('a supported runtime runs, and the report shows the restore lines', async () => {
    const r = await runIn([
      'simulate',
      trace,
      '--snapstart',
      '--runtime',
      'python3.13',
      '--restore',
      '200ms..600ms',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('SnapStart cache');
    expect(r.stdout).toContain('cold (restore + run)');
  });
});
