/**
 * Traffic what-ifs applied to a trace as it streams, before the engine sees it:
 *
 * - scale X (--traffic-scale): each request becomes ⌊X⌋ copies, plus one more kept with probability
 *   X − ⌊X⌋. Copy 0 is the request itself; every further copy is delayed by a uniform draw in
 *   [0, jitter) (default 1 s), so copies of one request do not arrive at the same instant but each
 *   function's pattern over seconds and longer is kept. X < 1 keeps each request with probability X
 *   (no copies, no delay). The copies are merged in time order (a heap of the pending copies, at most
 *   those due within `jitter` of the current row), never appended. Function, run time, INIT,
 *   type, memory and CPU of a copy are those of its request. Draws are seeded (the run's seed) and
 *   made in row order, so the result does not depend on how the trace was cut into chunks.
 * - shift (--time-shift): added to every arrival (and so to the window), moving the traffic against
 *   the clock that cron pings and provisioned schedules read.
 * - start (--start): where the simulated window opens, instead of at the first request: an ISO time
 *   (traces on the clock), or 0, the trace's own time 0 (relative numeric times), so pings and
 *   provisioned instances start before the first request. It must not be after the first request.
 *
 * The window keeps the trace's own extent (shifted): its start is the first request's time even when
 * thinning dropped it; its end is the last request's, or the last copy's when a delay carries a copy
 * past it (a count trace's covered minutes are extended the same way).
 */
import { inputError } from '../errors.js';
import { Rng } from '../util/rng.js';
import { formatDurationMs, parseDurationMs } from '../util/units.js';
import { isoOf, parseIsoTimestamp, type SplitTime } from './timestamp.js';
import type { ReadMode } from './read-pipelined.js';
import { readTrace, type AnyTraceOptions } from './read.js';
import { cachedRows } from './cache/index.js';
import {
  appendChunk,
  compactChunk,
  copyRowFields,
  emptyChunk,
  type Trace,
  type TraceChunk,
  type TraceInfo,
} from './trace.js';

export const DEFAULT_JITTER_MS = 1000;

export type WindowStart = { kind: 'epoch'; epochMs: number; text: string } | { kind: 'zero' };

export interface TrafficOptions {
  /** X ≥ 0: copies per request (fractional part: one more copy with that probability); below 1, the share kept */
  scale: number;
  /** extra copies are delayed by a uniform draw in [0, jitterMs) */
  jitterMs: number;
  /** added to every arrival, in ms (may be negative) */
  shiftMs: number;
  /** where the window opens; null = at the first request */
  start: WindowStart | null;
}

export const NO_TRAFFIC_CHANGE: TrafficOptions = {
  scale: 1,
  jitterMs: DEFAULT_JITTER_MS,
  shiftMs: 0,
  start: null,
};

export function isIdentity(o: TrafficOptions | undefined): boolean {
  return o === undefined || (o.scale === 1 && o.shiftMs === 0 && o.start === null);
}

/** One line for the report. */
function describeTraffic(o: TrafficOptions): string[] {
  const out: string[] = [];
  if (o.scale !== 1) {
    const whole = Math.floor(o.scale);
    const frac = o.scale - whole;
    if (o.scale < 1)
      out.push(`--traffic-scale ${o.scale}: each request kept with probability ${o.scale} (seeded)`);
    else {
      const extra = frac > 0 ? ` plus one more kept with probability ${round(frac)}` : '';
      const copies =
        o.jitterMs > 0
          ? `extra copies delayed uniformly by 0..${formatDurationMs(o.jitterMs)} (seeded), merged in time order`
          : 'copies at the same instant';
      out.push(`--traffic-scale ${o.scale}: each request ${whole} times${extra}; ${copies}`);
    }
  }
  if (o.shiftMs !== 0) out.push(`--time-shift ${formatDurationMs(o.shiftMs)}: every arrival moved by it`);
  if (o.start !== null)
    out.push(
      `--start ${o.start.kind === 'zero' ? "0: the window opens at the trace's time 0" : `${o.start.text}: the window opens then`}`,
    );
  return out;
}

function round(x: number): number {
  return Number(x.toPrecision(6));
}

