/**
 * A decoded trace: requests as columns of typed arrays, times in ms relative to the trace's origin
 * (its earliest timestamp), so that float64 keeps sub-microsecond precision whatever the epoch.
 */
import type { TimeUnit } from './timestamp.js';

export interface TraceChunk {
  /** rows in use; the arrays may be longer */
  count: number;
  timeMs: Float64Array;
  /** index into TraceInfo.functionNames */
  fn: Uint32Array;
  /** observed run time, NaN when the trace has none */
  durationMs: Float64Array;
  /** observed INIT, NaN when none */
  initMs: Float64Array;
  /** 1 = async (event) invocation */
  isAsync: Uint8Array;
  /** observed memory of the request's process (Azure Consumption bills it), NaN when none */
  memoryUsedMb: Float64Array;
  /** CPU time the request used (Cloudflare Workers bills it), NaN when none */
  cpuMs: Float64Array;
}

export const LOGICAL_COLUMNS = ['timestamp', 'function', 'duration_ms', 'init_ms', 'type', 'memory_used_mb', 'cpu_ms'] as const;
export type LogicalColumn = (typeof LOGICAL_COLUMNS)[number];

export interface TraceInfo {
  file: string;
  /** rows read into the trace */
  rows: number;
  skippedRows: number;
  /** the first few reasons rows were skipped (--skip-bad-rows) */
  skipReasons: string[];
  /** header name each logical column was read from, or null if absent */
  columns: Record<LogicalColumn, string | null>;
  timeFormat: 'iso' | 'numeric';
  /** unit of numeric timestamps (null for ISO) */
  timeUnit: TimeUnit | null;
  /** how the unit was decided */
  timeUnitSource: 'flag' | 'inferred' | null;
  /** the epoch ms of relative time 0, NaN when numeric times are not epoch times */
  originEpochMs: number;
  functionNames: string[];
  /** 'sorted-in-memory' when --sort reordered the rows */
  order: 'as-given' | 'sorted-in-memory';
  /** relative times of the first and last request */
  firstMs: number;
  lastMs: number;
  asyncRows: number;
  /** the period a count trace covers (whole minutes); absent for per-request traces */
  coveredMs?: number;
  /** set when the trace gave counts per minute rather than one row per request */
  countLayout?: 'long' | 'wide';
  /** relative time of the file's own time 0 (numeric timestamps: the value 0); absent when not known */
  zeroMs?: number;
  /** for times not on the clock: the epoch ms cron schedules read at relative time 0 (default 0) */
  clockZeroMs?: number;
  /** where the simulated window opens when not at firstMs (--start; src/traces/traffic.ts) */
  windowStartMs?: number;
  /** what --traffic-scale, --time-shift and --start did, one line each */
  traffic?: string[];
}

/** A whole trace in memory. */
export interface Trace {
  info: TraceInfo;
  data: TraceChunk;
}

export function emptyChunk(capacity: number): TraceChunk {
  return {
    count: 0,
    timeMs: new Float64Array(capacity),
    fn: new Uint32Array(capacity),
    durationMs: new Float64Array(capacity),
    initMs: new Float64Array(capacity),
    isAsync: new Uint8Array(capacity),
    memoryUsedMb: new Float64Array(capacity),
    cpuMs: new Float64Array(capacity),
  };
}

/** Appends rows to a growable chunk, doubling its arrays as needed. */
export function appendChunk(into: TraceChunk, from: TraceChunk): TraceChunk {
  let out = into;
  const need = into.count + from.count;
  if (need > into.timeMs.length) {
    let cap = Math.max(1024, into.timeMs.length);
    while (cap < need) cap *= 2;
    out = emptyChunk(cap);
    copyRows(into, 0, out, 0, into.count);
    out.count = into.count;
  }
  copyRows(from, 0, out, out.count, from.count);
  out.count = need;
  return out;
}

function copyRows(src: TraceChunk, from: number, dst: TraceChunk, at: number, n: number): void {
  dst.timeMs.set(src.timeMs.subarray(from, from + n), at);
  dst.fn.set(src.fn.subarray(from, from + n), at);
  dst.durationMs.set(src.durationMs.subarray(from, from + n), at);
  dst.initMs.set(src.initMs.subarray(from, from + n), at);
  dst.isAsync.set(src.isAsync.subarray(from, from + n), at);
  dst.memoryUsedMb.set(src.memoryUsedMb.subarray(from, from + n), at);
  dst.cpuMs.set(src.cpuMs.subarray(from, from + n), at);
}

/** A trimmed copy with exactly `count` rows. */
export function compactChunk(c: TraceChunk): TraceChunk {
  const out = emptyChunk(c.count);
  copyRows(c, 0, out, 0, c.count);
  out.count = c.count;
  return out;
}

/** Stable sort by time (rows with equal times keep their file order). */
export function sortChunkByTime(c: TraceChunk): TraceChunk {
  const idx = new Uint32Array(c.count);
  for (let i = 0; i < c.count; i++) idx[i] = i;
  const t = c.timeMs;
  idx.sort((a, b) => (t[a] as number) - (t[b] as number) || a - b);
  const out = emptyChunk(c.count);
  for (let i = 0; i < c.count; i++) {
    const j = idx[i] as number;
    out.timeMs[i] = t[j] as number;
    out.fn[i] = c.fn[j] as number;
    out.durationMs[i] = c.durationMs[j] as number;
    out.initMs[i] = c.initMs[j] as number;
    out.isAsync[i] = c.isAsync[j] as number;
    out.memoryUsedMb[i] = c.memoryUsedMb[j] as number;
    out.cpuMs[i] = c.cpuMs[j] as number;
  }
  out.count = c.count;
  return out;
}
