/**
 * Row decoding: one record's fields to one request, checked. The first good row fixes the time
 * format (numbers or ISO 8601), the unit of numeric times and the origin; later rows are read
 * against them. Bad rows throw, or with --skip-bad-rows are counted with their reason.
 */
import { InputError, type Location, skipReason } from '../../errors.js';
import {
  MAX_REQUEST_MS,
  MAX_TIMESTAMP_MS,
  notUtf8Message,
  tooLateMessage,
  tooLongMessage,
} from '../bounds.js';
import { inferTimeUnit, TIME_UNIT_MS, timeUnitOnIso, type SplitTime, type TimeUnit } from '../timestamp.js';
import type { LogicalColumn, TraceInfo } from '../trace.js';
import type { Cells, FunctionNames } from './cells.js';
import type { ChunkEmitter } from './chunks.js';
import type { ColumnLayout } from './header.js';
import type { ReadTraceOptions } from './options.js';

const MAX_REASONS = 5;
/** rows whose durations are looked at to tell seconds from milliseconds */
const DURATION_SAMPLE = 100;

export class RowDecoder implements FunctionNames {
  /** the line being read, for messages */
  line = 0;
  readonly #file: string;
  readonly #opts: ReadTraceOptions;
  readonly #info: TraceInfo;
  readonly #out: ChunkEmitter;
  readonly #fnIndex = new Map<string, number>();
  #c: ColumnLayout = {
    ts: -1,
    fn: -1,
    dur: -1,
    init: -1,
    type: -1,
    mem: -1,
    cpu: -1,
    bytes: -1,
    cold: -1,
    app: -1,
    trigger: -1,
    width: 0,
    headerFields: 0,
  };
  #formatKnown = false;
  #numericTimes = false;
  /** |first timestamp| when it is an epoch time, else 0: rows 1000x off it mix units */
  #originMagnitude = 0;
  /** the first row's duration, with --timestamp-is end: its arrival is time 0 */
  #arrivalShiftMs = NaN;
  #unitMs = NaN;
  #originWhole = NaN;
  #originFrac = 0;
  #originNumeric = NaN;
  #prevMs = -Infinity;
  #prevLine = 0;
  readonly #split: SplitTime = { wholeMs: 0, fracMs: 0 };
  /**
   * Durations in seconds read as milliseconds make every bill about 1000 times too low. When no
   * --duration-unit is given and the first rows' durations are all below 1 with fractions among
   * them (0.35, 0.012…), they are refused: real millisecond run times are rarely all under 1 ms.
   */
  readonly #durationScale: number;
  #sampling: boolean;
  #fractions = 0;
  #firstFractionLine = 0;
  #firstFractionText = '';

  constructor(file: string, opts: ReadTraceOptions, info: TraceInfo, out: ChunkEmitter) {
    this.#file = file;
    this.#opts = opts;
    this.#info = info;
    this.#out = out;
    this.#durationScale = opts.durationUnit ? TIME_UNIT_MS[opts.durationUnit] : 1;
    this.#sampling = opts.durationUnit === undefined;
  }

  set layout(layout: ColumnLayout) {
    this.#c = layout;
  }

  /** The current line, and the field `col` (−1: none) by its number and its header name. */
  #where(col = -1, logical?: LogicalColumn): Location {
    const where: Location = { file: this.#file, line: this.line };
    if (col >= 0 && logical !== undefined) {
      where.columnNumber = col + 1;
      where.column = this.#info.columns[logical] ?? logical;
    }
    return where;
  }

  fail(code: string, message: string, col = -1, logical?: LogicalColumn): never {
    throw new InputError({ code, message, where: this.#where(col, logical) });
  }

  /** A bad row: throws, or when bad rows are skipped counts it with its reason. */
  #bad(code: string, message: string, col = -1, logical?: LogicalColumn): void {
    if (!this.#opts.skipBadRows) this.fail(code, message, col, logical);
    this.#info.skippedRows++;
    if (this.#info.skipReasons.length < MAX_REASONS)
      this.#info.skipReasons.push(skipReason(this.#where(col, logical), message));
  }

  /** −2 (and nothing added) for a new name holding U+FFFD: see notUtf8Message (bounds.ts) */
  indexOf(name: string): number {
    let idx = this.#fnIndex.get(name);
    if (idx === undefined) {
      // only a new name is looked at: no cost per row
      if (name.indexOf('\uFFFD') >= 0) return -2;
      idx = this.#info.functionNames.length;
      this.#fnIndex.set(name, idx);
      this.#info.functionNames.push(name);
    }
    return idx;
  }

  #judgeDurations(): void {
    this.#sampling = false;
    const info = this.#info;
    if (this.#fractions === 0 || info.columns.duration_ms === null) return;
    throw new InputError({
      code: 'TRACE_DURATION_UNIT',
      message: `"${this.#firstFractionText}": the first ${info.rows} durations are all below 1 with fractions, which looks like seconds; pass --duration-unit s if they are seconds, or --duration-unit ms if they really are milliseconds`,
      where: {
        file: this.#file,
        line: this.#firstFractionLine,
        column: info.columns.duration_ms,
        columnNumber: this.#c.dur + 1,
      },
    });
  }

  /** Hands on the rows decoded so far (judging the duration unit first, if not yet done). */
  flush(): void {
    if (this.#sampling) this.#judgeDurations();
    this.#out.emit();
  }

  /** NaN for an absent column or empty cell; undefined (row skipped) when not a non-negative number. */
  #optionalNumber(cells: Cells, col: number, logical: LogicalColumn): number | undefined {
    if (col < 0 || cells.empty(col)) return NaN;
    const v = cells.number(col);
    if (v >= 0 && v !== Infinity) return v;
    this.#bad('TRACE_BAD_NUMBER', `"${cells.trimmed(col)}" is not a non-negative number`, col, logical);
    return undefined;
  }

  row(cells: Cells): void {
    const c = this.#c;
    const opts = this.#opts;
    const info = this.#info;
    // a blank line carries no request: skipped, whatever the number of columns
    if (cells.blank()) return;
    const fields = cells.count;
    if (fields < c.width) {
      this.#bad(
        'TRACE_SHORT_ROW',
        `row has ${fields} field${fields === 1 ? '' : 's'}, the header needs at least ${c.width}`,
      );
      return;
    }
    if (fields > c.headerFields) {
      // a stray comma or a shifted row: which field is which can no longer be told
      this.#bad('TRACE_LONG_ROW', `row has ${fields} fields, the header has ${c.headerFields}`);
      return;
    }
    // The first good row fixes the format, the unit and the origin: a bad row skipped before it
    // (--skip-bad-rows) must not, so they are committed only once the whole row is read.
    const tsNumber = this.#formatKnown && !this.#numericTimes ? NaN : cells.number(c.ts);
    const numeric = this.#formatKnown ? this.#numericTimes : Number.isFinite(tsNumber);
    let t = 0;
    let tsValue = NaN;
    let unit: TimeUnit | undefined;
    const split = this.#split;
    if (numeric) {
      tsValue = tsNumber;
      if (!Number.isFinite(tsValue)) {
        const kind =
          info.timeUnit === null
            ? 'numbers'
            : `${Number.isFinite(info.originEpochMs) ? 'epoch' : 'relative'} times in ${info.timeUnit}`;
        this.#bad(
          'TRACE_BAD_TIMESTAMP',
          `"${cells.trimmed(c.ts)}" is not a number, as the first rows' timestamps are (${kind})`,
          c.ts,
          'timestamp',
        );
        return;
      }
      if (Number.isNaN(this.#unitMs)) {
        unit = opts.timeUnit ?? inferTimeUnit(tsValue);
        if (!unit) {
          this.fail(
            'TRACE_AMBIGUOUS_TIME_UNIT',
            `cannot tell the unit of numeric timestamps from "${cells.trimmed(c.ts)}" (not an epoch time in s, ms or µs); pass --time-unit s|ms|us`,
            c.ts,
            'timestamp',
          );
        }
      } else {
        // epoch times of one unit stay within a factor of 1000 of each other for decades
        const mag = this.#originMagnitude;
        if (mag > 0) {
          const a = Math.abs(tsValue);
          if (a >= mag * 1000 || a * 1000 <= mag) {
            const how = info.timeUnitSource === 'flag' ? '--time-unit' : 'inferred from the first row';
            this.#bad(
              'TRACE_MIXED_TIME_UNIT',
              `"${cells.trimmed(c.ts)}" is 1000 times or more ${a > mag ? 'larger' : 'smaller'} than the first row's ${this.#originNumeric}, read as epoch ${info.timeUnit} (${how}): the file mixes units (s, ms, µs); write every timestamp in one unit`,
              c.ts,
              'timestamp',
            );
            return;
          }
        }
        t = (tsValue - this.#originNumeric) * this.#unitMs;
      }
      // after the mixed-unit check, whose message says more about a row 1000 times off; the unit is
      // the flag's, inferred from this row, or the first row's
      const unitMs = unit !== undefined ? TIME_UNIT_MS[unit] : this.#unitMs;
      if (Math.abs(tsValue) * unitMs > MAX_TIMESTAMP_MS) {
        this.#bad(
          'TRACE_TIMESTAMP_TOO_LARGE',
          tooLateMessage(cells.trimmed(c.ts), `${unit ?? info.timeUnit}`),
          c.ts,
          'timestamp',
        );
        return;
      }
    } else {
      if (!cells.iso(c.ts, split)) {
        const expected = this.#formatKnown
          ? 'an ISO 8601 time (YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM])'
          : 'a number or an ISO 8601 time (YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM])';
        this.#bad('TRACE_BAD_TIMESTAMP', `"${cells.trimmed(c.ts)}" is not ${expected}`, c.ts, 'timestamp');
        return;
      }
      // a four-digit year can still pass 9999 by its zone: 9999-12-31T23:59:59-01:00 is in year 10000 in UTC
      if (split.wholeMs + split.fracMs > MAX_TIMESTAMP_MS) {
        this.#bad(
          'TRACE_TIMESTAMP_TOO_LARGE',
          tooLateMessage(cells.trimmed(c.ts), 'in UTC'),
          c.ts,
          'timestamp',
        );
        return;
      }
      if (!Number.isNaN(this.#originWhole))
        t = split.wholeMs - this.#originWhole + (split.fracMs - this.#originFrac);
    }

    let fn = 0;
    if (c.fn >= 0) {
      fn = cells.fn(c.fn, this);
      if (fn === -2) {
        this.#bad('TRACE_NAME_NOT_UTF8', notUtf8Message(cells.trimmed(c.fn)) as string, c.fn, 'function');
        return;
      }
      if (fn < 0) {
        this.#bad('TRACE_EMPTY_FUNCTION', 'no function name', c.fn, 'function');
        return;
      }
      // a function's app is the one on the row where it first appears
      const apps = info.functionApps;
      if (apps !== undefined && apps.length <= fn) apps[fn] = cells.trimmed(c.app);
      const triggers = info.functionTriggers;
      if (triggers !== undefined && triggers.length <= fn) triggers[fn] = cells.trimmed(c.trigger);
    } else if (info.functionNames.length === 0) {
      info.functionNames.push('function');
    }

    let dur = NaN;
    if (c.dur >= 0) {
      dur = cells.number(c.dur);
      if (!(dur >= 0) || dur === Infinity) {
        this.#bad(
          'TRACE_BAD_DURATION',
          `"${cells.trimmed(c.dur)}" is not a non-negative number`,
          c.dur,
          'duration_ms',
        );
        return;
      }
      if (opts.timestampIs === 'end' && Number.isNaN(dur)) {
        this.#bad(
          'TRACE_BAD_DURATION',
          'empty, and --timestamp-is end needs a duration (arrival = end − duration)',
          c.dur,
          'duration_ms',
        );
        return;
      }
      if (this.#durationScale !== 1) dur *= this.#durationScale;
      if (dur > MAX_REQUEST_MS) {
        this.#bad(
          'TRACE_DURATION_TOO_LONG',
          tooLongMessage(cells.trimmed(c.dur), dur, 'a run time'),
          c.dur,
          'duration_ms',
        );
        return;
      } else if (this.#sampling && !Number.isNaN(dur)) {
        if (dur >= 1) this.#sampling = false;
        else if (dur !== Math.floor(dur)) {
          this.#fractions++;
          if (this.#firstFractionLine === 0) {
            this.#firstFractionLine = this.line;
            this.#firstFractionText = cells.trimmed(c.dur);
          }
        }
      }
    }
    let init = NaN;
    if (c.init >= 0 && !cells.empty(c.init)) {
      init = cells.number(c.init);
      if (!(init >= 0) || init === Infinity) {
        this.#bad(
          'TRACE_BAD_INIT',
          `"${cells.trimmed(c.init)}" is not a non-negative number (leave it empty when the request was warm)`,
          c.init,
          'init_ms',
        );
        return;
      }
      if (init > MAX_REQUEST_MS) {
        this.#bad(
          'TRACE_INIT_TOO_LONG',
          tooLongMessage(cells.trimmed(c.init), init, 'an INIT'),
          c.init,
          'init_ms',
        );
        return;
      }
    }
    const mem = this.#optionalNumber(cells, c.mem, 'memory_used_mb');
    if (mem === undefined) return;
    const cpu = this.#optionalNumber(cells, c.cpu, 'cpu_ms');
    if (cpu === undefined) return;
    const bytes = this.#optionalNumber(cells, c.bytes, 'response_bytes');
    if (bytes === undefined) return;
    // is_cold, where given, says which requests were cold; otherwise a non-empty init_ms does
    let isCold = Number.isNaN(init) ? 0 : 1;
    if (c.cold >= 0) {
      const text = cells.trimmed(c.cold).toLowerCase();
      const stated = text === '1' || text === 'true' ? 1 : text === '0' || text === 'false' ? 0 : -1;
      if (stated < 0) {
        this.#bad('TRACE_BAD_IS_COLD', `"${text}" is not 1, 0, true or false`, c.cold, 'is_cold');
        return;
      }
      if (stated === 0 && isCold === 1) {
        this.#bad(
          'TRACE_BAD_IS_COLD',
          `says warm but ${info.columns.init_ms} gives an INIT of ${init} ms`,
          c.cold,
          'is_cold',
        );
        return;
      }
      isCold = stated;
    }
    let isAsync = 0;
    if (c.type >= 0) {
      const text = cells.raw(c.type).trim().toLowerCase();
      if (text === 'async' || text === 'event') isAsync = 1;
      else if (text !== 'sync' && text !== '' && text !== 'requestresponse') {
        this.#bad('TRACE_BAD_TYPE', `"${text}" is not sync or async`, c.type, 'type');
        return;
      }
    }

    if (!this.#formatKnown) {
      // --time-unit reads numeric times only: on ISO 8601 ones it would do nothing without a word
      if (!numeric && opts.timeUnit !== undefined)
        this.fail('UNUSED_TIME_UNIT', timeUnitOnIso(opts.timeUnit, cells.trimmed(c.ts)), c.ts, 'timestamp');
      this.#formatKnown = true;
      this.#numericTimes = numeric;
      info.timeFormat = numeric ? 'numeric' : 'iso';
    }
    if (unit !== undefined) {
      info.timeUnit = unit;
      info.timeUnitSource = opts.timeUnit ? 'flag' : 'inferred';
      this.#unitMs = TIME_UNIT_MS[unit];
      this.#originNumeric = tsValue;
      const epochLike = inferTimeUnit(tsValue);
      this.#originMagnitude = epochLike !== undefined ? Math.abs(tsValue) : 0;
      info.originEpochMs = epochLike === unit ? tsValue * this.#unitMs : NaN;
      info.zeroMs = -tsValue * this.#unitMs;
    } else if (!numeric && Number.isNaN(this.#originWhole)) {
      this.#originWhole = split.wholeMs;
      this.#originFrac = split.fracMs;
      info.originEpochMs = split.wholeMs + split.fracMs;
    }

    if (opts.timestampIs === 'end') {
      // arrival = end − duration − init_ms: the request's end, as a log's REPORT time, comes after
      // its INIT and its run (the log readers derive arrivals the same way); time 0 stays the first
      // request's arrival, so no time is negative
      const took = init >= 0 ? dur + init : dur;
      if (Number.isNaN(this.#arrivalShiftMs)) {
        this.#arrivalShiftMs = took;
        if (Number.isFinite(info.originEpochMs)) info.originEpochMs -= took;
        if (info.zeroMs !== undefined) info.zeroMs += took;
      }
      t -= took - this.#arrivalShiftMs;
    }
    if (t < this.#prevMs && !opts.allowUnsorted) {
      this.fail(
        'TRACE_UNSORTED',
        `"${cells.trimmed(c.ts)}" is earlier than the one on line ${this.#prevLine}; the trace must be sorted by time (pass --sort to sort it in memory)`,
        c.ts,
        'timestamp',
      );
    }
    this.#prevMs = t;
    this.#prevLine = this.line;
    const full = this.#out.add(t, fn, dur, init, isAsync, mem, cpu, bytes, isCold);
    info.asyncRows += isAsync;
    if (info.rows === 0) info.firstMs = t;
    info.lastMs = t;
    info.rows++;
    if (this.#sampling && info.rows === DURATION_SAMPLE) this.#judgeDurations();
    if (full) this.flush();
  }
}