/**
 * Applies TrafficOptions to chunks as they arrive (`push`), handing transformed chunks of up to
 * `chunkRows` rows to `onChunk` (reused after it returns, as the readers' chunks are), and returns the
 * transformed TraceInfo at the end.
 */
export class TrafficTransform {
  readonly #o: TrafficOptions;
  readonly #whole: number;
  readonly #frac: number;
  readonly #copies: number;
  readonly #thin: Rng;
  readonly #jitter: Rng;
  readonly #onChunk: (chunk: TraceChunk, info: TraceInfo) => void;
  readonly #out: TraceChunk;
  // pending copies: a binary heap of slots ordered by (time, seq); slot columns grow as needed
  #heap = new Int32Array(64);
  #size = 0;
  #free: number[] = [];
  #slots = 0;
  #time = new Float64Array(64);
  #seq = new Float64Array(64);
  #rows = emptyChunk(64);
  #nextSeq = 0;
  #emitted = 0;
  #emittedAsync = 0;
  #lastMs = -Infinity;
  #info: TraceInfo | null = null;
  #windowStartMs: number | undefined;
  #base = 0;
  #shift = 0;

  constructor(
    o: TrafficOptions,
    seed: number | string,
    onChunk: (chunk: TraceChunk, info: TraceInfo) => void,
    chunkRows = 65_536,
  ) {
    this.#o = o;
    this.#whole = Math.floor(o.scale);
    this.#frac = o.scale - this.#whole;
    this.#copies = this.#whole + (this.#frac > 0 ? 1 : 0);
    const rng = new Rng(seed).fork('traffic');
    this.#thin = rng.fork('thin');
    this.#jitter = rng.fork('jitter');
    this.#onChunk = onChunk;
    this.#out = emptyChunk(chunkRows);
  }

  /**
   * Fixes the window and the time axis at the first chunk. The engine's clock starts at 0, so when the
   * shift or --start would put the window before the trace's time 0, the axis is moved by `base` (< 0)
   * and the clock it stands for with it (originEpochMs, or clockZeroMs for relative times), so that
   * every time is ≥ 0 and wall-clock times (cron) are unchanged.
   */
  #begin(info: TraceInfo): void {
    const start = windowStartOf(this.#o, info);
    this.#base = Math.min(0, info.firstMs + this.#o.shiftMs, start ?? Infinity);
    this.#shift = this.#o.shiftMs - this.#base;
    if (start !== undefined) this.#windowStartMs = start - this.#base;
  }

