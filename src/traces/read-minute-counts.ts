/**
 * Traces of invocation counts per minute instead of one row per request, in two layouts:
 *
 * - long: a header with `timestamp` (start of the minute), `count`, and optionally `function` and
 *   `type`; one row per function and minute, sorted by time, minutes on a whole-minute grid;
 * - wide: the Azure Functions Trace layout, `HashOwner,HashApp,HashFunction,Trigger,1,2,…,1440`:
 *   one row per function, one column per minute of the day. Functions are named by the first 8
 *   characters of HashFunction; an `http` trigger is sync, others (queue, event, timer…) async.
 *
 * Each minute's requests are spread uniformly at random within the minute (seeded), which is what
 * replayers of these traces do; the report says so. The trace covers whole minutes: its span is from
 * the start of the first minute to the end of the last. Run times come from the configuration
 * (--duration or per-function distributions): count traces carry none.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError, inputError } from '../errors.js';
import { Rng } from '../util/rng.js';
import { inferTimeUnit, parseIsoTimestamp, TIME_UNIT_MS, type SplitTime } from './timestamp.js';
import type { ReadTraceOptions } from './read-csv.js';
import { emptyChunk, type TraceChunk, type TraceInfo } from './trace.js';

const MINUTE_MS = 60_000;

export type CountLayout = 'long' | 'wide';

/** Which count layout a header has, or null if it is a per-request header. */
export function countLayoutOf(header: string[]): CountLayout | null {
  const lower = header.map((h) => h.trim().toLowerCase());
  if (lower.includes('count') && lower.includes('timestamp')) return 'long';
  if (lower.includes('hashfunction') && lower.includes('1') && lower.includes('2')) return 'wide';
  return null;
}

export interface MinuteCountOptions extends ReadTraceOptions {
  /** seed of the spread within each minute */
  spreadSeed?: number | string;
}

/** Reads a count trace and emits its requests in time order, in chunks, like readTraceCsv. */
export function readMinuteCounts(file: string, layout: CountLayout, opts: MinuteCountOptions, onChunk: (chunk: TraceChunk, info: TraceInfo) => void): TraceInfo {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw inputError('FILE_UNREADABLE', `cannot read the trace: ${(e as Error).message}`, { file });
  }
  let rows: string[][];
  /** the file line each row starts on (blank lines are skipped, so rows and lines differ) */
  let lines: number[];
  try {
    const parsed = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
    rows = parsed.map((p) => p.record);
    lines = parsed.map((p) => p.info.lines);
  } catch (e) {
    throw inputError('TRACE_CSV_SYNTAX', `not valid CSV: ${(e as Error).message}`, { file });
  }
  const table = layout === 'wide' ? wideTable(file, rows, lines) : longTable(file, rows, lines, opts);
  const info: TraceInfo = {
    file,
    rows: 0,
    skippedRows: 0,
    skipReasons: [],
    columns: { timestamp: layout === 'long' ? 'timestamp' : null, function: 'function', duration_ms: null, init_ms: null, type: table.hasType ? 'type' : null, memory_used_mb: null, cpu_ms: null, is_cold: null },
    timeFormat: table.originEpochMs !== null ? 'iso' : 'numeric',
    timeUnit: null,
    timeUnitSource: null,
    originEpochMs: table.originEpochMs ?? NaN,
    functionNames: table.functions,
    order: 'as-given',
    // the window starts at the first minute, not at the first drawn request
    firstMs: 0,
    lastMs: 0,
    asyncRows: 0,
    coveredMs: table.minutes * MINUTE_MS,
    countLayout: layout,
  };
  const rng = new Rng(`minute-spread/${opts.spreadSeed ?? 1}`);
  const chunkRows = opts.chunkRows ?? 65_536;
  let chunk = emptyChunk(chunkRows);
  const times: number[] = [];
  const fns: number[] = [];
  for (let m = 0; m < table.minutes; m++) {
    times.length = 0;
    fns.length = 0;
    for (let st = 0; st < table.counts.length; st++) {
      const n = (table.counts[st] as Uint32Array)[m] as number;
      for (let k = 0; k < n; k++) {
        times.push(m * MINUTE_MS + rng.next() * MINUTE_MS);
        fns.push(st);
      }
    }
    if (times.length === 0) continue;
    const order = times.map((_t, i) => i).sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
    for (const i of order) {
      if (chunk.count === chunkRows) {
        onChunk(chunk, info);
        chunk.count = 0;
      }
      const j = chunk.count++;
      const stream = fns[i] as number;
      chunk.timeMs[j] = times[i] as number;
      chunk.fn[j] = table.streamFn[stream] as number;
      chunk.durationMs[j] = NaN;
      chunk.initMs[j] = NaN;
      chunk.memoryUsedMb[j] = NaN;
      chunk.cpuMs[j] = NaN;
      chunk.isCold[j] = 0;
      const isAsync = table.streamAsync[stream] ? 1 : 0;
      chunk.isAsync[j] = isAsync;
      info.asyncRows += isAsync;
      info.lastMs = times[i] as number;
      info.rows++;
    }
  }
  if (info.rows === 0) throw inputError('TRACE_NO_ROWS', 'the trace counts no requests', { file });
  if (chunk.count > 0) onChunk(chunk, info);
  chunk = emptyChunk(0);
  return info;
}

