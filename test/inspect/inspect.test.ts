/**
 * `faasim inspect`: every figure by hand on a small trace, and on a generated trace of 360,000 requests
 * against an independent sort-based computation (percentiles within the stated 0.99%).
 */
import { describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { generateTrace } from '../../src/generate/generate.js';
import { generateOptionsOf } from '../../src/generate/options.js';
import { inspectTrace, PATTERN_RULE } from '../../src/inspect/inspect.js';
import { PERCENTILE_RELATIVE_ERROR } from '../../src/inspect/stats.js';
import { loadTrace } from '../../src/traces/load.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir('faasim-inspect-');

const SMALL = [
  'timestamp,function,duration_ms,init_ms,memory_used_mb',
  '2026-01-05T10:00:00.000Z,api,10,250,60',
  '2026-01-05T10:00:00.400Z,api,20,,64',
  '2026-01-05T10:00:00.900Z,worker,100,400,120',
  '2026-01-05T10:00:01.500Z,api,30,,62',
  '2026-01-05T10:00:59.000Z,api,40,,70',
  '2026-01-05T10:01:30.000Z,worker,200,,110',
  '2026-01-05T11:00:10.000Z,api,50,,66',
  '2026-01-05T11:00:20.000Z,api,-5,,60',
  '',
].join('\n');

async function writeGenerated(flags: Parameters<typeof generateOptionsOf>[0]): Promise<string> {
  const blocks: Buffer[] = [];
  await generateTrace(generateOptionsOf(flags), (b) => {
    blocks.push(b);
  });
  return tmp.file('gen.csv', Buffer.concat(blocks).toString('latin1'));
}

describe('inspect, by hand', () => {
  test('a small trace: counts, span, rates, gaps, functions, cold starts, skipped rows', async () => {
    const r = await inspectTrace(tmp.file('small.csv', SMALL), { skipBadRows: true }, { top: 1 });
    expect(r.rows).toBe(7);
    expect(r.skippedRows).toBe(1);
    expect(r.skipReasons).toEqual(['line 9: column 3 (duration_ms): "-5" is not a non-negative number']);
    expect(r.functions).toBe(2);
    // 10:00:00 .. 11:00:10 = 3,610 s
    expect(r.span).toEqual({
      ms: 3_610_000,
      source: 'first-to-last request',
      firstIso: '2026-01-05T10:00:00.000Z',
      lastIso: '2026-01-05T11:00:10.000Z',
    });
    expect(r.rate.meanPerS).toBeCloseTo(7 / 3610, 12);
    // second 10:00:00 holds 0.0, 0.4 and 0.9; minute 10:00 holds those, 1.5 and 59.0
    expect([r.rate.peakPerS, r.rate.peakSecondAt]).toEqual([3, '2026-01-05T10:00:00.000Z']);
    expect([r.rate.peakPerMin, r.rate.peakMinuteAt]).toEqual([5, '2026-01-05T10:00:00.000Z']);
    expect(r.hourly).toEqual({ firstHourAt: '2026-01-05T10:00:00.000Z', counts: [6, 1] });
    // minutes 10:00 (5), 10:01 (1), then 58 empty, 11:00 (1)
    expect(r.perMinute).toEqual({
      firstMinuteAt: '2026-01-05T10:00:00.000Z',
      counts: [5, 1, ...new Array<number>(58).fill(0), 1],
    });

    // gaps 400, 500, 600, 57,500, 31,000, 3,520,000 ms; sorted 400 500 600 31,000 57,500 3,520,000
    const gaps = [400, 500, 600, 57_500, 31_000, 3_520_000];
    const mean = 3_610_000 / 6;
    const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / 6);
    const ia = r.interArrival;
    expect(ia.gaps).toBe(6);
    expect(ia.meanMs).toBeCloseTo(mean, 6);
    expect(ia.p50Ms).toBeCloseTo(600 + 0.5 * (31_000 - 600), 6); // index 5 × 0.5 = 2.5: 15,800
    expect(ia.p90Ms).toBeCloseTo(57_500 + 0.5 * (3_520_000 - 57_500), 6); // index 4.5: 1,788,750
    expect(ia.maxMs).toBe(3_520_000);
    expect(ia.cv).toBeCloseTo(sd / mean, 12);
    expect(ia.verdict).toBe('too few requests to tell'); // 6 gaps < 30

    // api: runs 10..50 (p50 30, p99 at index 3.96: 40 + 0.96 × 10 = 49.6), memory 60 62 64 66 70
    expect(r.functionTable.top).toEqual([
      {
        name: 'api',
        requests: 5,
        share: 5 / 7,
        durationP50Ms: 30,
        durationP99Ms: expect.closeTo(49.6, 9),
        memoryP50Mb: 64,
        memoryMaxMb: 70,
        coldStarts: 1,
      },
    ]);
    expect(r.functionTable.others).toEqual({ functions: 1, requests: 2, share: 2 / 7 });
    // INIT 250 and 400: p50 325, p90 250 + 0.9 × 150 = 385, p99 398.5
    expect(r.coldStarts).toEqual({
      observed: 2,
      rate: 2 / 7,
      initP50Ms: 325,
      initP90Ms: expect.closeTo(385, 9),
      initP99Ms: expect.closeTo(398.5, 9),
      initMaxMs: 400,
    });
    expect(r.accuracy.exact).toBe(true);
  });

  test('the verdict follows the stated CV rule: regular, Poisson-like, bursty', async () => {
    // one request a second, each moved by up to ±100 ms: gaps 800..1,200 ms, CV ≈ 0.08
    const lines = ['timestamp,duration_ms'];
    for (let i = 0; i < 200; i++)
      lines.push(`${(1_767_571_200 + i + (((i * 37) % 21) - 10) / 100).toFixed(2)},5`);
    const regular = await inspectTrace(tmp.file('regular.csv', lines.join('\n') + '\n'));
    expect(regular.interArrival.cv as number).toBeLessThan(PATTERN_RULE.regularBelow);
    expect(regular.interArrival.verdict).toBe('regular');
    expect(regular.layout).toBe('one row per request, epoch times in s (inferred)');
    const poisson = await inspectTrace(await writeGenerated({ rate: '5', span: '1h', seed: '2' }));
    expect(poisson.interArrival.verdict).toBe('Poisson-like');
    const bursty = await inspectTrace(
      await writeGenerated({ pattern: 'bursty', rate: '5', span: '1h', seed: '2' }),
    );
    expect(bursty.interArrival.verdict).toBe('bursty');
  });
});

