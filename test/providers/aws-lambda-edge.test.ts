/**
 * AWS Lambda@Edge billing and limits (pricing/aws-lambda-edge.json): $0.60 per million requests,
 * $0.00005001 per GB-s, duration rounded up to 1 ms per invocation, no free tier; viewer triggers
 * 128 MB and 5 s, origin triggers up to 10,240 MB and 30 s; x86_64 only, no provisioned concurrency.
 * Span: a thousandth of a 30-day month (monthly = span × 1,000).
 */
import { describe, expect, test } from 'vitest';
import { cents, costLine, every, simulate, SPAN_MILLI_MONTH } from '../helpers/csv-trace.js';
import { runIn } from '../helpers/run-in-process.js';
import { tempDir, writeTemp } from '../helpers/trace.js';

const base = {
  provider: 'aws-lambda-edge',
  spanMs: SPAN_MILLI_MONTH,
  init: { kind: 'constant' as const, ms: 0 },
};

describe("the pricing page's Lambda@Edge example, from a trace", () => {
  test('10 million executions of 50 ms at 128 MB a month → $3.13 + $6.00 = $9.13', async () => {
    // Monthly compute: 10M × 0.05 s = 500,000 s × 128/1024 GB = 62,500 GB-s × $0.00005001
    // = $3.125625 (the page: 500,000 s × $0.00000625125 per 128 MB-s = $3.13).
    // Monthly requests: 10M × $0.60/M = $6.00. Total $9.125625 → $9.13.
    // Trace: 10,000 executions 259 ms apart in the span (× 1,000 = 10M a month), INIT 0.
    const r = await simulate(every(10_000, 259, { run: 50 }), { ...base, memoryMb: 128 });
    expect(costLine(r, 'requests').quantity).toBeCloseTo(10_000_000, 6);
    expect(costLine(r, 'requests').monthlyUsd).toBeCloseTo(6.0, 9);
    expect(costLine(r, 'duration').quantity).toBeCloseTo(62_500, 6);
    expect(costLine(r, 'duration').monthlyUsd).toBeCloseTo(62_500 * 0.00005001, 9);
    expect(cents(costLine(r, 'duration').monthlyUsd)).toBe(3.13);
    expect(cents(r.cost.monthlyUsd)).toBe(9.13);
  });
});

describe('rules of the bill (hand-computed)', () => {
  test('each invocation rounds up to 1 ms; a cold start bills ceil(INIT + run)', async () => {
    // two invocations of 49.2 ms at 1,024 MB, the first cold with INIT 100.3 ms:
    // run billed 50 ms each → 2 × 50 ms × 1 GB = 0.1 GB-s × 1,000 = 100 GB-s;
    // INIT: ceil(100.3 + 49.2) = 150 ms − 50 ms = 100 ms × 1 GB = 0.1 GB-s × 1,000 = 100 GB-s.
    const r = await simulate(every(2, 1000, { run: 49.2 }), {
      ...base,
      memoryMb: 1024,
      init: { kind: 'constant', ms: 100.3 },
    });
    expect(costLine(r, 'duration').quantity).toBeCloseTo(100, 9);
    expect(costLine(r, 'init').quantity).toBeCloseTo(100, 9);
    // 200 GB-s × $0.00005001 + 2,000 requests × $0.0000006 = $0.010002 + $0.0012
    expect(r.cost.monthlyUsd).toBeCloseTo(200 * 0.00005001 + 2000 * 0.0000006, 12);
  });

  test('no free tier: --free-tier is refused (it would change nothing)', async () => {
    const rows = every(100, 1000, { run: 20 });
    const off = await simulate(rows, { ...base, memoryMb: 128 });
    // 100 × 1,000 = 100,000 requests × $0.0000006 = $0.06; 100,000 × 0.02 s × 0.125 GB = 250 GB-s × $0.00005001
    expect(off.cost.monthlyUsd).toBeCloseTo(0.06 + 250 * 0.00005001, 12);
    await expect(simulate(rows, { ...base, memoryMb: 128, freeTier: true })).rejects.toThrow(
      /^--free-tier \(scenario "freeTier"\) is for aws-lambda, .*; AWS Lambda@Edge has no free tier$/,
    );
  });
});

