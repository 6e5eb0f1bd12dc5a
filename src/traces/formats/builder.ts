/**
 * What every importer shares. Rows come in file order with arrival times derived from end times
 * (arrival = end − run time), so they are not in time order even when the log is. The builder
 * sorts them in bounded memory: up to `runRows` rows are held and sorted in memory; past that, each
 * full buffer is sorted and written to a temp folder as a run of fixed-size binary records, and the
 * runs are merged (k-way, a few thousand rows of each in memory) as the sorted chunks are handed to
 * `onChunk`, as readTraceCsv hands its chunks. The temp folder is removed however the read ends.
 *
 * Every row is read before the first chunk is handed on, so TraceInfo is complete (functions,
 * span) from the first chunk.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, type Location, skipReason } from '../../errors.js';
import { emptyChunk, type LogicalColumn, type TraceChunk, type TraceInfo } from '../trace.js';
import {
  MAX_REQUEST_MS,
  MAX_TIMESTAMP_MS,
  notUtf8Message,
  tooLateMessage,
  tooLongMessage,
} from '../bounds.js';
import { sortedIndex } from './sort-index.js';

/** The formats `--input-format` names (docs/importers.md describes each). */
export const INPUT_FORMATS = [
  'csv',
  'cloudwatch-report',
  'lambda-json',
  'logs-insights-csv',
  'logs-insights-json',
  'log-events-json',
  'azure-2019',
  'azure-2021',
] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export interface BuilderOptions {
  skipBadRows?: boolean;
  chunkRows?: number;
  /** rows sorted in memory before a run is spilled to disk */
  runRows?: number;
  /** parent of the temp folder for spilled runs (default: the OS temp folder) */
  tempDir?: string;
}

export type OnChunk = (chunk: TraceChunk, info: TraceInfo) => void;

const MAX_REASONS = 5;
/** bytes of one spilled row: time, duration, init, memory (f64), function (u32), async (u8), padding */
const RECORD = 40;
/** rows read from each run at a time while merging */
const MERGE_BLOCK = 4096;

export class TraceBuilder {
  readonly info: TraceInfo;
  readonly #onChunk: OnChunk;
  readonly #opts: BuilderOptions;
  readonly #fnIndex = new Map<string, number>();
  readonly #runRows: number;
  #buf: TraceChunk;
  #runs: { file: string; rows: number }[] = [];
  #dir: string | null = null;
  #minMs = Infinity;
  #maxMs = -Infinity;
  /** lines that were not records of the format (START/END lines, app logs, other record types) */
  ignoredLines = 0;
  /** whether times are epoch times (false: relative ms, the trace has no wall-clock time) */
  epochTimes = true;
  /** the whole epoch ms times are counted from (the first seen), so that float64 keeps sub-µs digits */
  #base = NaN;

  constructor(
    file: string,
    format: InputFormat,
    columns: Partial<Record<LogicalColumn, string>>,
    opts: BuilderOptions,
    onChunk: OnChunk,
  ) {
    this.#opts = opts;
    this.#onChunk = onChunk;
    this.#runRows = Math.max(2, opts.runRows ?? 1 << 20);
    // typed arrays are zero pages until written: a small log touches little of this
    this.#buf = emptyChunk(this.#runRows);
    this.info = {
      file,
      rows: 0,
      skippedRows: 0,
      skipReasons: [],
      columns: {
        timestamp: null,
        function: null,
        duration_ms: null,
        init_ms: null,
        type: null,
        memory_used_mb: null,
        cpu_ms: null,
        response_bytes: null,
        is_cold: null,
        ...columns,
      },
      timeFormat: 'iso',
      timeUnit: null,
      timeUnitSource: null,
      originEpochMs: NaN,
      functionNames: [],
      order: 'sorted-by-importer',
      firstMs: NaN,
      lastMs: NaN,
      asyncRows: 0,
      format,
      derived: [],
      ignoredLines: 0,
    };
  }

  /** The index of a function by name, added on first sight (with its app, where the format names apps). */
  fn(name: string, app?: string): number {
    let i = this.#fnIndex.get(name);
    if (i === undefined) {
      i = this.info.functionNames.length;
      this.#fnIndex.set(name, i);
      this.info.functionNames.push(name);
      if (app !== undefined) (this.info.functionApps ??= [])[i] = app;
    }
    return i;
  }

