/**
 * `faasim inspect TRACE`: what a trace holds before anything is simulated, from one streaming pass
 * through the same reader `simulate` uses (src/traces/read.ts). See stats.ts for what is exact and
 * what is bounded.
 */
import { rowCounter, type ProgressCallback } from '../util/progress.js';
import { loadTrace } from '../traces/load.js';
import { readTrace, type AnyTraceOptions } from '../traces/read.js';
import { cachedRows } from '../traces/cache/index.js';
import { isoOf } from '../traces/timestamp.js';
import type { TraceInfo } from '../traces/trace.js';
import { EXACT_LIMIT, PERCENTILE_RELATIVE_ERROR, TraceStats, type FunctionStats } from './stats.js';

export const INSPECT_SCHEMA = 'faasim.inspect/v1';
/** functions the table lists by default */
export const DEFAULT_TOP = 20;

/**
 * The rule that names an arrival pattern from the coefficient of variation (CV) of the gaps between
 * consecutive requests: a Poisson process has CV 1; a periodic one 0.
 */
export const PATTERN_RULE = {
  minGaps: 30,
  regularBelow: 0.75,
  burstyAbove: 1.25,
  text: 'CV of the gaps between consecutive requests: below 0.75 regular, 0.75 to 1.25 Poisson-like, above 1.25 bursty (needs at least 30 gaps)',
} as const;

export type ArrivalVerdict = 'regular' | 'Poisson-like' | 'bursty' | 'too few requests to tell';

export interface InspectOptions {
  /** functions listed in the table, the most requested first (default 20) */
  top?: number;
  /** load and sort the trace in memory (as simulate --sort) instead of refusing an unsorted one */
  sort?: boolean;
  /** told the rows read */
  onProgress?: ProgressCallback;
}

export interface FunctionRow {
  name: string;
  requests: number;
  share: number;
  durationP50Ms: number | null;
  durationP99Ms: number | null;
  memoryP50Mb: number | null;
  memoryMaxMb: number | null;
  coldStarts: number;
}

export interface InspectReport {
  schema: typeof INSPECT_SCHEMA;
  file: string;
  layout: string;
  rows: number;
  skippedRows: number;
  skipReasons: string[];
  asyncRequests: number;
  functions: number;
  span: {
    ms: number;
    source: 'first-to-last request' | 'whole minutes counted';
    firstIso: string | null;
    lastIso: string | null;
  };
  rate: {
    meanPerS: number;
    peakPerS: number;
    peakSecondAt: string;
    peakPerMin: number;
    peakMinuteAt: string;
    buckets: string;
  };
  hourly: { firstHourAt: string; counts: number[] };
  /** requests per minute, for traces within a day (null beyond) */
  perMinute: { firstMinuteAt: string; counts: number[] } | null;
  interArrival: {
    gaps: number;
    meanMs: number | null;
    p50Ms: number | null;
    p90Ms: number | null;
    p99Ms: number | null;
    maxMs: number | null;
    cv: number | null;
    verdict: ArrivalVerdict;
    rule: string;
    note: string | null;
  };
  functionTable: { top: FunctionRow[]; others: { functions: number; requests: number; share: number } };
  coldStarts: {
    observed: number;
    rate: number;
    initP50Ms: number | null;
    initP90Ms: number | null;
    initP99Ms: number | null;
    initMaxMs: number | null;
  } | null;
  columns: { duration: boolean; init: boolean; memory: boolean };
  accuracy: { exact: boolean; exactUpTo: number; relativeError: number; text: string };
}

/** Reads `file` once and describes it. */
export async function inspectTrace(
  file: string,
  read: AnyTraceOptions = {},
  opts: InspectOptions = {},
): Promise<InspectReport> {
  const stats = new TraceStats();
  let info: TraceInfo;
  if (opts.sort) {
    const trace = await loadTrace(file, { ...read, sort: true }, opts.onProgress);
    stats.add(trace.data, trace.info);
    info = trace.info;
  } else {
    const rows = rowCounter(file, opts.onProgress, undefined, opts.onProgress && cachedRows(file, read));
    info = await readTrace(
      file,
      read,
      (chunk, i) => {
        stats.add(chunk, i);
        rows.add(chunk.count);
      },
      'auto',
    );
    rows.finish();
  }
  return inspectReport(stats, info, opts);
}

function verdictOf(cv: number, gaps: number): ArrivalVerdict {
  if (gaps < PATTERN_RULE.minGaps || !Number.isFinite(cv)) return 'too few requests to tell';
  if (cv < PATTERN_RULE.regularBelow) return 'regular';
  if (cv > PATTERN_RULE.burstyAbove) return 'bursty';
  return 'Poisson-like';
}

