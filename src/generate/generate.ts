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
  /** characters per block handed to the sink (default 1 MiB) */
  blockChars?: number;
}

/** Receives CSV text; a returned promise makes the writer wait (e.g. for a stream's 'drain'). */
export type Sink = (block: string) => void | Promise<void>;

export const GENERATED_HEADER = 'timestamp,function,duration_ms\n';

/** Writes the trace to `sink`; resolves to the number of rows written. */
export async function generateTrace(o: GenerateOptions, sink: Sink): Promise<number> {
  const rng = new Rng(o.seed);
  const arrivals = arrivalProcess(o.pattern, o.ratePerS, o.spanMs, o.startEpochMs, rng.fork('arrivals'));
  const fnRng = rng.fork('functions');
  const durRng = rng.fork('durations');
  const sampler = makeSampler(o.duration);
  const names = functionNames(o.functions);
  const cumulative = zipfCumulative(o.functions);
  const blockChars = o.blockChars ?? 1 << 20;
  const startUs = Math.round(o.startEpochMs) * 1000;

  let block = GENERATED_HEADER;
  let rows = 0;
  let second = NaN;
  let prefix = '';
  for (;;) {
    const t = arrivals.next();
    if (t === Infinity) break;
    // whole microseconds: rounding down keeps the order and keeps every time inside the span
    const us = startUs + Math.floor(t * 1000);
    const s = Math.floor(us / 1e6);
    if (s !== second) {
      second = s;
      prefix = new Date(s * 1000).toISOString().slice(0, 19) + '.';
    }
    const frac = String(us - s * 1e6).padStart(6, '0');
    const fn = names.length === 1 ? (names[0] as string) : (names[pick(cumulative, fnRng.next())] as string);
    const run = Math.round(sampler.sample(durRng) * 1000) / 1000;
    block += `${prefix}${frac}Z,${fn},${run}\n`;
    rows++;
    if (block.length >= blockChars) {
      const wait = sink(block);
      if (wait) await wait;
      block = '';
    }
  }
  if (block.length > 0) {
    const wait = sink(block);
    if (wait) await wait;
  }
  return rows;
}

export function functionNames(n: number): string[] {
  const width = String(n).length;
  return Array.from({ length: n }, (_, i) => `fn-${String(i + 1).padStart(width, '0')}`);
}

/** Cumulative Zipf shares (1/i normalised), the last exactly 1. */
export function zipfCumulative(n: number): Float64Array {
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
  let lo = 0, hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] as number) > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