  push(c: TraceChunk, info: TraceInfo): void {
    if (this.#info === null) this.#begin(info);
    this.#info = info;
    const shift = this.#shift;
    for (let i = 0; i < c.count; i++) {
      const t = (c.timeMs[i] as number) + shift;
      for (let k = 0; k < this.#copies; k++) {
        if (k >= this.#whole && !(this.#thin.next() < this.#frac)) continue;
        this.#insert(k === 0 ? t : t + this.#jitter.next() * this.#o.jitterMs, c, i);
      }
      // every later row and its copies come at or after t
      while (this.#size > 0 && (this.#time[this.#heap[0] as number] as number) <= t) this.#emit(this.#pop());
    }
  }

  end(info: TraceInfo): TraceInfo {
    if (this.#info === null) this.#begin(info);
    this.#info = info;
    while (this.#size > 0) this.#emit(this.#pop());
    if (this.#emitted === 0) {
      throw inputError(
        'TRAFFIC_EMPTY',
        `--traffic-scale ${this.#o.scale} kept none of the trace's ${info.rows} requests; give a larger scale`,
        { file: info.file },
      );
    }
    this.#flush();
    return this.#infoNow();
  }

  #infoNow(): TraceInfo {
    const info = this.#info as TraceInfo;
    const shift = this.#shift;
    const base = this.#base;
    const out: TraceInfo = {
      ...info,
      rows: this.#emitted,
      asyncRows: this.#emittedAsync,
      firstMs: info.firstMs + shift,
      lastMs: Math.max(info.lastMs + shift, this.#lastMs),
      traffic: describeTraffic(this.#o),
    };
    if (info.coveredMs !== undefined) out.coveredMs = Math.max(info.coveredMs, this.#lastMs - out.firstMs);
    if (base !== 0) {
      if (Number.isFinite(info.originEpochMs)) out.originEpochMs = info.originEpochMs + base;
      else out.clockZeroMs = (info.clockZeroMs ?? 0) + base;
      if (info.zeroMs !== undefined) out.zeroMs = info.zeroMs - base;
    }
    if (this.#windowStartMs !== undefined) {
      if (this.#windowStartMs > out.firstMs) {
        const when = Number.isFinite(out.originEpochMs)
          ? isoOf(out.originEpochMs + out.firstMs)
          : `${formatDurationMs(out.firstMs - (out.zeroMs ?? 0))} after the trace's time 0`;
        throw inputError(
          'START_AFTER_FIRST',
          `--start is after the first request (${when}); the window must open at or before it`,
          { file: info.file },
        );
      }
      out.windowStartMs = this.#windowStartMs;
    }
    return out;
  }

  #flush(): void {
    if (this.#out.count === 0) return;
    this.#onChunk(this.#out, this.#infoNow());
    this.#out.count = 0;
  }

  #insert(t: number, c: TraceChunk, i: number): void {
    let s = this.#free.pop();
    if (s === undefined) {
      s = this.#slots++;
      if (s === this.#time.length) this.#grow();
    }
    this.#time[s] = t;
    this.#seq[s] = this.#nextSeq++;
    copyRowFields(c, i, this.#rows, s);
    // sift up
    let j = this.#size++;
    if (j === this.#heap.length) {
      const h = new Int32Array(this.#heap.length * 2);
      h.set(this.#heap);
      this.#heap = h;
    }
    const heap = this.#heap;
    while (j > 0) {
      const p = (j - 1) >> 1;
      const ps = heap[p] as number;
      if (!this.#less(s, ps)) break;
      heap[j] = ps;
      j = p;
    }
    heap[j] = s;
  }

  #less(a: number, b: number): boolean {
    const ta = this.#time[a] as number,
      tb = this.#time[b] as number;
    return ta < tb || (ta === tb && (this.#seq[a] as number) < (this.#seq[b] as number));
  }

  #pop(): number {
    const heap = this.#heap;
    const top = heap[0] as number;
    const last = heap[--this.#size] as number;
    const n = this.#size;
    let j = 0;
    for (;;) {
      const l = 2 * j + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && this.#less(heap[r] as number, heap[l] as number) ? r : l;
      if (!this.#less(heap[m] as number, last)) break;
      heap[j] = heap[m] as number;
      j = m;
    }
    if (n > 0) heap[j] = last;
    return top;
  }

  #emit(s: number): void {
    const o = this.#out;
    const k = o.count++;
    const r = this.#rows;
    const t = this.#time[s] as number;
    o.timeMs[k] = t;
    copyRowFields(r, s, o, k);
    this.#emitted++;
    this.#emittedAsync += r.isAsync[s] as number;
    this.#lastMs = t;
    this.#free.push(s);
    if (o.count === o.timeMs.length) this.#flush();
  }

  #grow(): void {
    const cap = this.#time.length * 2;
    const time = new Float64Array(cap);
    time.set(this.#time);
    this.#time = time;
    const seq = new Float64Array(cap);
    seq.set(this.#seq);
    this.#seq = seq;
    const rows = emptyChunk(cap);
    const r = this.#rows;
    rows.fn.set(r.fn);
    rows.durationMs.set(r.durationMs);
    rows.initMs.set(r.initMs);
    rows.isAsync.set(r.isAsync);
    rows.memoryUsedMb.set(r.memoryUsedMb);
    rows.cpuMs.set(r.cpuMs);
    rows.responseBytes.set(r.responseBytes);
    rows.isCold.set(r.isCold);
    this.#rows = rows;
  }
}

/** The window's start on the trace's relative time axis, or undefined for the first request. */
function windowStartOf(o: TrafficOptions, info: TraceInfo): number | undefined {
  if (o.start === null) return undefined;
  const epoch = Number.isFinite(info.originEpochMs);
  if (o.start.kind === 'zero') {
    if (epoch) {
      throw inputError(
        'BAD_START',
        `--start 0 is the trace's own time 0, but this trace's times are on the clock (first request ${isoOf(info.originEpochMs + info.firstMs)}), where 0 is 1970; give --start an ISO time such as ${isoOf(info.originEpochMs + info.firstMs).slice(0, 11)}00:00:00Z`,
        { file: info.file },
      );
    }
    return info.zeroMs ?? 0;
  }
  if (!epoch) {
    throw inputError(
      'BAD_START',
      `--start ${o.start.text} is a time on the clock, but this trace's times are relative (${info.timeUnit ?? 'no unit'}, not epoch times); give --start 0 to open the window at the trace's time 0`,
      { file: info.file },
    );
  }
  return o.start.epochMs - info.originEpochMs;
}

/** A whole trace in memory, transformed (the rows must be in time order). */
export function transformTrace(trace: Trace, o: TrafficOptions, seed: number | string): Trace {
  let all = emptyChunk(1024);
  const t = new TrafficTransform(o, seed, (chunk) => {
    all = appendChunk(all, chunk);
  });
  t.push(trace.data, trace.info);
  const info = t.end(trace.info);
  return { info, data: compactChunk(all) };
}

/**
 * The rows readTraceWithTraffic will pass on, when known before reading: a matching trace cache's
 * count with no traffic what-if (which changes the count); undefined otherwise.
 */
export function rowsKnown(
  file: string,
  opts: AnyTraceOptions & { traffic?: TrafficOptions },
): number | undefined {
  return opts.traffic === undefined || isIdentity(opts.traffic) ? cachedRows(file, opts) : undefined;
}

/** readTrace with the traffic options applied to its chunks on the way (none: readTrace itself). */
export async function readTraceWithTraffic(
  file: string,
  opts: AnyTraceOptions & { traffic?: TrafficOptions },
  onChunk: (chunk: TraceChunk, info: TraceInfo) => void,
  mode: ReadMode = 'in-process',
): Promise<TraceInfo> {
  const o = opts.traffic;
  if (o === undefined || isIdentity(o)) return readTrace(file, opts, onChunk, mode);
  const t = new TrafficTransform(o, opts.spreadSeed ?? 1, onChunk, opts.chunkRows);
  const info = await readTrace(file, opts, (chunk, i) => t.push(chunk, i), mode);
  return t.end(info);
}

/** "10", "0.3", "2.5:500ms" (scale and the extra copies' delay) → scale and jitter; `what` names the setting in errors. */
export function parseTrafficScale(text: string | number, what: string): { scale: number; jitterMs: number } {
  const [x, j, ...rest] = String(text).split(':');
  const scale = x === undefined || x.trim() === '' ? NaN : Number(x);
  if (!(scale > 0) || !Number.isFinite(scale) || rest.length > 0) {
    throw inputError(
      'BAD_TRAFFIC_SCALE',
      `${what} "${text}" is not a positive factor such as 10, 2.5 or 0.3, optionally with the copies' delay as 10:2s`,
    );
  }
  if (j === undefined) return { scale, jitterMs: DEFAULT_JITTER_MS };
  const jitterMs = j.trim() === '0' ? 0 : parseDurationMs(j);
  if (jitterMs === undefined || !(jitterMs >= 0) || !Number.isFinite(jitterMs))
    throw inputError('BAD_TRAFFIC_SCALE', `${what} "${text}": "${j}" is not a delay such as 1s or 200ms`);
  return { scale, jitterMs };
}

/** "2h", "-30m" → ms. */
export function parseTimeShift(text: string, what: string): number {
  const t = text.trim();
  const negative = t.startsWith('-');
  const ms = parseDurationMs(negative || t.startsWith('+') ? t.slice(1) : t);
  if (ms === undefined || !Number.isFinite(ms))
    throw inputError('BAD_TIME_SHIFT', `${what} "${text}" is not a duration such as 2h or -30m`);
  return negative ? -ms : ms;
}

/** "0" or an ISO 8601 time. */
export function parseWindowStart(text: string, what: string): WindowStart {
  const t = text.trim();
  if (t === '0') return { kind: 'zero' };
  const split: SplitTime = { wholeMs: 0, fracMs: 0 };
  if (!parseIsoTimestamp(t, split))
    throw inputError(
      'BAD_START',
      `${what} "${text}" is not 0 (the trace's time 0) or an ISO 8601 time such as 2026-01-05T00:00:00Z`,
    );
  return { kind: 'epoch', epochMs: split.wholeMs + split.fracMs, text: t };
}
