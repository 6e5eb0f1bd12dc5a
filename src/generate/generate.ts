/**
 * `faasim generate`: a synthetic per-request trace (timestamp,function,duration_ms) written as CSV
 * in large blocks to a sink that may ask the writer to wait (backpressure), so the row count is
 * bounded by disk, not memory. Seeded: the same options give the same bytes.
 *
 * Functions are named fn-1..fn-N (zero-padded) and each request's function is drawn with Zipf
 * weights 1/i (function i gets a share (1/i) / H_N of the traffic, H_N = 1 + 1/2 + … + 1/N), as real
 * accounts are dominated by a few functions; every function follows the same pattern in time.
 * Timestamps are ISO 8601 UTC with microseconds; run times are drawn from `duration`.
 */
import type { DistributionSpec } from '../model/distribution.js';
import { makeSampler } from '../model/distribution.js';
import { Rng } from '../util/rng.js';
import { arrivalProcess, type PatternSpec } from './patterns.js';

export interface GenerateOptions {
  pattern: PatternSpec;
  ratePerS: number;
  spanMs: number;
  functions: number;
  duration: DistributionSpec;
  /** epoch ms of the trace's start (whole ms) */
  startEpochMs: number;
  seed: number | string;
  /** bytes per block handed to the sink (default 1 MiB) */
  blockChars?: number;
}

/** Receives CSV bytes (ASCII); a returned promise makes the writer wait (e.g. for a stream's 'drain'). */
export type Sink = (block: Buffer) => void | Promise<void>;

export const GENERATED_HEADER = 'timestamp,function,duration_ms\n';

/** longest row: 27-character time, a comma, a name, a comma, a run time, a newline */
const ROW_MAX_BYTES = 27 + 1 + 24 + 1 + 24 + 1;

/**
 * Writes the trace to `sink`; resolves to the number of rows written. Rows are written as bytes into
 * a fresh buffer per block (a sink may hold on to what it is given), without a string per row: at
 * millions of rows strings and their garbage are most of the cost.
 */
export async function generateTrace(o: GenerateOptions, sink: Sink): Promise<number> {
  const rng = new Rng(o.seed);
  const arrivals = arrivalProcess(o.pattern, o.ratePerS, o.spanMs, o.startEpochMs, rng.fork('arrivals'));
  const fnRng = rng.fork('functions');
  const durRng = rng.fork('durations');
  const sampler = makeSampler(o.duration);
  const names = functionNames(o.functions).map((n) => Buffer.from(`${n},`, 'latin1'));
  const cumulative = zipfCumulative(o.functions);
  const blockBytes = Math.max(ROW_MAX_BYTES * 2, o.blockChars ?? 1 << 20);
  const startUs = Math.round(o.startEpochMs) * 1000;

  let buf = Buffer.allocUnsafe(blockBytes);
  let at = buf.write(GENERATED_HEADER, 0, 'latin1');
  let rows = 0;
  let second = NaN;
  const prefix = Buffer.alloc(20);
  for (;;) {
    const t = arrivals.next();
    if (t === Infinity) break;
    // whole microseconds: rounding down keeps the order and keeps every time inside the span
    const us = startUs + Math.floor(t * 1000);
    const s = Math.floor(us / 1e6);
    if (s !== second) {
      second = s;
      prefix.write(new Date(s * 1000).toISOString().slice(0, 19) + '.', 0, 'latin1');
    }
    at += prefix.copy(buf, at);
    at = digits(buf, at, us - s * 1e6, 6);
    buf[at++] = 90; // Z
    buf[at++] = 44; // ,
    const fn = names.length === 1 ? (names[0] as Buffer) : (names[pick(cumulative, fnRng.next())] as Buffer);
    at += fn.copy(buf, at);
    at = decimal3(buf, at, Math.round(sampler.sample(durRng) * 1000));
    buf[at++] = 10; // \n
    rows++;
    if (at > blockBytes - ROW_MAX_BYTES) {
      const wait = sink(buf.subarray(0, at));
      if (wait) await wait;
      buf = Buffer.allocUnsafe(blockBytes);
      at = 0;
    }
  }
  if (at > 0) {
    const wait = sink(buf.subarray(0, at));
    if (wait) await wait;
  }
  return rows;
}

/** Writes `v` (0 ≤ v < 10^width) as exactly `width` digits. */
function digits(buf: Buffer, at: number, v: number, width: number): number {
  for (let i = width - 1; i >= 0; i--) {
    buf[at + i] = 48 + (v % 10);
    v = Math.floor(v / 10);
  }
  return at + width;
}

/** Writes thousandths `m` (a whole number ≥ 0) as a decimal: 12345 → "12.345", 12300 → "12.3", 12000 → "12". */
function decimal3(buf: Buffer, at: number, m: number): number {
  const whole = Math.floor(m / 1000);
  let frac = m - whole * 1000;
  const text = String(whole);
  at += buf.write(text, at, 'latin1');
  if (frac === 0) return at;
  buf[at++] = 46; // .
  let width = 3;
  while (frac % 10 === 0) {
    frac /= 10;
    width--;
  }
  return digits(buf, at, frac, width);
}

function functionNames(n: number): string[] {
  const width = String(n).length;
  return Array.from({ length: n }, (_, i) => `fn-${String(i + 1).padStart(width, '0')}`);
}

/** Cumulative Zipf shares (1/i normalised), the last exactly 1. */
function zipfCumulative(n: number): Float64Array {
  const c = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += 1 / (i + 1);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += 1 / (i + 1) / sum;
    c[i] = acc;
  }
  c[n - 1] = 1;
  return c;
}

/** The first index whose cumulative share exceeds u (binary search). */
function pick(cumulative: Float64Array, u: number): number {
  let lo = 0,
    hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] as number) > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
