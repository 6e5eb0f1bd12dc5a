/**
 * `faasim generate`: stated rates recovered within 4 standard deviations of the expected count (fixed
 * seeds), the shape of each pattern (CV, peak hour, step), same seed → same bytes, and the output is
 * a trace the simulator reads.
 */
import { writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { generateTrace, GENERATED_HEADER, type GenerateOptions } from '../../src/generate/generate.js';
import { generateOptionsOf, parseRatePerS } from '../../src/generate/options.js';
import { loadTrace } from '../../src/traces/load.js';
import type { Trace } from '../../src/traces/trace.js';
import { runCli } from '../../src/cli/run.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir('faasim-generate-');
const HOUR = 3_600_000;
const DAY = 86_400_000;

async function text(o: GenerateOptions): Promise<string> {
  const blocks: Buffer[] = [];
  await generateTrace(o, (b) => {
    blocks.push(b);
  });
  return Buffer.concat(blocks).toString('latin1');
}

async function generated(
  flags: Parameters<typeof generateOptionsOf>[0],
): Promise<{ trace: Trace; rows: number }> {
  const file = tmp.file('g.csv');
  const blocks: Buffer[] = [];
  const rows = await generateTrace(generateOptionsOf(flags), (b) => {
    blocks.push(b);
  });
  writeFileSync(file, Buffer.concat(blocks));
  return { trace: await loadTrace(file), rows };
}

/** Absolute arrival times (epoch ms) of a loaded trace. */
function times(t: Trace): Float64Array {
  const out = new Float64Array(t.data.count);
  for (let i = 0; i < out.length; i++) out[i] = t.info.originEpochMs + (t.data.timeMs[i] as number);
  return out;
}

function gapCv(ts: Float64Array): number {
  const n = ts.length - 1;
  let sum = 0,
    sq = 0;
  for (let i = 1; i < ts.length; i++) {
    const g = (ts[i] as number) - (ts[i - 1] as number);
    sum += g;
    sq += g * g;
  }
  const mean = sum / n;
  return Math.sqrt(sq / n - mean * mean) / mean;
}

function within4Sigma(count: number, expected: number, variance: number): void {
  expect(Math.abs(count - expected)).toBeLessThanOrEqual(4 * Math.sqrt(variance));
}

describe('generate', () => {
  test('the same seed gives the same bytes; another seed other bytes; the header and ISO times with microseconds', async () => {
    const o = generateOptionsOf({ pattern: 'bursty', rate: '20', span: '10m', functions: '3', seed: '5' });
    const a = await text(o);
    expect(await text(o)).toBe(a);
    expect(await text({ ...o, seed: 6 })).not.toBe(a);
    expect(a.startsWith(GENERATED_HEADER)).toBe(true);
    expect(a.split('\n')[1]).toMatch(/^2026-01-05T00:\d\d:\d\d\.\d{6}Z,fn-[123],\d+(\.\d+)?$/);
  });

  test('poisson: the count is within 4σ of rate × span (σ² = mean) and the gaps have CV ≈ 1', async () => {
    // 50/s over 20 min: expected 50 × 1200 = 60,000, σ = √60,000 ≈ 245
    const { trace, rows } = await generated({ pattern: 'poisson', rate: '50/s', span: '20m', seed: '11' });
    expect(trace.info.rows).toBe(rows);
    within4Sigma(rows, 60_000, 60_000);
    // the sample CV of n exponential gaps has a standard error about 1/√n ≈ 0.004
    expect(Math.abs(gapCv(times(trace)) - 1)).toBeLessThan(0.02);
  });

  test('diurnal: count within 4σ of the integral of the rate, and the rate peaks at the stated hour', async () => {
    // 7 days from Monday 00:00 UTC at 0.5/s weekdays, weekend factor 0.4: a whole day of
    // 1 + A·cos(…) integrates to 24 h, so expected = 0.5 × 86,400 × (5 + 2 × 0.4) = 250,560
    const { trace, rows } = await generated({
      pattern: 'diurnal',
      rate: '0.5',
      span: '7d',
      peakHour: '9',
      amplitude: '0.8',
      weekendFactor: '0.4',
      seed: '3',
    });
    within4Sigma(rows, 0.5 * 86_400 * (5 + 2 * 0.4), 0.5 * 86_400 * 5.8);
    // the phase of the first Fourier component of the time of day is the peak: 9:00 within 15 min
    let c = 0,
      s = 0,
      weekend = 0;
    for (const e of times(trace)) {
      const h = ((e % DAY) / HOUR) * ((2 * Math.PI) / 24);
      c += Math.cos(h);
      s += Math.sin(h);
      const dow = (Math.floor(e / DAY) + 4) % 7;
      if (dow === 0 || dow === 6) weekend++;
    }
    const peak = ((Math.atan2(s, c) * 24) / (2 * Math.PI) + 24) % 24;
    expect(Math.abs(peak - 9)).toBeLessThan(0.25);
    // Saturday and Sunday hold 2 × 0.4 / 5.8 of the week's traffic (binomial, 4σ)
    within4Sigma(weekend, (rows * 0.8) / 5.8, rows * (0.8 / 5.8) * (5 / 5.8));
  });

  test('bursty (on-off MMPP): count within 4σ of rate × span with the MMPP variance, and CV well above 1', async () => {
    // ON 30 s, OFF 90 s means: π = 0.25; OFF silent, so λ_on = 10 / 0.25 = 40/s. For a long span T,
    // Var N ≈ λ̄T + 2 (λ_on − λ_off)² π (1 − π) T / (α + β), α + β = 1/30 + 1/90 per s
    const T = 6 * 3600;
    const { trace, rows } = await generated({
      pattern: 'bursty',
      rate: '10',
      span: '6h',
      burstOn: '30s',
      burstOff: '90s',
      seed: '8',
    });
    const variance = 10 * T + (2 * 40 * 40 * 0.25 * 0.75 * T) / (1 / 30 + 1 / 90);
    within4Sigma(rows, 10 * T, variance);
    expect(gapCv(times(trace))).toBeGreaterThan(1.5);
  });

  test('spike: the rate steps to k × for the stated window and back', async () => {
    // 5/s for 1 h with a 10 × step from 20 min to 30 min: expected 5 × (3000 + 600 × 10) = 45,000
    const { trace, rows } = await generated({
      pattern: 'spike',
      rate: '5',
      span: '1h',
      spikeAt: '20m',
      spikeFor: '10m',
      spikeFactor: '10',
      seed: '2',
    });
    within4Sigma(rows, 45_000, 45_000);
    const t0 = trace.info.originEpochMs - (trace.info.originEpochMs % DAY); // the start, Monday 00:00
    let before = 0,
      during = 0,
      after = 0;
    for (const e of times(trace)) {
      const m = (e - t0) / 60_000;
      if (m < 20) before++;
      else if (m < 30) during++;
      else after++;
    }
    within4Sigma(before, 5 * 1200, 5 * 1200);
    within4Sigma(during, 50 * 600, 50 * 600);
    within4Sigma(after, 5 * 1800, 5 * 1800);
  });

  test('functions share traffic by Zipf weights 1/i; run times follow --duration', async () => {
    // 3 functions: shares 1/H, (1/2)/H, (1/3)/H with H = 11/6, i.e. 6/11, 3/11, 2/11
    const { trace, rows } = await generated({
      rate: '40',
      span: '10m',
      functions: '3',
      duration: '80ms..120ms',
      seed: '4',
    });
    const names = trace.info.functionNames;
    const counts = [0, 0, 0];
    let minRun = Infinity,
      maxRun = -Infinity;
    for (let i = 0; i < trace.data.count; i++) {
      const name = names[trace.data.fn[i] as number] as string;
      counts[Number(name.slice(3)) - 1]! += 1;
      minRun = Math.min(minRun, trace.data.durationMs[i] as number);
      maxRun = Math.max(maxRun, trace.data.durationMs[i] as number);
    }
    [6 / 11, 3 / 11, 2 / 11].forEach((p, i) =>
      within4Sigma(counts[i] as number, rows * p, rows * p * (1 - p)),
    );
    expect(minRun).toBeGreaterThanOrEqual(80);
    expect(maxRun).toBeLessThanOrEqual(120);
  });

  test('blocks stay near their size and the writer waits for the sink (backpressure)', async () => {
    const o = { ...generateOptionsOf({ rate: '200', span: '5m', seed: '1' }), blockChars: 4096 };
    let pending = false;
    let calls = 0;
    let longest = 0;
    let chars = 0;
    await generateTrace(o, async (b) => {
      expect(pending).toBe(false); // never called again before the previous write finished
      pending = true;
      calls++;
      longest = Math.max(longest, b.length);
      chars += b.length;
      await new Promise((r) => setTimeout(r, 0));
      pending = false;
    });
    // a block is handed over once another row of at most 78 bytes might not fit in its 4,096
    expect(longest).toBeLessThanOrEqual(4096);
    expect(calls).toBeGreaterThanOrEqual(Math.ceil(chars / 4096));
    expect(calls).toBeLessThanOrEqual(Math.ceil(chars / (4096 - 2 * 78)));
  });

  test('the CLI waits for stdout to drain: never more than one block buffered', async () => {
    let maxBuffered = 0;
    const got: Buffer[] = [];
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        got.push(chunk);
        setImmediate(done);
      },
    });
    const write = slow.write.bind(slow);
    slow.write = ((chunk: Buffer, ...rest: never[]) => {
      const ok = write(chunk, ...rest);
      maxBuffered = Math.max(maxBuffered, slow.writableLength);
      return ok;
    }) as typeof slow.write;
    const args = ['--rate', '2000', '--span', '60s', '--seed', '4'];
    const code = await runCli(['node', 'faasim', 'generate', ...args], {
      out: () => {},
      err: () => {},
      outStream: slow,
    });
    expect(code).toBe(0);
    const all = Buffer.concat(got);
    // about 120,000 rows of about 40 bytes, over 4 MB, written through 1 MiB blocks one at a time
    expect(all.length).toBeGreaterThan(4 << 20);
    expect(maxBuffered).toBeLessThanOrEqual(1 << 20);
    expect(all.toString('latin1')).toBe(
      await text(generateOptionsOf({ rate: '2000', span: '60s', seed: '4' })),
    );
  });

  test('the CLI writes a trace that simulate reads, and refuses bad flags with exit 2', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) };
    expect(
      await runCli(['node', 'faasim', 'generate', '--rate', '2', '--span', '10m', '--seed', '9'], io),
    ).toBe(0);
    const file = tmp.file('cli.csv', out.join(''));
    const sim: string[] = [];
    expect(
      await runCli(['node', 'faasim', 'simulate', file, '--format', 'json'], {
        out: (t) => void sim.push(t),
        err: () => {},
      }),
    ).toBe(0);
    expect(JSON.parse(sim.join('')).trace.requests).toBe(out.join('').split('\n').length - 2);
    for (const [args, message] of [
      [['--rate', 'fast', '--span', '1h'], '--rate "fast" is not a positive rate'],
      [
        ['--rate', '1', '--span', '1h', '--pattern', 'wave'],
        '--pattern "wave" is not one of poisson, diurnal, bursty, spike',
      ],
      [['--rate', '1'], 'generate needs --span'],
      [
        ['--rate', '1', '--span', '1h', '--pattern', 'diurnal', '--amplitude', '2'],
        '--amplitude "2" is not a number from 0',
      ],
      [
        ['--rate', '1', '--span', '1h', '--pattern', 'spike', '--spike-at', '2h'],
        '--spike-at "2h" is not inside the span',
      ],
      [
        ['--rate', '1', '--span', '1h', '--peak-hour', '9'],
        '--peak-hour applies to --pattern diurnal, not poisson',
      ],
    ] as const) {
      err.length = 0;
      out.length = 0;
      expect(await runCli(['node', 'faasim', 'generate', ...args], io)).toBe(2);
      expect(err.join('')).toContain(message);
      expect(out.join('')).toBe('');
    }
  });

  test('rates with units', () => {
    expect(parseRatePerS('120/min')).toBe(2);
    expect(parseRatePerS('7200/h')).toBe(2);
    expect(parseRatePerS('2.5/s')).toBe(2.5);
    expect(parseRatePerS('3/day')).toBeUndefined();
    expect(() => generateOptionsOf({ rate: '0', span: '1h' })).toThrow(InputError);
  });
});