  /** A bad line: an error naming where and what was expected, or with --skip-bad-rows skipped and counted. */
  bad(code: string, message: string, where: Location): void {
    if (!this.#opts.skipBadRows)
      throw new InputError({ code, message, where: { file: this.info.file, ...where } });
    this.info.skippedRows++;
    if (this.info.skipReasons.length < MAX_REASONS) this.info.skipReasons.push(skipReason(where, message));
  }

  /*
   * The checks CSV traces get (bounds.ts), on a value read at `where`, whose `column` names the field:
   * true when the value is refused (an error, or with --skip-bad-rows the record skipped and counted),
   * so the importer leaves the record out. Without a column number the message starts with the field.
   */

  /** A function (or app) name that is not valid UTF-8. */
  refusesName(name: string, where: Location, what: 'function' | 'app' = 'function'): boolean {
    const why = notUtf8Message(name, what);
    if (why === null) return false;
    this.#badField('TRACE_NAME_NOT_UTF8', why, where);
    return true;
  }

  /**
   * A run time or INIT over 7 days; `text` as the record wrote it, or the number read where the
   * importer holds no string (the REPORT reader reads bytes: no string per line)
   */
  refusesLength(ms: number, text: string | number, what: 'a run time' | 'an INIT', where: Location): boolean {
    if (!(ms > MAX_REQUEST_MS)) return false;
    const code = what === 'an INIT' ? 'TRACE_INIT_TOO_LONG' : 'TRACE_DURATION_TOO_LONG';
    this.#badField(code, tooLongMessage(`${text}`, ms, what), where);
    return true;
  }

  /** A time `ms` from its zero past the end of year 9999; `text` in `unit` as the record wrote it. */
  refusesTime(ms: number, text: string, unit: string, where: Location): boolean {
    if (!(Math.abs(ms) > MAX_TIMESTAMP_MS)) return false;
    this.#badField('TRACE_TIMESTAMP_TOO_LARGE', tooLateMessage(text, unit), where);
    return true;
  }

  #badField(code: string, message: string, where: Location): void {
    const named = where.columnNumber === undefined && where.column !== undefined;
    this.bad(code, named ? `${where.column}: ${message}` : message, where);
  }