interface CountTable {
  functions: string[];
  hasType: boolean;
  /** counts[stream][minute]; a stream is one function's sync or async requests */
  counts: Uint32Array[];
  streamFn: number[];
  streamAsync: boolean[];
  minutes: number;
  originEpochMs: number | null;
}

function count(text: string, file: string, line: number, column: string): number {
  const v = Number(text.trim() === '' ? NaN : text);
  if (!Number.isInteger(v) || v < 0) {
    throw new InputError({ code: 'TRACE_BAD_COUNT', message: `${column} "${text}" is not a whole number of requests`, where: { file, line, column } });
  }
  return v;
}

function wideTable(file: string, rows: string[][], lines: number[]): CountTable {
  const header = (rows[0] ?? []).map((h) => h.trim());
  const lower = header.map((h) => h.toLowerCase());
  const fnCol = lower.indexOf('hashfunction');
  const trigCol = lower.indexOf('trigger');
  const minuteCols: number[] = [];
  header.forEach((h, i) => {
    if (/^\d+$/.test(h)) minuteCols[Number(h) - 1] = i;
  });
  const minutes = minuteCols.length;
  for (let m = 0; m < minutes; m++) {
    if (minuteCols[m] === undefined) throw inputError('TRACE_MISSING_COLUMN', `minute column "${m + 1}" is missing from the header (columns 1..${minutes} expected)`, { file, line: 1 });
  }
  const functions: string[] = [];
  const async: boolean[] = [];
  const counts: Uint32Array[] = [];
  const seen = new Map<string, number>();
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] as string[];
    const line = lines[r] as number;
    if (row.length < header.length) throw new InputError({ code: 'TRACE_SHORT_ROW', message: `row has ${row.length} fields, the header ${header.length}`, where: { file, line } });
    const hash = (row[fnCol] as string).trim();
    let name = hash.slice(0, 8);
    for (let len = 12; seen.has(name) && len <= hash.length; len += 4) name = hash.slice(0, len);
    if (seen.has(name)) throw new InputError({ code: 'TRACE_DUPLICATE_FUNCTION', message: `HashFunction ${hash} appears twice`, where: { file, line } });
    seen.set(name, functions.length);
    functions.push(name);
    async.push(trigCol >= 0 && (row[trigCol] as string).trim().toLowerCase() !== 'http');
    const c = new Uint32Array(minutes);
    for (let m = 0; m < minutes; m++) c[m] = count(row[minuteCols[m] as number] as string, file, line, String(m + 1));
    counts.push(c);
  }
  return { functions, hasType: trigCol >= 0, counts, streamFn: functions.map((_f, i) => i), streamAsync: async, minutes, originEpochMs: null };
}

