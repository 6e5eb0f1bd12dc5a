/**
 * Reads a CSV request trace in one streaming pass (csv-parse, or for plain input the splitter in
 * plain-csv.ts that yields the same records faster), decoding rows into fixed-size
 * chunks of typed arrays that are handed to `onChunk` and then reused, so memory does not grow with
 * the number of rows. Every problem names the file, the line and the column.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parse, type Parser } from 'csv-parse';
import { inputError, InputError, type Issue } from '../errors.js';
import { parseDecimal } from './decimal.js';
import { isPlainChunk, PlainCsvSplitter } from './plain-csv.js';
import { lineTooLong, MAX_LINE_BYTES } from './source.js';
import { inferTimeUnit, parseIsoTimestamp, TIME_UNIT_MS, type SplitTime, type TimeUnit } from './timestamp.js';
import { emptyChunk, LOGICAL_COLUMNS, type LogicalColumn, type TraceChunk, type TraceInfo } from './trace.js';

export interface ReadTraceOptions {
  /** header names for logical columns, e.g. { timestamp: 'ts', duration_ms: 'took' } */
  columns?: Partial<Record<LogicalColumn, string>>;
  /** unit of numeric timestamps; inferred from their magnitude when absent */
  timeUnit?: TimeUnit;
  /** unit of the duration column (default ms); without it, durations that look like seconds are refused */
  durationUnit?: TimeUnit;
  /** what the timestamp marks: the request's start (default) or its end (arrival = end − duration) */
  timestampIs?: 'start' | 'end';
  /** accept rows out of time order (the caller sorts them) */
  allowUnsorted?: boolean;
  /** skip malformed rows instead of failing, and report them */
  skipBadRows?: boolean;
  /** rows per chunk handed to onChunk */
  chunkRows?: number;
  /**
   * 'auto' (default): plain input is split natively and csv-parse reads from the first '"' or '\r';
   * 'csv-parse': csv-parse reads everything (tests compare the two).
   */
  parser?: 'auto' | 'csv-parse';
  /** bytes per read from the file (tests use small reads to cut records across chunks) */
  readBytes?: number;
}

/** Aliases accepted for --columns keys, mapped to logical columns. */
const KEY_ALIASES: Record<string, LogicalColumn> = {
  timestamp: 'timestamp',
  time: 'timestamp',
  function: 'function',
  fn: 'function',
  duration: 'duration_ms',
  duration_ms: 'duration_ms',
  init: 'init_ms',
  init_ms: 'init_ms',
  type: 'type',
  memory: 'memory_used_mb',
  memory_used_mb: 'memory_used_mb',
  cpu: 'cpu_ms',
  cpu_ms: 'cpu_ms',
  cold: 'is_cold',
  is_cold: 'is_cold',
};

/** The logical column a --columns name stands for; own keys only, so `constructor` is no column. */
function logicalOf(name: string): LogicalColumn | undefined {
  const k = name.trim().toLowerCase();
  return Object.hasOwn(KEY_ALIASES, k) ? KEY_ALIASES[k] : undefined;
}

/** Parses `timestamp=ts,duration=took` into a column map; errors name the bad part. */
export function parseColumnMap(text: string): Partial<Record<LogicalColumn, string>> {
  const entries: [string, string][] = [];
  for (const part of text.split(',')) {
    const [k, v, ...rest] = part.split('=');
    if (logicalOf(k ?? '') === undefined || v === undefined || v.trim() === '' || rest.length > 0) {
      throw inputError('BAD_COLUMN_MAP', `--columns "${part}" is not NAME=HEADER with NAME one of ${Object.keys(KEY_ALIASES).join(', ')}`);
    }
    entries.push([k as string, v]);
  }
  return columnMapOf(entries, '--columns');
}

/**
 * A column map from NAME → HEADER pairs (the scenario's `columns` object): header names are kept
 * whole (commas and = included), every name must be a column, and no column may be mapped twice.
 */