  /** An epoch time (whole ms and fraction, as parseIsoTimestamp splits it) as ms from the builder's base, for add(). */
  time(wholeMs: number, fracMs: number): number {
    if (Number.isNaN(this.#base)) this.#base = wholeMs;
    return wholeMs - this.#base + fracMs;
  }

  /** One request; `timeMs` from time(), or relative ms when the format has no epoch (epochTimes false). */
  add(
    timeMs: number,
    fn: number,
    durationMs: number,
    initMs: number,
    memoryUsedMb: number,
    isAsync: number,
  ): void {
    const b = this.#buf;
    if (b.count === b.timeMs.length) {
      this.#spill();
    }
    const i = b.count++;
    b.timeMs[i] = timeMs;
    b.fn[i] = fn;
    b.durationMs[i] = durationMs;
    b.initMs[i] = initMs;
    b.isAsync[i] = isAsync;
    b.memoryUsedMb[i] = memoryUsedMb;
    // cpuMs and responseBytes are not kept (imported logs have none): emitted as NaN, and their pages never touched here
    if (timeMs < this.#minMs) this.#minMs = timeMs;
    if (timeMs > this.#maxMs) this.#maxMs = timeMs;
    this.info.rows++;
    this.info.asyncRows += isAsync;
  }

  /** Sorts what was read and hands it on in chunks; removes any spilled runs. */
  finish(what: string): TraceInfo {
    const info = this.info;
    info.ignoredLines = this.ignoredLines;
    try {
      if (info.rows === 0) {
        const skipped =
          info.skippedRows > 0
            ? ` (${info.skippedRows} bad lines skipped: ${info.skipReasons.join('; ')})`
            : '';
        const ignored =
          this.ignoredLines > 0 ? `; ${this.ignoredLines} other lines were read and ignored` : '';
        throw new InputError({
          code: 'TRACE_NO_ROWS',
          message: `no requests found: expected ${what}${ignored}${skipped}`,
          where: { file: info.file },
        });
      }
      // relative times from the earliest arrival
      info.originEpochMs = this.epochTimes ? this.#base + this.#minMs : NaN;
      info.firstMs = 0;
      info.lastMs = this.#maxMs - this.#minMs;
      if (this.#runs.length === 0) this.#emitSorted(this.#buf);
      else {
        this.#spill();
        this.#merge();
      }
      if (this.#runs.length > 0) info.runsSpilled = this.#runs.length;
      return info;
    } finally {
      this.cleanup();
    }
  }

  /** Removes the temp folder (finish does; readers call it when they fail part-way). */
  cleanup(): void {
    if (this.#dir !== null) rmSync(this.#dir, { recursive: true, force: true });
    this.#dir = null;
  }

  #emitSorted(b: TraceChunk): void {
    const order = sortedIndex(b.timeMs, b.count);
    const size = this.#opts.chunkRows ?? 65_536;
    const out = emptyChunk(Math.min(size, b.count));
    const origin = this.#minMs;
    for (let k = 0; k < b.count; k++) {
      const j = order[k] as number;
      const i = out.count++;
      out.timeMs[i] = (b.timeMs[j] as number) - origin;
      out.fn[i] = b.fn[j] as number;
      out.durationMs[i] = b.durationMs[j] as number;
      out.initMs[i] = b.initMs[j] as number;
      out.isAsync[i] = b.isAsync[j] as number;
      out.memoryUsedMb[i] = b.memoryUsedMb[j] as number;
      out.cpuMs[i] = NaN;
      out.responseBytes[i] = NaN;
      // a log marks a cold request by its INIT (Init Duration, initDurationMs)
      out.isCold[i] = Number.isNaN(out.initMs[i] as number) ? 0 : 1;
      if (out.count === out.timeMs.length) {
        this.#onChunk(out, this.info);
        out.count = 0;
      }
    }
    if (out.count > 0) this.#onChunk(out, this.info);
  }

  #spill(): void {
    const b = this.#buf;
    if (b.count === 0) return;
    this.#dir ??= mkdtempSync(join(this.#opts.tempDir ?? tmpdir(), 'faasim-sort-'));
    const file = join(this.#dir, `run-${this.#runs.length}.bin`);
    const order = sortedIndex(b.timeMs, b.count);
    const fd = openSync(file, 'w');
    try {
      const block = Buffer.alloc(MERGE_BLOCK * RECORD);
      let n = 0;
      for (let k = 0; k < b.count; k++) {
        const j = order[k] as number;
        const o = n * RECORD;
        block.writeDoubleLE(b.timeMs[j] as number, o);
        block.writeDoubleLE(b.durationMs[j] as number, o + 8);
        block.writeDoubleLE(b.initMs[j] as number, o + 16);
        block.writeDoubleLE(b.memoryUsedMb[j] as number, o + 24);
        block.writeUInt32LE(b.fn[j] as number, o + 32);
        block.writeUInt8(b.isAsync[j] as number, o + 36);
        if (++n === MERGE_BLOCK) {
          writeSync(fd, block, 0, n * RECORD);
          n = 0;
        }
      }
      if (n > 0) writeSync(fd, block, 0, n * RECORD);
    } finally {
      closeSync(fd);
    }
    this.#runs.push({ file, rows: b.count });
    b.count = 0;
  }

  /** k-way merge of the sorted runs; ties go to the earlier run, so equal times keep input order. */
  #merge(): void {
    const runs = this.#runs.map((r) => ({
      fd: openSync(r.file, 'r'),
      left: r.rows,
      block: Buffer.alloc(MERGE_BLOCK * RECORD),
      at: 0,
      have: 0,
    }));
    try {
      const refill = (k: number): boolean => {
        const r = runs[k] as (typeof runs)[number];
        if (r.at < r.have) return true;
        if (r.left === 0) return false;
        const n = Math.min(MERGE_BLOCK, r.left);
        readSync(r.fd, r.block, 0, n * RECORD, null);
        r.left -= n;
        r.have = n;
        r.at = 0;
        return true;
      };
      const timeOf = (k: number): number => {
        const r = runs[k] as (typeof runs)[number];
        return r.block.readDoubleLE(r.at * RECORD);
      };
      // a binary heap of run indices by their current time (then run index)
      const heap: number[] = [];
      const less = (a: number, b: number): boolean => {
        const ta = timeOf(a),
          tb = timeOf(b);
        return ta < tb || (ta === tb && a < b);
      };
      const siftDown = (i: number): void => {
        for (;;) {
          const l = 2 * i + 1,
            r = l + 1;
          let m = i;
          if (l < heap.length && less(heap[l] as number, heap[m] as number)) m = l;
          if (r < heap.length && less(heap[r] as number, heap[m] as number)) m = r;
          if (m === i) return;
          [heap[i], heap[m]] = [heap[m] as number, heap[i] as number];
          i = m;
        }
      };
      for (let k = 0; k < runs.length; k++) if (refill(k)) heap.push(k);
      for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i);
      const out = emptyChunk(this.#opts.chunkRows ?? 65_536);
      const origin = this.#minMs;
      while (heap.length > 0) {
        const k = heap[0] as number;
        const r = runs[k] as (typeof runs)[number];
        const o = r.at * RECORD;
        const i = out.count++;
        out.timeMs[i] = r.block.readDoubleLE(o) - origin;
        out.durationMs[i] = r.block.readDoubleLE(o + 8);
        out.initMs[i] = r.block.readDoubleLE(o + 16);
        out.memoryUsedMb[i] = r.block.readDoubleLE(o + 24);
        out.fn[i] = r.block.readUInt32LE(o + 32);
        out.isAsync[i] = r.block.readUInt8(o + 36);
        out.cpuMs[i] = NaN;
        out.responseBytes[i] = NaN;
        out.isCold[i] = Number.isNaN(out.initMs[i] as number) ? 0 : 1;
        r.at++;
        if (!refill(k)) {
          heap[0] = heap[heap.length - 1] as number;
          heap.pop();
        }
        if (heap.length > 0) siftDown(0);
        if (out.count === out.timeMs.length) {
          this.#onChunk(out, this.info);
          out.count = 0;
        }
      }
      if (out.count > 0) this.#onChunk(out, this.info);
    } finally {
      for (const r of runs) closeSync(r.fd);
    }
  }
}
