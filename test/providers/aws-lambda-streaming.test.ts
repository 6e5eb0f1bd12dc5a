/**
 * Lambda response streaming (pricing/aws-lambda-streaming.json): with --response-streaming, the bytes
 * of each sync response beyond its first 6 MB (6,291,456 bytes) are billed at $0.008 per GB
 * (1,073,741,824 bytes); with the free tier, the first 100 GB of those a month are free. A buffered
 * response (no --response-streaming) costs nothing extra and may not exceed 6 MB; a streamed one
 * 200 MB. Sizes: the trace's response_bytes column, else --response-size.
 * Span: a thousandth of a 30-day month (monthly = span × 1,000). INIT 0.
 */
import { describe, expect, test } from 'vitest';
import { costLine, every, merge, simulate, SPAN_MILLI_MONTH, writeTrace } from '../helpers/csv-trace.js';
import { runIn } from '../helpers/run-in-process.js';

const MIB = 1024 * 1024;
const base = {
  provider: 'aws-lambda',
  spanMs: SPAN_MILLI_MONTH,
  memoryMb: 128,
  init: { kind: 'constant' as const, ms: 0 },
};

describe('streamed bytes beyond 6 MB a response, per GB (hand-computed)', () => {
  test('--response-size 10 MB on 10 million responses a month → 4 MB each billed: $312.50', async () => {
    // 10,000 responses in the span × 1,000 = 10M a month; each 10 MiB − 6 MiB free = 4 MiB;
    // 10M × 4 MiB = 40,000,000 MiB = 39,062.5 GiB × $0.008 = $312.50
    const r = await simulate(every(10_000, 259, { run: 10 }), {
      ...base,
      responseStreaming: true,
      responseSize: 10 * MIB,
    });
    expect(costLine(r, 'streaming').quantity).toBeCloseTo(39_062.5, 9);
    expect(costLine(r, 'streaming').monthlyUsd).toBeCloseTo(312.5, 9);
  });

  test('sizes from the response_bytes column; small, exactly 6 MB, async and unsized responses stream nothing billed', async () => {
    // per cycle of 4 rows: 16 MiB (10 MiB billed), 1 KB (none), exactly 6 MiB (none), an async 50 MiB event (no response to a client)
    const rows = merge(
      every(1000, 1000, { run: 10, responseBytes: 16 * MIB }),
      every(1000, 1000, { run: 10, responseBytes: 1024 }, 250),
      every(1000, 1000, { run: 10, responseBytes: 6 * MIB }, 500),
      every(1000, 1000, { run: 10, responseBytes: 50 * MIB, async: true }, 750),
    );
    const r = await simulate(rows, { ...base, responseStreaming: true });
    // 1,000 × 1,000 = 1M a month × 10 MiB = 10,000,000 MiB = 9,765.625 GiB × $0.008 = $78.125
    expect(costLine(r, 'streaming').quantity).toBeCloseTo(10_000_000 / 1024, 9);
    expect(costLine(r, 'streaming').monthlyUsd).toBeCloseTo(78.125, 9);
    // a row's own size wins over --response-size, which stands in for the rows without one
    const mixed = await simulate(
      [
        ...every(1000, 1000, { run: 10, responseBytes: 7 * MIB }),
        ...every(1000, 1000, { run: 10 }, 500),
      ].sort((a, b) => a.t - b.t),
      { ...base, responseStreaming: true, responseSize: 8 * MIB },
    );
    // 1M × 1 MiB + 1M × 2 MiB = 3,000,000 MiB = 2,929.6875 GiB × $0.008 = $23.4375
    expect(costLine(mixed, 'streaming').monthlyUsd).toBeCloseTo(23.4375, 9);
  });

  test('with the free tier, 100 GB a month of the billed bytes are free', async () => {
    const rows = every(1000, 1000, { run: 10, responseBytes: 16 * MIB });
    const r = await simulate(rows, { ...base, responseStreaming: true, freeTier: true });
    // (9,765.625 − 100) GiB × $0.008 = $77.325
    expect(costLine(r, 'streaming').monthlyUsd).toBeCloseTo(77.325, 9);
  });

  test('the line is there only when responses stream: buffered responses cost what they did', async () => {
    const rows = every(1000, 1000, { run: 10, responseBytes: 1000 });
    const plain = await simulate(every(1000, 1000, { run: 10 }), base);
    const buffered = await simulate(rows, base);
    expect(buffered.cost.lines.map((l) => l.id)).not.toContain('streaming');
    expect(buffered.cost.monthlyUsd).toBe(plain.cost.monthlyUsd);
    expect(buffered.cost.lines).toEqual(plain.cost.lines);
  });
});

