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
import { parse } from 'csv-parse';
import { InputError, inputError, type Location } from '../errors.js';
import { Rng } from '../util/rng.js';
import { parseDecimal } from './decimal.js';
import {
  inferTimeUnit,
  parseIsoTimestamp,
  TIME_UNIT_MS,
  timeUnitOnIso,
  type SplitTime,
} from './timestamp.js';
import type { ReadTraceOptions } from './read-csv.js';
import { lineTooLong, MAX_LINE_BYTES, type TraceSource } from './source.js';
import { emptyChunk, type TraceChunk, type TraceInfo } from './trace.js';
import { MEMORY_IS_PROCESS_NEEDS } from './csv/header.js';

const MINUTE_MS = 60_000;

/**
 * The most requests one minute may count, all functions together. A minute's requests are drawn
 * and sorted in memory (about 30 bytes each); 10^9 in one minute would need 30 GB. Checked as
 * rows are read, so an absurd count is refused before anything is drawn, and no count can wrap.
 */
const MAX_REQUESTS_PER_MINUTE = 10_000_000;
/** The most counted requests a trace held whole in memory may have (--sort, compare, sweep): about 45 bytes each. */
export const MAX_COUNTED_IN_MEMORY = 30_000_000;

export type CountLayout = 'long' | 'wide';

const AZURE_KEYS = ['hashowner', 'hashapp', 'hashfunction', 'trigger'];
const AZURE_LAYOUT =
  'the Azure Functions 2019 invocation-count layout: HashOwner,HashApp,HashFunction,Trigger, then one column per minute of the day named by its number (1..1440, or a run of them such as 481..960)';

/** Which count layout a header has, or null if it is a per-request header. */
export function countLayoutOf(header: string[]): CountLayout | null {
  const lower = header.map((h) => h.trim().toLowerCase());
  if (lower.includes('count') && lower.includes('timestamp')) return 'long';
  // the Azure layout by its shape: the hash/trigger columns, or HashFunction and minute columns
  if (AZURE_KEYS.every((k) => lower.includes(k))) return 'wide';
  if (lower.includes('hashfunction') && lower.some((h) => /^\d+$/.test(h))) return 'wide';
  return null;
}

export interface MinuteCountOptions extends ReadTraceOptions {
  /** seed of the spread within each minute */
  spreadSeed?: number | string;
  /** refuse more counted requests than this (set by loadTrace, which holds them all) */
  maxRequests?: number;
}