describe('inspect, counts per minute', () => {
  test('a count trace: rows are the counts, the span its whole minutes, and the gaps are said to come from the spread', async () => {
    // minutes 10:00, 10:01, 10:02 with 2, 0 and 3 requests: 5 rows over 3 min
    const file = tmp.file(
      'counts.csv',
      'timestamp,count\n2026-01-05T10:00:00Z,2\n2026-01-05T10:01:00Z,0\n2026-01-05T10:02:00Z,3\n',
    );
    const r = await inspectTrace(file, { spreadSeed: 1 });
    expect([r.rows, r.span.ms, r.span.source, r.span.lastIso]).toEqual([
      5,
      180_000,
      'whole minutes counted',
      '2026-01-05T10:03:00.000Z',
    ]);
    expect(r.perMinute?.counts).toEqual([2, 0, 3]);
    expect(r.rate.peakPerMin).toBe(3);
    expect(r.rate.meanPerS).toBeCloseTo(5 / 180, 12);
    expect(r.interArrival.gaps).toBe(4);
    expect(r.interArrival.note).toMatch(/uniform spread within each minute/);
    expect(r.layout).toMatch(/^counts per minute \(timestamp,count\)/);
  });
});

describe('inspect against an independent computation', () => {
  test('360,000 generated requests: counts exact, CV exact, percentiles within 0.99% of sort-based nearest rank', async () => {
    const file = await writeGenerated({ rate: '200', span: '30m', functions: '4', seed: '21' });
    const r = await inspectTrace(file, {}, { top: 4 });
    const t = await loadTrace(file);
    const n = t.data.count;
    expect(r.rows).toBe(n);
    expect(n).toBeGreaterThan(300_000); // past the 100,000 values kept exactly: the histogram answers
    expect(r.accuracy.exact).toBe(false);

    const gaps = new Float64Array(n - 1);
    for (let i = 1; i < n; i++) gaps[i - 1] = (t.data.timeMs[i] as number) - (t.data.timeMs[i - 1] as number);
    let sum = 0;
    for (const g of gaps) sum += g;
    const mean = sum / gaps.length;
    let sq = 0;
    for (const g of gaps) sq += (g - mean) ** 2;
    expect(r.interArrival.cv as number).toBeCloseTo(Math.sqrt(sq / gaps.length) / mean, 9);
    const sorted = Float64Array.from(gaps).sort();
    const rank = (s: Float64Array, p: number): number =>
      s[Math.max(1, Math.ceil(p * s.length)) - 1] as number;
    const close = (got: number | null, exact: number): void => {
      expect(Math.abs((got as number) - exact)).toBeLessThanOrEqual(PERCENTILE_RELATIVE_ERROR * exact + 1e-9);
    };
    close(r.interArrival.p50Ms, rank(sorted, 0.5));
    close(r.interArrival.p90Ms, rank(sorted, 0.9));
    close(r.interArrival.p99Ms, rank(sorted, 0.99));
    expect(r.interArrival.maxMs).toBe(sorted[sorted.length - 1]);

    // peak per UTC second, counted independently
    const perSecond = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const s = Math.floor((t.info.originEpochMs + (t.data.timeMs[i] as number)) / 1000);
      perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
    }
    expect(r.rate.peakPerS).toBe(Math.max(...perSecond.values()));

    // per function: exact counts; run-time percentiles within the bound (fn-1 has about 6/11 of 360,000)
    t.info.functionNames.forEach((name, f) => {
      const runs: number[] = [];
      for (let i = 0; i < n; i++) if (t.data.fn[i] === f) runs.push(t.data.durationMs[i] as number);
      const row = r.functionTable.top.find((x) => x.name === name);
      expect(row?.requests).toBe(runs.length);
      const s = Float64Array.from(runs).sort();
      if (runs.length > 100_000) {
        close(row?.durationP50Ms ?? null, rank(s, 0.5));
        close(row?.durationP99Ms ?? null, rank(s, 0.99));
      }
    });
  });
});