export function columnMapOf(entries: Iterable<[string, string]>, what: string): Partial<Record<LogicalColumn, string>> {
  const out: Partial<Record<LogicalColumn, string>> = {};
  for (const [k, v] of entries) {
    const key = logicalOf(k);
    if (key === undefined) throw inputError('BAD_COLUMN_MAP', `${what}: "${k}" is not one of ${Object.keys(KEY_ALIASES).join(', ')}`);
    if (v.trim() === '') throw inputError('BAD_COLUMN_MAP', `${what}: the header name for ${key} is empty`);
    const before = out[key];
    if (before !== undefined) throw inputError('BAD_COLUMN_MAP', `${what} maps ${key} twice ("${before}" and "${v.trim()}")`);
    out[key] = v.trim();
  }
  return out;
}

const MAX_REASONS = 5;

/** A header's names for a message: the first few, not a wide header's thousands. */
function listOf(names: string[]): string {
  const shown = names.slice(0, 8).join(', ');
  return names.length > 8 ? `${shown} and ${names.length - 8} more` : shown;
}
/** rows whose durations are looked at to tell seconds from milliseconds */
const DURATION_SAMPLE = 100;

/**
 * s.trim(), without the call when s neither starts nor ends with a control character, a space or a
 * non-ASCII character: every character trim() removes is one of those. Most cells need no trimming.
 */
function trimmed(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(n - 1);
  return a > 32 && a < 127 && b > 32 && b < 127 ? s : s.trim();
}

/**
 * Streams `file`; calls `onChunk` with each full chunk and the last partial one. The chunk's arrays
 * are reused after onChunk returns. Resolves to what was learned about the trace.
 */