/** Reads a count trace and emits its requests in time order, in chunks, like readTraceCsv. */
export async function readMinuteCounts(
  source: TraceSource,
  layout: CountLayout,
  opts: MinuteCountOptions,
  onChunk: (chunk: TraceChunk, info: TraceInfo) => void,
): Promise<TraceInfo> {
  const file = source.file;
  if (opts.memoryIs === 'process')
    throw inputError(
      'TRACE_MISSING_COLUMN',
      `${MEMORY_IS_PROCESS_NEEDS}; a trace of counts per minute has none`,
      { file },
    );
  const builder = layout === 'wide' ? new WideTable(file) : new LongTable(file, opts);
  await forEachRecord(source, (rec, line) => builder.add(rec, line));
  const table = builder.finish();
  let total = 0;
  let busiest = 0;
  for (let m = 0; m < table.minutes; m++) {
    const n = table.perMinute[m] as number;
    total += n;
    if (n > busiest) busiest = n;
  }
  if (total === 0) throw inputError('TRACE_NO_ROWS', 'the trace counts no requests', { file });
  if (opts.maxRequests !== undefined && total > opts.maxRequests) {
    throw inputError(
      'TRACE_COUNT_LIMIT',
      `the trace counts ${total.toLocaleString('en-US')} requests, more than the ${opts.maxRequests.toLocaleString('en-US')} that can be held in memory (--sort holds the whole trace, as does a piped trace run on several providers); without --sort it is streamed`,
      { file },
    );
  }
  const firstMs = table.firstMinute * MINUTE_MS;
  const info: TraceInfo = {
    file,
    rows: 0,
    skippedRows: 0,
    skipReasons: [],
    columns: {
      timestamp: layout === 'long' ? 'timestamp' : null,
      function: 'function',
      duration_ms: null,
      init_ms: null,
      type: table.hasType ? 'type' : null,
      memory_used_mb: null,
      cpu_ms: null,
      response_bytes: null,
      is_cold: null,
    },
    timeFormat: table.originEpochMs !== null ? 'iso' : 'numeric',
    timeUnit: null,
    timeUnitSource: null,
    originEpochMs: table.originEpochMs ?? NaN,
    functionNames: table.functions,
    ...(table.apps ? { functionApps: table.apps } : {}),
    ...(table.triggers ? { functionTriggers: table.triggers } : {}),
    order: 'as-given',
    // the window starts at the first minute, not at the first drawn request
    firstMs,
    lastMs: firstMs,
    asyncRows: 0,
    coveredMs: table.minutes * MINUTE_MS,
    countLayout: layout,
    ...(table.durationColumn !== undefined ? { countDurationColumn: table.durationColumn } : {}),
  };
  const rng = new Rng(`minute-spread/${opts.spreadSeed ?? 1}`);
  const chunkRows = opts.chunkRows ?? 65_536;
  let chunk = emptyChunk(chunkRows);
  const times = new Float64Array(busiest);
  const streamOf = new Uint32Array(busiest);
  const order = new Uint32Array(busiest);
  for (let m = 0; m < table.minutes; m++) {
    const n = table.perMinute[m] as number;
    if (n === 0) continue;
    const startMs = (table.firstMinute + m) * MINUTE_MS;
    let k = 0;
    for (let st = 0; st < table.counts.length; st++) {
      const c = (table.counts[st] as Uint32Array)[m] as number;
      for (let j = 0; j < c; j++) {
        times[k] = startMs + rng.next() * MINUTE_MS;
        streamOf[k] = st;
        order[k] = k;
        k++;
      }
    }
    const sorted = order.subarray(0, n).sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
    for (let r = 0; r < n; r++) {
      const i = sorted[r] as number;
      if (chunk.count === chunkRows) {
        onChunk(chunk, info);
        chunk.count = 0;
      }
      const j = chunk.count++;
      const stream = streamOf[i] as number;
      chunk.timeMs[j] = times[i] as number;
      chunk.fn[j] = table.streamFn[stream] as number;
      chunk.durationMs[j] = NaN;
      chunk.initMs[j] = NaN;
      chunk.memoryUsedMb[j] = NaN;
      chunk.cpuMs[j] = NaN;
      chunk.responseBytes[j] = NaN;
      chunk.isCold[j] = 0;
      const isAsync = table.streamAsync[stream] ? 1 : 0;
      chunk.isAsync[j] = isAsync;
      info.asyncRows += isAsync;
      info.lastMs = times[i] as number;
      info.rows++;
    }
  }
  if (chunk.count > 0) onChunk(chunk, info);
  chunk = emptyChunk(0);
  return info;
}

/**
 * Streams the records of `source` with the line each starts on, blank lines skipped. '\r\n', '\n'
 * and '\r' all end a line; a record may not pass MAX_LINE_BYTES.
 */
function forEachRecord(source: TraceSource, onRecord: (rec: string[], line: number) => void): Promise<void> {
  const file = source.file;
  return new Promise<void>((resolve, reject) => {
    const input = source.stream();
    const parser = parse({
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
      info: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      max_record_size: MAX_LINE_BYTES,
    });
    let lastLine = 0;
    let failed = false;
    const stop = (e: unknown): void => {
      if (failed) return;
      failed = true;
      input.destroy();
      parser.destroy();
      reject(e);
    };
    parser.on('data', (p: { record: string[]; info: { lines: number } }) => {
      if (failed) return;
      // a line of only spaces is a blank line too, as in the per-request reader (csv/cells.ts)
      if (p.record.length === 1 && (p.record[0] as string).trim() === '') return;
      try {
        onRecord(p.record, p.info.lines);
        lastLine = p.info.lines;
      } catch (e) {
        stop(e);
      }
    });
    parser.on('error', (e: Error & { code?: string; lines?: number }) => {
      if (e.code === 'CSV_QUOTE_NOT_CLOSED')
        stop(
          inputError(
            'TRACE_CSV_SYNTAX',
            `not valid CSV: the quoted field opened after line ${lastLine} is never closed`,
            { file, line: lastLine + 1 },
          ),
        );
      else if (e.code === 'CSV_MAX_RECORD_SIZE') stop(lineTooLong(file, lastLine + 1));
      else
        stop(
          inputError('TRACE_CSV_SYNTAX', `not valid CSV: ${e.message}`, {
            file,
            ...(e.lines !== undefined ? { line: e.lines } : {}),
          }),
        );
    });
    parser.on('end', () => {
      if (!failed) resolve();
    });
    input.on('error', (e: Error) =>
      stop(
        e instanceof InputError
          ? e
          : inputError('FILE_UNREADABLE', `cannot read the trace: ${e.message}`, { file }),
      ),
    );
    input.pipe(parser);
  });
}