describe('inspect on the command line', () => {
  test('table and json; an unsorted trace is refused with exit 2 and read with --sort', async () => {
    const file = tmp.file('small.csv', SMALL);
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) };
    expect(await runCli(['node', 'faasim', 'inspect', file, '--skip-bad-rows'], io)).toBe(0);
    const table = out.join('');
    expect(table).toMatch(/requests\s+│ 7 /);
    expect(table).toMatch(/peak minute\s+│ 5 req, 0.08 req\/s \(2026-01-05T10:00:00.000Z\)/);
    // within 6 hours, a line per hour of minutes: 10:00 holds 5 (█), 10:01 and 11:00 one each (1/5 of 8 steps: ▂)
    expect(table).toContain(
      `  2026-01-05 10:00 │█▂${' '.repeat(58)}│ 6\n  2026-01-05 11:00 │▂${' '.repeat(59)}│ 1\n`,
    );
    expect(table).toMatch(/requests with init_ms\s+│ 2 \(28.57%\)/);
    out.length = 0;
    expect(
      await runCli(
        ['node', 'faasim', 'inspect', file, '--skip-bad-rows', '--format', 'json', '--top', '0'],
        io,
      ),
    ).toBe(0);
    const json = JSON.parse(out.join(''));
    expect(json.schema).toBe('faasim.inspect/v1');
    expect(json.functionTable.others).toEqual({ functions: 2, requests: 7, share: 1 });

    // longer traces: a line per day of hours (one request at 10:00 on the 5th, one at 12:00 on the 6th)
    out.length = 0;
    expect(
      await runCli(
        [
          'node',
          'faasim',
          'inspect',
          tmp.file('days.csv', 'timestamp,duration_ms\n2026-01-05T10:00:00Z,1\n2026-01-06T12:00:00Z,1\n'),
        ],
        io,
      ),
    ).toBe(0);
    expect(out.join('')).toContain(
      `  2026-01-05  │${' '.repeat(10)}█${' '.repeat(13)}│ 1\n  2026-01-06  │${' '.repeat(12)}█${' '.repeat(11)}│ 1\n`,
    );

    const unsorted = tmp.file(
      'unsorted.csv',
      'timestamp,duration_ms\n2026-01-05T10:00:05Z,1\n2026-01-05T10:00:01Z,1\n2026-01-05T10:00:09Z,1\n',
    );
    out.length = 0;
    expect(await runCli(['node', 'faasim', 'inspect', unsorted], io)).toBe(2);
    expect(err.join('')).toMatch(
      /unsorted\.csv:3: column 1 \(timestamp\): "2026-01-05T10:00:01Z" is earlier than the one on line 2/,
    );
    expect(out.join('')).toBe('');
    expect(await runCli(['node', 'faasim', 'inspect', unsorted, '--sort', '--format', 'json'], io)).toBe(0);
    expect(JSON.parse(out.join('')).interArrival.p50Ms).toBe(4000); // gaps 4 s and 4 s
  });
});
