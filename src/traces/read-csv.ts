/**
 * Reads a CSV request trace in one streaming pass, in three parts: header resolution
 * (csv/header.ts), row decoding (csv/row-decoder.ts) and chunk emission (csv/chunks.ts): rows are
 * decoded into fixed-size chunks of typed arrays that are handed to `onChunk` and then reused, so
 * memory does not grow with the number of rows. Records come from csv-parse, or for plain input
 * (no '"', no '\r') from a splitter that reads the fields from the bytes (csv/byte-records.ts) and
 * yields the same records faster. Every problem names the file, the line and the column.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parse, type Parser } from 'csv-parse';
import { inputError, InputError, type Issue } from '../errors.js';
import { isPlainChunk, PlainCsvSplitter } from './plain-csv.js';
import { lineTooLong, longLineAt, MAX_LINE_BYTES } from './source.js';
import { LOGICAL_COLUMNS, type TraceChunk, type TraceInfo } from './trace.js';
import { ByteRecordSplitter } from './csv/byte-records.js';
import { StringCells, type Cells } from './csv/cells.js';
import { ChunkEmitter } from './csv/chunks.js';
import { resolveHeader } from './csv/header.js';
import type { ReadTraceOptions } from './csv/options.js';
import { RowDecoder } from './csv/row-decoder.js';

export type { ReadTraceOptions } from './csv/options.js';
export { columnMapOf, parseColumnMap } from './csv/columns.js';

/** The TraceInfo of a CSV read before its header is seen. */
function newInfo(file: string, opts: ReadTraceOptions): TraceInfo {
  return {
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
    },
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
    ...(opts.memoryIs === 'process' ? { memoryIs: 'process' as const } : {}),
    ...(opts.durationUnit ? { durationUnit: opts.durationUnit } : {}),
  };
}

/**
 * Streams `file`; calls `onChunk` with each full chunk and the last partial one. The chunk's arrays
 * are reused after onChunk returns. Resolves to what was learned about the trace.
 */
export function readTraceCsv(
  file: string,
  opts: ReadTraceOptions,
  onChunk: (chunk: TraceChunk, info: TraceInfo) => void,
  source?: Readable,
): Promise<TraceInfo> {
  const info = newInfo(file, opts);
  const decoder = new RowDecoder(file, opts, info, new ChunkEmitter(opts.chunkRows ?? 65_536, info, onChunk));
  let headerDone = false;
  let line = 0;
  const strings = new StringCells();

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
    input.on('error', (e: Error) =>
      stop(
        e instanceof InputError
          ? e
          : inputError('FILE_UNREADABLE', `cannot read the trace: ${e.message}`, { file }),
      ),
    );
    // A field can hold a newline only inside quotes, or when records end with \r\n or \r. Until
    // the input has shown a '"' or a '\r', every newline ends a record, and fields need no scan.
    let plainLines = true;
    const onCells = (cells: Cells): void => {
      if (failed) return;
      line++;
      decoder.line = line;
      try {
        if (!headerDone) {
          if (cells.blank()) return;
          decoder.layout = resolveHeader(cells.toArray(), opts, info, (code, message) =>
            decoder.fail(code, message),
          );
          headerDone = true;
        } else decoder.row(cells);
      } catch (e) {
        stop(e);
      }
    };
    const onRecord = (rec: string[]): void => {
      if (failed) return;
      // Lines consumed by this record: one, plus any newlines inside quoted fields.
      if (!plainLines) {
        for (let i = 0; i < rec.length; i++) {
          const f = rec[i] as string;
          if (f.length > 0 && f.indexOf('\n') >= 0) line += f.split('\n').length - 1;
        }
      }
      strings.rec = rec;
      onCells(strings);
    };
    const finish = (): void => {
      if (failed) return;
      try {
        if (!headerDone)
          throw inputError('TRACE_EMPTY', 'the trace is empty: expected a header line and at least one row', {
            file,
          });
        if (info.rows === 0) {
          const skipped =
            info.skippedRows > 0
              ? ` (${info.skippedRows} bad rows skipped: ${info.skipReasons.join('; ')})`
              : '';
          throw inputError('TRACE_NO_ROWS', `the trace has a header but no requests${skipped}`, { file });
        }
        decoder.flush();
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
      const p = parse({
        relax_column_count: true,
        skip_empty_lines: false,
        bom: !midFile,
        record_delimiter: ['\r\n', '\n', '\r'],
        max_record_size: MAX_LINE_BYTES,
      });
      p.on('error', (e: Error & { lines?: number; code?: string }) => {
        // every record before the one that failed was complete: the failing one starts on the next line
        if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
          stop(
            inputError(
              'TRACE_CSV_SYNTAX',
              `not valid CSV: the quoted field opened on line ${line + 1} is never closed`,
              { file, line: line + 1 },
            ),
          );
          return;
        }
        if (e.code === 'CSV_MAX_RECORD_SIZE') {
          stop(
            inputError(
              'TRACE_LINE_TOO_LONG',
              `the record starting on line ${line + 1} passes ${MAX_LINE_BYTES.toLocaleString('en-US')} bytes (1 MiB), the longest a trace's line may be: a quote opened there and not closed, or not a CSV text file`,
              { file, line: line + 1 },
            ),
          );
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
    let splitter: ByteRecordSplitter | PlainCsvSplitter | null = null;
    if (opts.parser === 'csv-parse') parser = takeOver();
    else splitter = opts.parser === 'strings' ? new PlainCsvSplitter() : new ByteRecordSplitter();
    input.on('data', (chunk: string | Buffer) => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (splitter !== null) {
        if (isPlainChunk(buf)) {
          // every '\n' ends a line here: the first line past the limit is refused before any is split
          const long = longLineAt(splitter.carryBytes, buf);
          if (long >= 0) {
            stop(lineTooLong(file, line + 1 + long));
            return;
          }
          if (splitter instanceof ByteRecordSplitter) splitter.push(buf, onCells);
          else splitter.push(buf, onRecord);
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
      if (splitter instanceof ByteRecordSplitter) splitter.end(onCells);
      else splitter.end(onRecord);
      finish();
    });
  });
}

export type { Issue };
export { LOGICAL_COLUMNS };