interface CountTable {
  functions: string[];
  /** the HashApp of each function, where the layout has one */
  apps?: string[];
  /** the Trigger of each function (of its first row), where the layout has one */
  triggers?: string[];
  hasType: boolean;
  /** the header's run-time column (duration_ms, duration or a --columns name), which is not read */
  durationColumn?: string;
  /** counts[stream][minute]; a stream is one function's sync or async requests */
  counts: Uint32Array[];
  streamFn: number[];
  streamAsync: boolean[];
  /** requests counted in each minute, all streams */
  perMinute: Float64Array;
  minutes: number;
  /** the first minute's number: 0 from midnight, or from the first row's minute */
  firstMinute: number;
  originEpochMs: number | null;
}

/** A count cell: a whole, non-negative decimal number (no hex, no fraction). */
function count(text: string, where: Location): number {
  const t = text.trim();
  const v = parseDecimal(t);
  if (!Number.isSafeInteger(v) || v < 0) {
    throw new InputError({
      code: 'TRACE_BAD_COUNT',
      message: `"${text}" is not a whole number of requests`,
      where,
    });
  }
  return v;
}

function tooMany(where: Location, minuteLabel: string, total: number): InputError {
  return new InputError({
    code: 'TRACE_COUNT_LIMIT',
    message: `${minuteLabel} counts ${total.toLocaleString('en-US')} requests, more than ${MAX_REQUESTS_PER_MINUTE.toLocaleString('en-US')} requests a minute, the most faasim simulates (each minute's requests are drawn in memory)`,
    where,
  });
}

/** A cell's place: the line, the field's 1-based number and its header name. */
function cellAt(file: string, line: number, header: string[], col: number): Location {
  return { file, line, column: header[col] ?? '', columnNumber: col + 1 };
}

/** Adds `n` to a stream's minute, refusing a minute whose total passes the limit. */
function addCount(c: Uint32Array, perMinute: Float64Array, m: number, n: number, at: () => Error): void {
  const total = (perMinute[m] as number) + n;
  if (total > MAX_REQUESTS_PER_MINUTE) throw at();
  perMinute[m] = total;
  c[m] = (c[m] as number) + n;
}

class WideTable {
  #file: string;
  #header: string[] = [];
  #fnCol = -1;
  #trigCol = -1;
  #appCol = -1;
  #apps: string[] = [];
  #triggers: string[] = [];
  /** file column of each minute, in minute order */
  #minuteCols: number[] = [];
  #firstMinute = 0;
  #functions: string[] = [];
  /** function index by full HashFunction */
  #byHash = new Map<string, number>();
  #names = new Set<string>();
  /** line of each HashFunction+trigger already read */
  #seenRow = new Map<string, number>();
  #streams = new Map<string, number>();
  #counts: Uint32Array[] = [];
  #streamFn: number[] = [];
  #streamAsync: boolean[] = [];
  #perMinute = new Float64Array(0);

  constructor(file: string) {
    this.#file = file;
  }

  add(rec: string[], line: number): void {
    if (this.#header.length === 0) this.#readHeader(rec, line);
    else this.#row(rec, line);
  }

  #readHeader(rec: string[], line: number): void {
    const file = this.#file;
    const header = rec.map((h) => h.trim());
    this.#header = header;
    const lower = header.map((h) => h.toLowerCase());
    this.#fnCol = lower.indexOf('hashfunction');
    this.#trigCol = lower.indexOf('trigger');
    this.#appCol = lower.indexOf('hashapp');
    const byMinute = new Map<number, number>();
    header.forEach((h, i) => {
      if (!/^\d+$/.test(h)) return;
      const minute = Number(h);
      if (minute < 1)
        throw inputError(
          'TRACE_BAD_MINUTE_COLUMN',
          `minute column "${h}": in ${AZURE_LAYOUT}, minutes are numbered from 1 (minute 1 starts at 00:00)`,
          cellAt(file, line, header, i),
        );
      if (byMinute.has(minute))
        throw inputError(
          'TRACE_DUPLICATE_COLUMN',
          `minute ${minute} appears twice in the header ("${header[byMinute.get(minute) as number]}" in column ${(byMinute.get(minute) as number) + 1} and "${h}")`,
          cellAt(file, line, header, i),
        );
      byMinute.set(minute, i);
    });
    if (byMinute.size === 0)
      throw inputError('TRACE_LAYOUT', `expected ${AZURE_LAYOUT}; the header has no minute columns`, {
        file,
        line,
      });
    const numbers = [...byMinute.keys()].sort((a, b) => a - b);
    const first = numbers[0] as number;
    const last = numbers[numbers.length - 1] as number;
    for (let m = first; m <= last; m++) {
      const col = byMinute.get(m);
      if (col === undefined)
        throw inputError(
          'TRACE_MISSING_COLUMN',
          `minute column "${m}" is missing from the header (the minute columns run from ${first} to ${last} and must not skip one)`,
          { file, line, column: String(m) },
        );
      this.#minuteCols.push(col);
    }
    // minute k covers [k-1, k) minutes after midnight: the time of day is kept
    this.#firstMinute = first - 1;
    this.#perMinute = new Float64Array(this.#minuteCols.length);
  }