describe('limits and options', () => {
  const trace = writeTrace(every(3, 1000, { run: 10 }));
  const run = (args: string[]) => runIn(['simulate', trace, '--span', '1h', ...args]);

  test('a buffered response over 6 MB is refused; a streamed one over 200 MB too', async () => {
    const buffered = await run(['--response-size', String(6 * MIB + 1)]);
    expect([buffered.code, buffered.stderr]).toEqual([
      2,
      'faasim: --response-size 6291457: a buffered Lambda response is at most 6,291,456 bytes (6 MB, https://docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html); add --response-streaming to stream it\n',
    ]);
    expect((await run(['--response-size', String(6 * MIB)])).code).toBe(0);
    const streamed = await run(['--response-streaming', '--response-size', String(200 * MIB + 1)]);
    expect(streamed.stderr).toMatch(
      /^faasim: --response-size 209715201: a streamed Lambda response is at most 209,715,200 bytes/,
    );
    expect((await run(['--response-size', '-1'])).code).toBe(2);
  });

  test("a trace's buffered responses over 6 MB are a finding, not a bill", async () => {
    const big = writeTrace(every(2, 1000, { run: 10, responseBytes: 7 * MIB }));
    const r = await runIn(['simulate', big, '--span', '1h', '--format', 'json']);
    expect(r.code).toBe(0);
    // 2 in an hour × 720
    expect(JSON.parse(r.stdout).cost.assumptions).toContain(
      '1,440 sync responses a month are over the 6,291,456 bytes a buffered response may return: Lambda would fail them (--response-streaming streams up to 200 MB)',
    );
  });

  test('streaming without sizes says so', async () => {
    const r = await run(['--response-streaming', '--format', 'json']);
    expect(JSON.parse(r.stdout).cost.assumptions).toContain(
      '--response-streaming: no response sizes (a response_bytes column in the trace, or --response-size), so no streamed bytes are billed',
    );
  });

  test("AWS Lambda's options only: refused elsewhere, a note with --provider all", async () => {
    const other = await run(['--provider', 'aws-lambda-edge', '--response-streaming']);
    expect([other.code, other.stderr]).toEqual([
      2,
      'faasim: --response-streaming (scenario "responseStreaming") is for aws-lambda; AWS Lambda@Edge has no such option\n',
    ]);
    const size = await run(['--provider', 'gcp-cloud-run', '--response-size', '10']);
    expect(size.stderr).toBe(
      'faasim: --response-size (scenario "responseSize") is for aws-lambda; Google Cloud Run has no such option\n',
    );
    const all = await run([
      '--provider',
      'all',
      '--response-streaming',
      '--response-size',
      String(7 * MIB),
      '--format',
      'json',
    ]);
    expect(all.code).toBe(0);
    const rows = JSON.parse(all.stdout).rows as {
      provider: string;
      result: { cost: { lines: { id: string; monthlyUsd: number }[] } };
    }[];
    const lambda = rows.find((x) => x.provider === 'aws-lambda')!;
    // 3 × 720 = 2,160 responses a month × 1 MiB = 2,160 MiB = 2.109375 GiB × $0.008
    expect(lambda.result.cost.lines.find((l) => l.id === 'streaming')!.monthlyUsd).toBeCloseTo(
      (2160 / 1024) * 0.008,
      12,
    );
    expect(all.stdout).toContain('--response-streaming is for aws-lambda: not used for AWS Lambda@Edge');
  });
});