export function readTraceCsv(file: string, opts: ReadTraceOptions, onChunk: (chunk: TraceChunk, info: TraceInfo) => void, source?: Readable): Promise<TraceInfo> {
  const chunkRows = opts.chunkRows ?? 65_536;
  const chunk = emptyChunk(chunkRows);
  const info: TraceInfo = {
    file,
    rows: 0,
    skippedRows: 0,
    skipReasons: [],
    columns: { timestamp: null, function: null, duration_ms: null, init_ms: null, type: null, memory_used_mb: null, cpu_ms: null, is_cold: null },
    timeFormat: 'iso',
    timeUnit: opts.timeUnit ?? null,
    timeUnitSource: opts.timeUnit ? 'flag' : null,
    originEpochMs: NaN,
    functionNames: [],
    order: 'as-given',
    firstMs: NaN,
    lastMs: NaN,
    asyncRows: 0,
    ...(opts.timestampIs === 'end' ? { timestampIs: 'end' as const } : {}),
    ...(opts.durationUnit ? { durationUnit: opts.durationUnit } : {}),
  };
  const fnIndex = new Map<string, number>();
  let colTs = -1, colFn = -1, colDur = -1, colInit = -1, colType = -1, colMem = -1, colCpu = -1, colCold = -1, width = 0, headerFields = 0;
  let headerDone = false;
  let formatKnown = false;
  let numericTimes = false;
  /** |first timestamp| when it is an epoch time, else 0: rows 1000x off it mix units */
  let originMagnitude = 0;
  /** the first row's duration, with --timestamp-is end: its arrival is time 0 */
  let arrivalShiftMs = NaN;
  let unitMs = NaN;
  let originWhole = NaN, originFrac = 0;
  let originNumeric = NaN;
  let prevMs = -Infinity;
  let prevLine = 0;
  let line = 0;
  const split: SplitTime = { wholeMs: 0, fracMs: 0 };

  const fail = (code: string, message: string, column?: string): never => {
    throw new InputError({ code, message, where: { file, line, ...(column ? { column } : {}) } });
  };

  /** Returns a reason when the row is bad; throws when bad rows are not being skipped. */
  const bad = (code: string, message: string, column: string): void => {
    if (!opts.skipBadRows) fail(code, message, column);
    info.skippedRows++;
    if (info.skipReasons.length < MAX_REASONS) info.skipReasons.push(`line ${line}: ${message}`);
  };

  const header = (rec: string[]): void => {
    const names = rec.map((h) => h.trim().replace(/^\uFEFF/, ''));
    const lower = names.map((h) => h.toLowerCase());
    const seen = new Set<string>();
    for (const h of lower) {
      if (h !== '' && seen.has(h)) fail('TRACE_DUPLICATE_COLUMN', `column "${h}" appears twice in the header`);
      seen.add(h);
    }
    const find = (logical: LogicalColumn): number => {
      const wanted = (opts.columns?.[logical] ?? logical).toLowerCase();
      let i = lower.indexOf(wanted);
      // duration and init are also accepted without the _ms suffix when not renamed
      if (i < 0 && opts.columns?.[logical] === undefined && wanted.endsWith('_ms')) i = lower.indexOf(wanted.slice(0, -3));
      if (i < 0 && opts.columns?.[logical] !== undefined) {
        fail('TRACE_MISSING_COLUMN', `--columns maps ${logical} to "${opts.columns[logical]}", which is not in the header (${listOf(names)})`);
      }
      if (i >= 0) info.columns[logical] = names[i] as string;
      return i;
    };
    colTs = find('timestamp');
    colFn = find('function');
    colDur = find('duration_ms');
    colInit = find('init_ms');
    colType = find('type');
    colMem = find('memory_used_mb');
    colCpu = find('cpu_ms');
    colCold = find('is_cold');
    if (colTs < 0) {
      fail('TRACE_MISSING_COLUMN', `no "timestamp" column in the header (${listOf(names)}); name it timestamp or map it with --columns timestamp=NAME`);
    }
    if (opts.timestampIs === 'end' && colDur < 0) {
      fail('TRACE_MISSING_COLUMN', '--timestamp-is end needs a duration column (arrival = end − duration); the header has none');
    }
    width = Math.max(colTs, colFn, colDur, colInit, colType, colMem, colCpu, colCold) + 1;
    headerFields = rec.length;
    headerDone = true;
  };

  /** NaN for an absent column or empty cell; undefined (row skipped) when not a non-negative number. */
  const optionalNumber = (rec: string[], col: number, logical: LogicalColumn): number | undefined => {
    if (col < 0) return NaN;
    const text = trimmed(rec[col] as string);
    if (text === '') return NaN;
    const v = parseDecimal(text);
    if (v >= 0 && v !== Infinity) return v;
    bad('TRACE_BAD_NUMBER', `${info.columns[logical]} "${text}" is not a non-negative number`, logical);
    return undefined;
  };

  /**
   * Durations in seconds read as milliseconds make every bill about 1000 times too low. When no
   * --duration-unit is given and the first rows' durations are all below 1 with fractions among
   * them (0.35, 0.012…), they are refused: real millisecond run times are rarely all under 1 ms.
   */
  const durationScale = opts.durationUnit ? TIME_UNIT_MS[opts.durationUnit] : 1;
  let sampling = opts.durationUnit === undefined;
  let fractions = 0;
  let firstFractionLine = 0;
  let firstFractionText = '';
  const judgeDurations = (): void => {
    sampling = false;
    if (fractions === 0 || info.columns.duration_ms === null) return;
    throw new InputError({
      code: 'TRACE_DURATION_UNIT',
      message: `${info.columns.duration_ms} "${firstFractionText}": the first ${info.rows} durations are all below 1 with fractions, which looks like seconds; pass --duration-unit s if they are seconds, or --duration-unit ms if they really are milliseconds`,
      where: { file, line: firstFractionLine, column: 'duration_ms' },
    });
  };

  const flush = (): void => {
    if (sampling) judgeDurations();
    if (chunk.count === 0) return;
    onChunk(chunk, info);
    chunk.count = 0;
  };

  const row = (rec: string[]): void => {
    // a blank line carries no request: skipped, whatever the number of columns
    if (rec.length === 1 && rec[0] === '') return;
    if (rec.length < width) {
      bad('TRACE_SHORT_ROW', `row has ${rec.length} field${rec.length === 1 ? '' : 's'}, the header needs at least ${width}`, '');
      return;
    }
    if (rec.length > headerFields) {
      // a stray comma or a shifted row: which field is which can no longer be told
      bad('TRACE_LONG_ROW', `row has ${rec.length} fields, the header has ${headerFields}`, '');
      return;
    }
    const tsText = trimmed(rec[colTs] as string);
    // The first good row fixes the format, the unit and the origin: a bad row skipped before it
    // (--skip-bad-rows) must not, so they are committed only once the whole row is read.
    const numeric = formatKnown ? numericTimes : Number.isFinite(parseDecimal(tsText));
    let t = 0;
    let tsValue = NaN;
    let unit: TimeUnit | undefined;
    if (numeric) {
      tsValue = parseDecimal(tsText);
      if (!Number.isFinite(tsValue)) {
        const kind = info.timeUnit === null ? 'numbers' : `${Number.isFinite(info.originEpochMs) ? 'epoch' : 'relative'} times in ${info.timeUnit}`;
        bad('TRACE_BAD_TIMESTAMP', `timestamp "${tsText}" is not a number, as the first rows' timestamps are (${kind})`, 'timestamp');
        return;
      }
      if (Number.isNaN(unitMs)) {
        unit = opts.timeUnit ?? inferTimeUnit(tsValue);
        if (!unit) {
          fail('TRACE_AMBIGUOUS_TIME_UNIT', `cannot tell the unit of numeric timestamps from "${tsText}" (not an epoch time in s, ms or µs); pass --time-unit s|ms|us`, 'timestamp');
          return;
        }
      } else {
        // epoch times of one unit stay within a factor of 1000 of each other for decades
        if (originMagnitude > 0) {
          const a = Math.abs(tsValue);
          if (a >= originMagnitude * 1000 || a * 1000 <= originMagnitude) {
            const how = info.timeUnitSource === 'flag' ? '--time-unit' : 'inferred from the first row';
            bad('TRACE_MIXED_TIME_UNIT', `timestamp "${tsText}" is 1000 times or more ${a > originMagnitude ? 'larger' : 'smaller'} than the first row's ${originNumeric}, read as epoch ${info.timeUnit} (${how}): the file mixes units (s, ms, µs); write every timestamp in one unit`, 'timestamp');
            return;
          }
        }
        t = (tsValue - originNumeric) * unitMs;
      }
    } else {
      if (!parseIsoTimestamp(tsText, split)) {
        const expected = formatKnown ? 'an ISO 8601 time (YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM])' : 'a number or an ISO 8601 time (YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM])';
        bad('TRACE_BAD_TIMESTAMP', `timestamp "${tsText}" is not ${expected}`, 'timestamp');
        return;
      }
      if (!Number.isNaN(originWhole)) t = split.wholeMs - originWhole + (split.fracMs - originFrac);
    }

    let fn = 0;
    if (colFn >= 0) {
      const name = trimmed(rec[colFn] as string);
      if (name === '') {
        bad('TRACE_EMPTY_FUNCTION', `${info.columns.function} is empty`, 'function');
        return;
      }
      let idx = fnIndex.get(name);
      if (idx === undefined) {
        idx = info.functionNames.length;
        fnIndex.set(name, idx);
        info.functionNames.push(name);
      }
      fn = idx;
    } else if (info.functionNames.length === 0) {
      info.functionNames.push('function');
    }

    let dur = NaN;
    if (colDur >= 0) {
      const text = trimmed(rec[colDur] as string);
      dur = text === '' ? NaN : parseDecimal(text);
      if (!(dur >= 0) || dur === Infinity) {
        bad('TRACE_BAD_DURATION', `${info.columns.duration_ms} "${text}" is not a non-negative number`, 'duration_ms');
        return;
      }
      if (opts.timestampIs === 'end' && Number.isNaN(dur)) {
        bad('TRACE_BAD_DURATION', `${info.columns.duration_ms} is empty, and --timestamp-is end needs it (arrival = end − duration)`, 'duration_ms');
        return;
      }
      if (durationScale !== 1) dur *= durationScale;
      else if (sampling && !Number.isNaN(dur)) {
        if (dur >= 1) sampling = false;
        else if (dur !== Math.floor(dur)) {
          fractions++;
          if (firstFractionLine === 0) {
            firstFractionLine = line;
            firstFractionText = text;
          }
        }
      }
    }
    let init = NaN;
    if (colInit >= 0) {
      const text = trimmed(rec[colInit] as string);
      if (text !== '') {
        init = parseDecimal(text);
        if (!(init >= 0) || init === Infinity) {
          bad('TRACE_BAD_INIT', `${info.columns.init_ms} "${text}" is not a non-negative number (leave it empty when the request was warm)`, 'init_ms');
          return;
        }
      }
    }
    const mem = optionalNumber(rec, colMem, 'memory_used_mb');
    if (mem === undefined) return;
    const cpu = optionalNumber(rec, colCpu, 'cpu_ms');
    if (cpu === undefined) return;
    // is_cold, where given, says which requests were cold; otherwise a non-empty init_ms does
    let isCold = Number.isNaN(init) ? 0 : 1;
    if (colCold >= 0) {
      const text = trimmed(rec[colCold] as string).toLowerCase();
      const stated = text === '1' || text === 'true' ? 1 : text === '0' || text === 'false' ? 0 : -1;
      if (stated < 0) {
        bad('TRACE_BAD_IS_COLD', `${info.columns.is_cold} "${text}" is not 1, 0, true or false`, 'is_cold');
        return;
      }
      if (stated === 0 && isCold === 1) {
        bad('TRACE_BAD_IS_COLD', `${info.columns.is_cold} says warm but ${info.columns.init_ms} gives an INIT of ${init} ms`, 'is_cold');
        return;
      }
      isCold = stated;
    }
    let isAsync = 0;
    if (colType >= 0) {
      const text = (rec[colType] as string).trim().toLowerCase();
      if (text === 'async' || text === 'event') isAsync = 1;
      else if (text !== 'sync' && text !== '' && text !== 'requestresponse') {
        bad('TRACE_BAD_TYPE', `${info.columns.type} "${text}" is not sync or async`, 'type');
        return;
      }
    }

    if (!formatKnown) {
      formatKnown = true;
      numericTimes = numeric;
      info.timeFormat = numeric ? 'numeric' : 'iso';
    }
    if (unit !== undefined) {
      info.timeUnit = unit;
      info.timeUnitSource = opts.timeUnit ? 'flag' : 'inferred';
      unitMs = TIME_UNIT_MS[unit];
      originNumeric = tsValue;
      const epochLike = inferTimeUnit(tsValue);
      originMagnitude = epochLike !== undefined ? Math.abs(tsValue) : 0;
      info.originEpochMs = epochLike === unit ? tsValue * unitMs : NaN;
      info.zeroMs = -tsValue * unitMs;
    } else if (!numeric && Number.isNaN(originWhole)) {
      originWhole = split.wholeMs;
      originFrac = split.fracMs;
      info.originEpochMs = split.wholeMs + split.fracMs;
    }

    if (opts.timestampIs === 'end') {
      // arrival = end − duration; time 0 stays the first request's arrival, so no time is negative
      if (Number.isNaN(arrivalShiftMs)) {
        arrivalShiftMs = dur;
        if (Number.isFinite(info.originEpochMs)) info.originEpochMs -= dur;
        if (info.zeroMs !== undefined) info.zeroMs += dur;
      }
      t -= dur - arrivalShiftMs;
    }
    if (t < prevMs && !opts.allowUnsorted) {
      fail('TRACE_UNSORTED', `timestamp "${tsText}" is earlier than the one on line ${prevLine}; the trace must be sorted by time (pass --sort to sort it in memory)`, 'timestamp');
    }
    prevMs = t;
    prevLine = line;
    const i = chunk.count++;
    chunk.timeMs[i] = t;
    chunk.fn[i] = fn;
    chunk.durationMs[i] = dur;
    chunk.initMs[i] = init;
    chunk.isAsync[i] = isAsync;
    chunk.memoryUsedMb[i] = mem;
    chunk.cpuMs[i] = cpu;
    chunk.isCold[i] = isCold;
    info.asyncRows += isAsync;
    if (info.rows === 0) info.firstMs = t;
    info.lastMs = t;
    info.rows++;
    if (sampling && info.rows === DURATION_SAMPLE) judgeDurations();
    if (chunk.count === chunkRows) flush();
  };

  return new Promise<TraceInfo>((resolve, reject) => {
    const input = source ?? createReadStream(file, { highWaterMark: opts.readBytes ?? 1 << 20 });
    // csv-parse is created when it takes over (see `takeOver`), from the start or mid-file
    let parser: Parser | null = null;
    // lines the splitter read before csv-parse took over: csv-parse counts its lines from 1 there
    let linesBefore = 0;
    let failed = false;
    const stop = (e: unknown): void => {
      if (failed) return;
      failed = true;
      input.destroy();
      parser?.destroy();
      reject(e);
    };
    input.on('error', (e: Error) => stop(e instanceof InputError ? e : inputError('FILE_UNREADABLE', `cannot read the trace: ${e.message}`, { file })));
    // A field can hold a newline only inside quotes, or when records end with \r\n or \r. Until
    // the input has shown a '"' or a '\r', every newline ends a record, and fields need no scan.
    let plainLines = true;
    const onRecord = (rec: string[]): void => {
      if (failed) return;
      // Lines consumed by this record: one, plus any newlines inside quoted fields.
      line++;
      if (!plainLines) {
        for (let i = 0; i < rec.length; i++) {
          const f = rec[i] as string;
          if (f.length > 0 && f.indexOf('\n') >= 0) line += f.split('\n').length - 1;
        }
      }
      try {
        if (!headerDone) {
          if (rec.length === 1 && rec[0] === '') return;
          header(rec);
        } else row(rec);
      } catch (e) {
        stop(e);
      }
    };
    const finish = (): void => {
      if (failed) return;
      try {
        if (!headerDone) throw inputError('TRACE_EMPTY', 'the trace is empty: expected a header line and at least one row', { file });
        if (info.rows === 0) {
          const skipped = info.skippedRows > 0 ? ` (${info.skippedRows} bad rows skipped: ${info.skipReasons.join('; ')})` : '';
          throw inputError('TRACE_NO_ROWS', `the trace has a header but no requests${skipped}`, { file });
        }
        flush();
        resolve(info);
      } catch (e) {
        stop(e);
      }
    };
    /**
     * Starts csv-parse on the rest of the input, `line` lines in. '\r\n', '\n' and '\r' all end a
     * record, wherever they are: csv-parse would otherwise take the first line end it meets as the
     * only one, and a CRLF file with a few LF-only lines would have rows merged. A BOM is dropped only
     * at the very start (past the first line it is text).
     */
    const takeOver = (): Parser => {
      linesBefore = line;
      const midFile = line > 0;
      const p = parse({ relax_column_count: true, skip_empty_lines: false, bom: !midFile, record_delimiter: ['\r\n', '\n', '\r'], max_record_size: MAX_LINE_BYTES });
      p.on('error', (e: Error & { lines?: number; code?: string }) => {
        // every record before the one that failed was complete: the failing one starts on the next line
        if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
          stop(inputError('TRACE_CSV_SYNTAX', `not valid CSV: the quoted field opened on line ${line + 1} is never closed`, { file, line: line + 1 }));
          return;
        }
        if (e.code === 'CSV_MAX_RECORD_SIZE') {
          stop(inputError('TRACE_LINE_TOO_LONG', `the record starting on line ${line + 1} passes ${MAX_LINE_BYTES.toLocaleString('en-US')} bytes (1 MiB), the longest a trace's line may be: a quote opened there and not closed, or not a CSV text file`, { file, line: line + 1 }));
          return;
        }
        let at = line + 1;
        let message = e.message;
        if (e.lines !== undefined) {
          // csv-parse counts lines from where it started, in `lines` and in its message ("at line N")
          at = linesBefore + e.lines;
          message = message.replace(new RegExp(`\\b(at|on) line ${e.lines}\\b`), `$1 line ${at}`);
        }
        stop(inputError('TRACE_CSV_SYNTAX', `not valid CSV: ${message}`, { file, line: at }));
      });
      p.on('data', onRecord);
      p.on('end', finish);
      p.on('drain', () => input.resume());
      return p;
    };
    // Plain input (no '"', no '\r') is split without csv-parse (see plain-csv.ts); from the first
    // chunk that is not plain, csv-parse reads the rest, starting with the bytes of the unfinished line.
    let splitter: PlainCsvSplitter | null = null;
    if (opts.parser === 'csv-parse') parser = takeOver();
    else splitter = new PlainCsvSplitter();
    input.on('data', (chunk: string | Buffer) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (splitter !== null) {
        if (isPlainChunk(buf)) {
          splitter.push(buf, onRecord);
          if (splitter.carryBytes > MAX_LINE_BYTES) stop(lineTooLong(file, line + 1));
          return;
        }
        const carry = splitter.takeCarry();
        splitter = null;
        parser = takeOver();
        if (carry !== null) parser.write(carry);
      }
      if (plainLines && !isPlainChunk(buf)) plainLines = false;
      if (!(parser as Parser).write(buf)) input.pause();
    });
    input.on('end', () => {
      if (splitter === null) {
        (parser as Parser).end();
        return;
      }
      splitter.end(onRecord);
      finish();
    });
  });
}

export type { Issue };
export { LOGICAL_COLUMNS };
