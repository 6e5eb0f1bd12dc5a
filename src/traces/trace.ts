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
  /** observed memory of the request, or of its whole process (TraceInfo.memoryIs), NaN when none */
  memoryUsedMb: Float64Array;
  /** CPU time the request used (Cloudflare Workers bills it), NaN when none */
  cpuMs: Float64Array;
  /** bytes of the response (Lambda bills streamed bytes), NaN when none */
  responseBytes: Float64Array;
  /** 1 = the trace says the request was cold (an is_cold column, or else a non-empty init_ms) */
  isCold: Uint8Array;
}

export const LOGICAL_COLUMNS = [
  'timestamp',
  'function',
  'duration_ms',
  'init_ms',
  'type',
  'memory_used_mb',
  'cpu_ms',
  'response_bytes',
  'is_cold',
] as const;
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
  /**
   * The app of each function, by functionNames index, when the trace names apps (a CSV `app` or
   * `HashApp` column, the Azure 2021 trace's app): what Azure scales and bills. Absent: no app column.
   */
  functionApps?: string[];
  /**
   * The trigger of each function, by functionNames index, when the trace names them (a CSV `trigger`
   * column, the Azure 2019 trace's Trigger; '' where a row left it empty): Azure Flex Consumption
   * scales an app's HTTP, Blob and Durable functions by group. Absent: no trigger column.
   */
  functionTriggers?: string[];
  /**
   * What memory_used_mb measures: 'request', each request's own memory (a Lambda REPORT line's Max
   * Memory Used), so concurrent requests on an instance add theirs up; 'process', the memory of the
   * whole process serving it (the Azure 2019 trace's per-app committed memory), so they do not.
   * Absent: 'request'.
   */
  memoryIs?: 'request' | 'process';
  /** 'sorted-in-memory' when --sort reordered the rows; importers (src/traces/formats/) always sort */
  order: 'as-given' | 'sorted-in-memory' | 'sorted-by-importer';
  /** relative times of the first and last request */
  firstMs: number;
  lastMs: number;
  asyncRows: number;
  /** the period a count trace covers (whole minutes); absent for per-request traces */
  coveredMs?: number;
  /** set when --timestamp-is end made arrival = end − duration − init_ms */
  timestampIs?: 'end';
  /** set when --duration-unit gave the duration column's unit */
  durationUnit?: TimeUnit;
  /** set when the trace gave counts per minute rather than one row per request */
  countLayout?: 'long' | 'wide';
  /** a count trace's run-time column as its header names it, which is not read (set only when there is one) */
  countDurationColumn?: string;
  /** set by the importers in src/traces/formats/: the format read (see --input-format) */
  format?: string;
  /** what the importer derived and how, one sentence each (arrival from end time, INIT from the log, …) */
  derived?: string[];
  /** lines read that are not records of the format (START/END lines, app logs, other record types) */
  ignoredLines?: number;
  /**
   * set by the log importers: the configured memory sizes the log gives (REPORT Memory Size,
   * memorySizeMB) and on how many lines each, the most frequent first; empty when none was read
   */
  memorySizes?: { mb: number; lines: number }[];
  /**
   * what the importer found worth saying that is not an error (a partial or cut-off query result,
   * more pages not read, Billed Duration that does not match Duration): the report's notes
   */
  notes?: string[];
  /** sorted runs the importer spilled to a temp folder (absent when the sort fitted in memory) */
  runsSpilled?: number;
  /** relative time of the file's own time 0 (numeric timestamps: the value 0); absent when not known */
  zeroMs?: number;
  /** for times not on the clock: the epoch ms cron schedules read at relative time 0 (default 0) */
  clockZeroMs?: number;
  /** where the simulated window opens when not at firstMs (--start; src/traces/traffic.ts) */
  windowStartMs?: number;
  /** what --traffic-scale, --time-shift and --start did, one line each */
  traffic?: string[];
  /** with --cache: whether the trace was read from its cache, written to it, or not cached and why */
  cache?: string;
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
    responseBytes: new Float64Array(capacity),
    isCold: new Uint8Array(capacity),
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
  dst.responseBytes.set(src.responseBytes.subarray(from, from + n), at);
  dst.isCold.set(src.isCold.subarray(from, from + n), at);
}

/**
 * Row `from` of `src` into row `at` of `dst`, every column but the time: the one place that lists
 * them for single-row copies, so a column added to TraceChunk cannot be left behind.
 */
export function copyRowFields(src: TraceChunk, from: number, dst: TraceChunk, at: number): void {
  dst.fn[at] = src.fn[from] as number;
  dst.durationMs[at] = src.durationMs[from] as number;
  dst.initMs[at] = src.initMs[from] as number;
  dst.isAsync[at] = src.isAsync[from] as number;
  dst.memoryUsedMb[at] = src.memoryUsedMb[from] as number;
  dst.cpuMs[at] = src.cpuMs[from] as number;
  dst.responseBytes[at] = src.responseBytes[from] as number;
  dst.isCold[at] = src.isCold[from] as number;
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
    copyRowFields(c, j, out, i);
  }
  out.count = c.count;
  return out;
}