function longTable(file: string, rows: string[][], lines: number[], opts: ReadTraceOptions): CountTable {
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const col = (name: string): number => header.indexOf((opts.columns as Record<string, string> | undefined)?.[name]?.toLowerCase() ?? name);
  const tsCol = col('timestamp');
  const countCol = header.indexOf('count');
  const fnCol = col('function');
  const typeCol = col('type');
  const split: SplitTime = { wholeMs: 0, fracMs: 0 };
  let originWhole = NaN;
  let unitMs = NaN;
  let originNumeric = NaN;
  let epoch: number | null = null;
  const minuteOf: number[] = [];
  const streamOf: number[] = [];
  const nOf: number[] = [];
  const functions: string[] = [];
  const index = new Map<string, number>();
  const streamFn: number[] = [];
  const streamAsync: boolean[] = [];
  const streams = new Map<string, number>();
  let lastMinute = -1;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] as string[];
    const line = lines[r] as number;
    const where = (column: string) => ({ file, line, column });
    const ts = (row[tsCol] ?? '').trim();
    let t: number;
    if (Number.isFinite(Number(ts)) && ts !== '') {
      const v = Number(ts);
      if (Number.isNaN(unitMs)) {
        const unit = opts.timeUnit ?? inferTimeUnit(v);
        if (!unit) throw new InputError({ code: 'TRACE_AMBIGUOUS_TIME_UNIT', message: `cannot tell the unit of numeric timestamps from "${ts}"; pass --time-unit s|ms|us`, where: where('timestamp') });
        unitMs = TIME_UNIT_MS[unit];
        originNumeric = v;
        if (inferTimeUnit(v) === unit) epoch = v * unitMs;
      }
      t = (v - originNumeric) * unitMs;
    } else if (parseIsoTimestamp(ts, split)) {
      if (Number.isNaN(originWhole)) {
        originWhole = split.wholeMs;
        epoch = split.wholeMs + split.fracMs;
      }
      t = split.wholeMs - originWhole;
    } else {
      throw new InputError({ code: 'TRACE_BAD_TIMESTAMP', message: `timestamp "${ts}" is not an ISO 8601 time or a number`, where: where('timestamp') });
    }
    const minute = t / MINUTE_MS;
    if (!Number.isInteger(minute)) throw new InputError({ code: 'TRACE_OFF_GRID', message: `timestamp "${ts}" is not a whole number of minutes after the first row's`, where: where('timestamp') });
    if (minute < lastMinute) throw new InputError({ code: 'TRACE_UNSORTED', message: `timestamp "${ts}" is earlier than the row before; count traces must be sorted by time`, where: where('timestamp') });
    lastMinute = minute;
    const name = fnCol >= 0 ? (row[fnCol] ?? '').trim() : 'function';
    if (name === '') throw new InputError({ code: 'TRACE_EMPTY_FUNCTION', message: 'function is empty', where: where('function') });
    let fn = index.get(name);
    if (fn === undefined) {
      fn = functions.length;
      index.set(name, fn);
      functions.push(name);
    }
    let isAsync = false;
    if (typeCol >= 0) {
      const type = (row[typeCol] ?? '').trim().toLowerCase();
      if (type === 'async' || type === 'event') isAsync = true;
      else if (type !== 'sync' && type !== '' && type !== 'requestresponse') throw new InputError({ code: 'TRACE_BAD_TYPE', message: `type "${type}" is not sync or async`, where: where('type') });
    }
    const key = `${fn}/${isAsync}`;
    let stream = streams.get(key);
    if (stream === undefined) {
      stream = streamFn.length;
      streams.set(key, stream);
      streamFn.push(fn);
      streamAsync.push(isAsync);
    }
    minuteOf.push(minute);
    streamOf.push(stream);
    nOf.push(count(row[countCol] ?? '', file, line, 'count'));
  }
  if (minuteOf.length === 0) throw inputError('TRACE_NO_ROWS', 'the trace has a header but no rows', { file });
  const minutes = lastMinute + 1;
  const counts = streamFn.map(() => new Uint32Array(minutes));
  for (let i = 0; i < minuteOf.length; i++) {
    const c = counts[streamOf[i] as number] as Uint32Array;
    c[minuteOf[i] as number] = (c[minuteOf[i] as number] as number) + (nOf[i] as number);
  }
  return { functions, hasType: typeCol >= 0, counts, streamFn, streamAsync, minutes, originEpochMs: epoch };
}