  #row(row: string[], line: number): void {
    const file = this.#file;
    const width = this.#header.length;
    if (row.length < width)
      throw new InputError({
        code: 'TRACE_SHORT_ROW',
        message: `row has ${row.length} fields, the header ${width}`,
        where: { file, line },
      });
    if (row.length > width)
      throw new InputError({
        code: 'TRACE_LONG_ROW',
        message: `row has ${row.length} fields, the header has ${width}`,
        where: { file, line },
      });
    const hash = (row[this.#fnCol] as string).trim();
    if (hash === '')
      throw new InputError({
        code: 'TRACE_EMPTY_FUNCTION',
        message: 'no function hash',
        where: cellAt(file, line, this.#header, this.#fnCol),
      });
    const trigger = this.#trigCol >= 0 ? (row[this.#trigCol] as string).trim().toLowerCase() : '';
    const rowKey = `${hash}\u0000${trigger}`;
    const earlier = this.#seenRow.get(rowKey);
    if (earlier !== undefined) {
      throw new InputError({
        code: 'TRACE_DUPLICATE_FUNCTION',
        message: `${hash}${trigger ? ` with trigger ${trigger}` : ''} appears twice (line ${earlier} and here)`,
        where: cellAt(file, line, this.#header, this.#fnCol),
      });
    }
    this.#seenRow.set(rowKey, line);
    // the same function under another trigger is one function with another stream of requests
    let fn = this.#byHash.get(hash);
    if (fn === undefined) {
      let name = hash.slice(0, 8);
      for (let len = 12; this.#names.has(name) && len <= hash.length; len += 4) name = hash.slice(0, len);
      if (this.#names.has(name)) name = hash;
      fn = this.#functions.length;
      this.#byHash.set(hash, fn);
      this.#names.add(name);
      this.#functions.push(name);
      if (this.#appCol >= 0) this.#apps.push((row[this.#appCol] as string).trim());
      if (this.#trigCol >= 0) this.#triggers.push(trigger);
    }
    const isAsync = this.#trigCol >= 0 && trigger !== 'http';
    const key = `${fn}/${isAsync}`;
    let stream = this.#streams.get(key);
    if (stream === undefined) {
      stream = this.#streamFn.length;
      this.#streams.set(key, stream);
      this.#streamFn.push(fn);
      this.#streamAsync.push(isAsync);
      this.#counts.push(new Uint32Array(this.#minuteCols.length));
    }
    const c = this.#counts[stream] as Uint32Array;
    for (let m = 0; m < this.#minuteCols.length; m++) {
      const col = this.#minuteCols[m] as number;
      const n = count(row[col] as string, cellAt(file, line, this.#header, col));
      if (n > 0)
        addCount(c, this.#perMinute, m, n, () =>
          tooMany(
            cellAt(file, line, this.#header, col),
            `minute ${this.#header[col]}`,
            (this.#perMinute[m] as number) + n,
          ),
        );
    }
  }

  finish(): CountTable {
    if (this.#functions.length === 0)
      throw inputError('TRACE_NO_ROWS', 'the trace has a header but no rows', { file: this.#file });
    return {
      functions: this.#functions,
      ...(this.#appCol >= 0 ? { apps: this.#apps } : {}),
      ...(this.#trigCol >= 0 ? { triggers: this.#triggers } : {}),
      hasType: this.#trigCol >= 0,
      counts: this.#counts,
      streamFn: this.#streamFn,
      streamAsync: this.#streamAsync,
      perMinute: this.#perMinute,
      minutes: this.#minuteCols.length,
      firstMinute: this.#firstMinute,
      originEpochMs: null,
    };
  }
}

/** One count per row, each function's rows sorted by minute; held as (minute, stream, count) until the first and last minutes are known. */
class LongTable {
  #file: string;
  #opts: ReadTraceOptions;
  #width = 0;
  /** the header's names, for messages */
  #names: string[] = [];
  #tsCol = -1;
  #countCol = -1;
  #fnCol = -1;
  #typeCol = -1;
  #durationCol = -1;
  #split: SplitTime = { wholeMs: 0, fracMs: 0 };
  #originWhole = NaN;
  #unitMs = NaN;
  #originNumeric = NaN;
  #originMagnitude = 0;
  #epoch: number | null = null;
  #minuteOf: number[] = [];
  #streamOf: number[] = [];
  #nOf: number[] = [];
  #functions: string[] = [];
  #index = new Map<string, number>();
  #streamFn: number[] = [];
  #streamAsync: boolean[] = [];
  #streams = new Map<string, number>();
  /** the earliest and latest minute read, relative to the first row's (a later function's block may start earlier) */
  #firstMinute = Infinity;
  #lastMinute = -Infinity;
  /** by function: the minute of its last row, which its next may not precede */
  #lastMinuteOf: number[] = [];
  /** requests counted in each minute, all functions together (bounded by the minutes, not the rows) */
  #minuteTotals = new Map<number, number>();

  constructor(file: string, opts: ReadTraceOptions) {
    this.#file = file;
    this.#opts = opts;
  }

  add(rec: string[], line: number): void {
    if (this.#width === 0) {
      this.#names = rec.map((h) => h.trim());
      const header = this.#names.map((h) => h.toLowerCase());
      const col = (name: string): number =>
        header.indexOf(
          (this.#opts.columns as Record<string, string> | undefined)?.[name]?.toLowerCase() ?? name,
        );
      this.#width = header.length;
      this.#tsCol = col('timestamp');
      this.#countCol = header.indexOf('count');
      this.#fnCol = col('function');
      this.#typeCol = col('type');
      this.#durationCol = col('duration_ms');
      if (this.#durationCol < 0 && this.#opts.columns?.['duration_ms'] === undefined)
        this.#durationCol = header.indexOf('duration');
      return;
    }
    this.#row(rec, line);
  }

  #row(row: string[], line: number): void {
    const file = this.#file;
    const where = (col: number): Location => cellAt(file, line, this.#names, col);
    if (row.length > this.#width)
      throw new InputError({
        code: 'TRACE_LONG_ROW',
        message: `row has ${row.length} fields, the header has ${this.#width}`,
        where: { file, line },
      });
    const ts = (row[this.#tsCol] ?? '').trim();
    const v = parseDecimal(ts);
    let t: number;
    if (Number.isFinite(v)) {
      if (Number.isNaN(this.#unitMs)) {
        const unit = this.#opts.timeUnit ?? inferTimeUnit(v);
        if (!unit)
          throw new InputError({
            code: 'TRACE_AMBIGUOUS_TIME_UNIT',
            message: `cannot tell the unit of numeric timestamps from "${ts}"; pass --time-unit s|ms|us`,
            where: where(this.#tsCol),
          });
        this.#unitMs = TIME_UNIT_MS[unit];
        this.#originNumeric = v;
        const epochUnit = inferTimeUnit(v);
        this.#originMagnitude = epochUnit !== undefined ? Math.abs(v) : 0;
        if (epochUnit === unit) this.#epoch = v * this.#unitMs;
      } else if (this.#originMagnitude > 0) {
        const a = Math.abs(v);
        if (a >= this.#originMagnitude * 1000 || a * 1000 <= this.#originMagnitude) {
          throw new InputError({
            code: 'TRACE_MIXED_TIME_UNIT',
            message: `"${ts}" is 1000 times or more ${a > this.#originMagnitude ? 'larger' : 'smaller'} than the first row's ${this.#originNumeric}: the file mixes units (s, ms, µs); write every timestamp in one unit`,
            where: where(this.#tsCol),
          });
        }
      }
      t = (v - this.#originNumeric) * this.#unitMs;
    } else if (parseIsoTimestamp(ts, this.#split)) {
      if (Number.isNaN(this.#originWhole)) {
        if (this.#opts.timeUnit !== undefined)
          throw new InputError({
            code: 'UNUSED_TIME_UNIT',
            message: timeUnitOnIso(this.#opts.timeUnit, ts),
            where: where(this.#tsCol),
          });
        this.#originWhole = this.#split.wholeMs;
        this.#epoch = this.#split.wholeMs + this.#split.fracMs;
      }
      t = this.#split.wholeMs - this.#originWhole;
    } else {
      throw new InputError({
        code: 'TRACE_BAD_TIMESTAMP',
        message: `"${ts}" is not an ISO 8601 time or a number`,
        where: where(this.#tsCol),
      });
    }
    const minute = t / MINUTE_MS;
    if (!Number.isInteger(minute))
      throw new InputError({
        code: 'TRACE_OFF_GRID',
        message: `"${ts}" is not a whole number of minutes after the first row's`,
        where: where(this.#tsCol),
      });
    const name = this.#fnCol >= 0 ? (row[this.#fnCol] ?? '').trim() : 'function';
    if (name === '')
      throw new InputError({
        code: 'TRACE_EMPTY_FUNCTION',
        message: 'no function name',
        where: where(this.#fnCol),
      });
    let fn = this.#index.get(name);
    if (fn === undefined) {
      fn = this.#functions.length;
      this.#index.set(name, fn);
      this.#functions.push(name);
      this.#lastMinuteOf.push(-Infinity);
    }
    // each function's rows in time order: sorted by time, or grouped by function (a block per
    // function, as per-function exports come), or any mix; the table is the same
    if (minute < (this.#lastMinuteOf[fn] as number))
      throw new InputError({
        code: 'TRACE_UNSORTED',
        message:
          this.#fnCol >= 0
            ? `"${ts}" is earlier than function ${name}'s row before; count traces must be sorted by time, each function's rows (a file may also list one function's minutes after another's); --sort is for request traces: sort this file by its time column first`
            : `"${ts}" is earlier than the row before; count traces must be sorted by time; --sort is for request traces: sort this file by its time column first`,
        where: where(this.#tsCol),
      });
    this.#lastMinuteOf[fn] = minute;
    if (minute < this.#firstMinute) this.#firstMinute = minute;
    if (minute > this.#lastMinute) this.#lastMinute = minute;
    let isAsync = false;
    if (this.#typeCol >= 0) {
      const type = (row[this.#typeCol] ?? '').trim().toLowerCase();
      if (type === 'async' || type === 'event') isAsync = true;
      else if (type !== 'sync' && type !== '' && type !== 'requestresponse')
        throw new InputError({
          code: 'TRACE_BAD_TYPE',
          message: `"${type}" is not sync or async`,
          where: where(this.#typeCol),
        });
    }
    const key = `${fn}/${isAsync}`;
    let stream = this.#streams.get(key);
    if (stream === undefined) {
      stream = this.#streamFn.length;
      this.#streams.set(key, stream);
      this.#streamFn.push(fn);
      this.#streamAsync.push(isAsync);
    }
    const n = count(row[this.#countCol] ?? '', where(this.#countCol));
    const total = (this.#minuteTotals.get(minute) ?? 0) + n;
    this.#minuteTotals.set(minute, total);
    if (total > MAX_REQUESTS_PER_MINUTE) throw tooMany(where(this.#countCol), `the minute at ${ts}`, total);
    this.#minuteOf.push(minute);
    this.#streamOf.push(stream);
    this.#nOf.push(n);
  }

  finish(): CountTable {
    const file = this.#file;
    if (this.#minuteOf.length === 0)
      throw inputError('TRACE_NO_ROWS', 'the trace has a header but no rows', { file });
    const first = this.#firstMinute;
    const minutes = this.#lastMinute - first + 1;
    const perMinute = new Float64Array(minutes);
    const counts = this.#streamFn.map(() => new Uint32Array(minutes));
    for (let i = 0; i < this.#minuteOf.length; i++) {
      const m = (this.#minuteOf[i] as number) - first;
      addCount(
        counts[this.#streamOf[i] as number] as Uint32Array,
        perMinute,
        m,
        this.#nOf[i] as number,
        () => new Error('unreachable: minute totals were checked row by row'),
      );
    }
    return {
      functions: this.#functions,
      hasType: this.#typeCol >= 0,
      ...(this.#durationCol >= 0 ? { durationColumn: this.#names[this.#durationCol] as string } : {}),
      counts,
      streamFn: this.#streamFn,
      streamAsync: this.#streamAsync,
      perMinute,
      minutes,
      firstMinute: 0,
      // the trace opens at its earliest minute, which may be a later block's
      originEpochMs: this.#epoch === null ? null : this.#epoch + first * MINUTE_MS,
    };
  }
}