const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function inspectReport(stats: TraceStats, info: TraceInfo, opts: InspectOptions = {}): InspectReport {
  const epoch = Number.isFinite(info.originEpochMs);
  const spanMs = info.coveredMs ?? info.lastMs - info.firstMs;
  const at = (bucket: number, sizeMs: number): string =>
    epoch ? isoOf(bucket * sizeMs) : `+${(bucket * sizeMs) / 1000} s`;
  const [g50, g90, g99] = stats.gaps.quantiles([0.5, 0.9, 0.99]) as [number, number, number];
  const cv = stats.gapCv;
  const top = Math.max(0, opts.top ?? DEFAULT_TOP);
  const order = stats.fns
    .map((_, i) => i)
    .sort(
      (a, b) => (stats.fns[b] as FunctionStats).requests - (stats.fns[a] as FunctionStats).requests || a - b,
    );
  const rows: FunctionRow[] = order
    .slice(0, top)
    .map((i) => functionRow(info.functionNames[i] as string, stats.fns[i] as FunctionStats, stats.rows));
  const rest = order.slice(top);
  const restRequests = rest.reduce((a, i) => a + (stats.fns[i] as FunctionStats).requests, 0);
  const [i50, i90, i99] = stats.init.quantiles([0.5, 0.9, 0.99]) as [number, number, number];
  const counted = info.countLayout !== undefined;
  return {
    schema: INSPECT_SCHEMA,
    file: info.file,
    layout: layoutOf(info),
    rows: stats.rows,
    skippedRows: info.skippedRows,
    skipReasons: info.skipReasons,
    asyncRequests: stats.asyncRows,
    functions: info.functionNames.length,
    span: {
      ms: spanMs,
      source: counted ? 'whole minutes counted' : 'first-to-last request',
      firstIso: epoch ? isoOf(info.originEpochMs + info.firstMs) : null,
      lastIso: epoch ? isoOf(info.originEpochMs + (counted ? info.firstMs + spanMs : info.lastMs)) : null,
    },
    rate: {
      meanPerS: spanMs > 0 ? stats.rows / (spanMs / 1000) : NaN,
      peakPerS: stats.peakPerSecond,
      peakSecondAt: at(stats.peakSecond, 1000),
      peakPerMin: stats.peakPerMinute,
      peakMinuteAt: at(stats.peakMinute, 60_000),
      buckets: epoch
        ? 'UTC clock seconds, minutes and hours'
        : "seconds, minutes and hours from the trace's time 0 (its first timestamp)",
    },
    hourly: { firstHourAt: at(stats.firstHour, 3_600_000), counts: stats.hourly },
    perMinute:
      stats.minutely === null
        ? null
        : { firstMinuteAt: at(stats.firstMinute, 60_000), counts: stats.minutely },
    interArrival: {
      gaps: stats.gapCount,
      meanMs: orNull(stats.gapMeanMs),
      p50Ms: orNull(g50),
      p90Ms: orNull(g90),
      p99Ms: orNull(g99),
      maxMs: orNull(stats.gaps.max()),
      cv: orNull(cv),
      verdict: verdictOf(cv, stats.gapCount),
      rule: PATTERN_RULE.text,
      note: counted
        ? 'counts per minute: the gaps are those of the uniform spread within each minute (seeded), not observed ones'
        : null,
    },
    functionTable: {
      top: rows,
      others: {
        functions: rest.length,
        requests: restRequests,
        share: stats.rows > 0 ? restRequests / stats.rows : 0,
      },
    },
    coldStarts:
      info.columns.init_ms === null
        ? null
        : {
            observed: stats.cold,
            rate: stats.rows > 0 ? stats.cold / stats.rows : NaN,
            initP50Ms: orNull(i50),
            initP90Ms: orNull(i90),
            initP99Ms: orNull(i99),
            initMaxMs: orNull(stats.init.max()),
          },
    columns: {
      duration: info.columns.duration_ms !== null,
      init: info.columns.init_ms !== null,
      memory: info.columns.memory_used_mb !== null,
    },
    accuracy: {
      exact: stats.exact,
      exactUpTo: EXACT_LIMIT,
      relativeError: PERCENTILE_RELATIVE_ERROR,
      text: `counts, rates, means and CV exact; percentiles exact up to ${EXACT_LIMIT.toLocaleString('en-US')} values per figure, beyond that within ${(PERCENTILE_RELATIVE_ERROR * 100).toFixed(2)}% (log histogram)`,
    },
  };
}

function functionRow(name: string, f: FunctionStats, total: number): FunctionRow {
  const [d50, d99] = f.duration ? (f.duration.quantiles([0.5, 0.99]) as [number, number]) : [NaN, NaN];
  return {
    name,
    requests: f.requests,
    share: total > 0 ? f.requests / total : 0,
    durationP50Ms: orNull(d50),
    durationP99Ms: orNull(d99),
    memoryP50Mb: f.memory ? orNull(f.memory.quantile(0.5)) : null,
    memoryMaxMb: f.memory ? orNull(f.memory.max()) : null,
    coldStarts: f.cold,
  };
}

function layoutOf(info: TraceInfo): string {
  if (info.countLayout)
    return `counts per minute (${info.countLayout === 'wide' ? 'Azure Functions trace layout' : 'timestamp,count'}), each minute's requests spread uniformly within it (seeded)`;
  if (info.timeFormat === 'iso') return 'one row per request, ISO 8601 times';
  return `one row per request, ${Number.isFinite(info.originEpochMs) ? 'epoch' : 'relative'} times in ${info.timeUnit} (${info.timeUnitSource === 'flag' ? '--time-unit' : 'inferred'})`;
}