describe('limits of the trigger and of the platform', () => {
  const dir = tempDir();
  const trace = writeTemp(
    'edge.csv',
    'timestamp,duration_ms\n2026-01-01T00:00:00Z,50\n2026-01-01T00:01:00Z,50\n',
    dir,
  );
  const run = (args: string[]) =>
    runIn(['simulate', trace, '--provider', 'aws-lambda-edge', '--span', '1h', ...args]);

  test('origin triggers (the default) take up to 10,240 MB; viewer triggers 128 MB only', async () => {
    const origin = await run(['--memory', '10240', '--format', 'json']);
    expect([origin.code, JSON.parse(origin.stdout).config.memoryMb]).toEqual([0, 10240]);
    const tooBig = await run(['--memory', '10241']);
    expect([tooBig.code, tooBig.stderr]).toEqual([
      2,
      "faasim: memory 10241 MB for function is outside AWS Lambda@Edge's 128..10240 MB\n",
    ]);
    // a larger --memory is refused, as outside every other platform's range (issue 11 §1)
    const above = await run(['--edge-trigger', 'viewer', '--memory', '256']);
    expect([above.code, above.stderr]).toEqual([
      2,
      'faasim: memory 256 MB for function is more than AWS Lambda@Edge takes: viewer triggers take 128 MB only (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html, 2025-10-01)\n',
    ]);
    const viewer = await run(['--edge-trigger', 'viewer', '--memory', '128', '--format', 'json']);
    expect(viewer.code).toBe(0);
    const out = JSON.parse(viewer.stdout);
    expect(out.config.memoryMb).toBe(128);
    // 2 requests × 720 × $0.0000006; each 50 ms at 0.125 GB
    expect(out.cost.lines.find((l: { id: string }) => l.id === 'requests').monthlyUsd).toBeCloseTo(
      2 * 720 * 0.0000006,
      12,
    );
  });

  test('timeouts: 5 s for viewer triggers, 30 s for origin ones', async () => {
    const text = (await run(['--edge-trigger', 'viewer'])).stdout;
    expect(text).toContain('viewer triggers (--edge-trigger): memory 128..128 MB, timeout 5 s');
    expect((await run([])).stdout).toContain(
      'origin triggers (--edge-trigger): memory 128..10,240 MB, timeout 30 s',
    );
  });

  test('what Lambda@Edge does not have is refused, or not used', async () => {
    expect((await run(['--provisioned', '1'])).stderr).toMatch(
      /^faasim: AWS Lambda@Edge keeps no instances ready ahead of requests/,
    );
    expect((await run(['--snapstart'])).stderr).toBe(
      'faasim: --snapstart (scenario "snapstart") is for aws-lambda; AWS Lambda@Edge has no such option\n',
    );
    expect((await run(['--runtime', 'java21'])).stderr).toMatch(
      /^faasim: Lambda@Edge runs Node.js and Python functions only, not java21/,
    );
    expect((await run(['--ephemeral-storage', '1024'])).stderr).toMatch(
      /^faasim: Lambda@Edge functions have 512 MB of ephemeral storage, not 1024 MB/,
    );
    expect((await run(['--arch', 'arm64'])).stderr).toBe(
      'faasim: --arch arm64 (scenario "arch") is for aws-lambda, aws-fargate; AWS Lambda@Edge offers no choice of architecture\n',
    );
    const other = await runIn(['simulate', trace, '--provider', 'aws-lambda', '--edge-trigger', 'viewer']);
    expect([other.code, other.stderr]).toEqual([
      2,
      'faasim: --edge-trigger (scenario "edgeTrigger") is for aws-lambda-edge; AWS Lambda has no such option\n',
    ]);
  });

  test('keep-warm: pings are compared, provisioned concurrency is not offered', async () => {
    const r = await runIn([
      'compare',
      trace,
      '--provider',
      'aws-lambda-edge',
      '--span',
      '1h',
      '--workers',
      '1',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const names = JSON.parse(r.stdout).strategies.map((s: { name: string }) => s.name);
    expect(names.some((n: string) => n.startsWith('pings'))).toBe(true);
    expect(names.some((n: string) => n.startsWith('provisioned'))).toBe(false);
  });
});
