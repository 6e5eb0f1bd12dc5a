/**
 * CloudWatch Logs Insights results, in the two shapes people save them:
 * - the console's CSV export (`@timestamp,@message,@logStream,@log`, quoted; a message keeps its
 *   newline, so a record spans lines: read with csv-parse, streamed);
 * - the JSON of GetQueryResults (`aws logs get-query-results`: `{"results":[[{"field","value"}…]…]}`),
 *   or the same rows flattened to objects. Logs Insights returns at most 10,000 rows a query, so the
 *   document is read whole.
 * A row is a request when its fields `@duration` (ms, as Logs Insights parses REPORT lines; numbers
 * may be strings in exponent form, memory `@maxMemoryUsed` in bytes: "6.8E7" = 68 MB) are there, or
 * its `@message` is a REPORT line (report-line.ts). Other rows are counted and ignored. `@timestamp`
 * ("2023-12-05 22:14:43.877", UTC) is the REPORT line's log time: arrival = @timestamp − duration − INIT.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse';
import { inputError, type Location } from '../../errors.js';
import type { TraceInfo } from '../trace.js';
import { parseIsoTimestamp, type SplitTime } from '../timestamp.js';
import { TraceBuilder, type OnChunk } from './builder.js';
import { BilledCheck, functionSource, MemorySizes, REPORT_DERIVED } from './cloudwatch-report.js';
import { lambdaGroupName } from './log-prefix.js';
import type { ImportOptions } from './options.js';
import { parseReportFields, REPORT_MARK, type ReportFields } from './report-line.js';
import { openInput } from './lines.js';
import { lineTooLong, MAX_LINE_BYTES } from '../source.js';

/** Logs Insights gives memory in bytes of 10^6 per MB: "1.28E8" is Lambda's 128 MB. */
const BYTES_PER_MB = 1e6;

type Get = (field: string) => string | undefined;

class InsightsRows {
  readonly b: TraceBuilder;
  readonly #f: ReportFields = {
    durationMs: 0,
    billedMs: 0,
    memorySizeMb: 0,
    maxMemoryUsedMb: 0,
    initMs: NaN,
  };
  readonly #split: SplitTime = { wholeMs: 0, fracMs: 0 };
  readonly sizes = new MemorySizes();
  readonly billed = new BilledCheck();
  readonly #file: string;
  readonly #fixedFn: number;
  named = false;
  fromFields = 0;
  fromMessage = 0;

  constructor(b: TraceBuilder, functionName: string | undefined) {
    this.b = b;
    this.#file = b.info.file;
    this.#fixedFn = functionName !== undefined ? b.fn(functionName) : -1;
  }

  /**
   * One record; `columnOf` gives a field's 1-based column in a CSV export (0: none), so a bad cell is
   * named by number and name (`column 1 (@timestamp): "…"`), a JSON one by its name in the message.
   */
  row(get: Get, where: Location, columnOf: (field: string) => number = () => 0): void {
    const cell = (field: string): Location => {
      const n = columnOf(field);
      return n > 0 ? { ...where, column: field, columnNumber: n } : { ...where, column: field };
    };
    const named = (field: string, text: string): string => (columnOf(field) > 0 ? text : `${field} ${text}`);
    const b = this.b;
    const f = this.#f;
    const type = get('@type');
    const msg = get('@message') ?? '';
    const dur = get('@duration');
    const at = msg.indexOf(REPORT_MARK);
    if (dur === undefined && at < 0) {
      b.ignoredLines++;
      return;
    }
    if (type !== undefined && type !== 'REPORT' && at < 0) {
      b.ignoredLines++;
      return;
    }
    const ts = (get('@timestamp') ?? '').trim();
    if (!parseIsoTimestamp(ts, this.#split)) {
      b.bad(
        'INSIGHTS_BAD_TIMESTAMP',
        named('@timestamp', `"${ts}" is not a time such as 2023-12-05 22:14:43.877 (UTC)`),
        cell('@timestamp'),
      );
      return;
    }
    // where the run time and INIT were read, and as what text
    let durWhere: Location;
    let initWhere: Location;
    let durText: string;
    let initText: string;
    if (dur !== undefined) {
      const num = (field: string, scale: number, required: boolean): number | undefined => {
        const text = get(field);
        if (text === undefined || text.trim() === '') {
          if (!required) return NaN;
          b.bad('INSIGHTS_BAD_NUMBER', named(field, 'is missing on a row with @duration'), cell(field));
          return undefined;
        }
        const v = Number(text);
        if (v >= 0 && v !== Infinity) return v / scale;
        b.bad(
          'INSIGHTS_BAD_NUMBER',
          named(field, `"${text}" is not a non-negative number (such as 14.97 or 6.7E7)`),
          cell(field),
        );
        return undefined;
      };
      const d = num('@duration', 1, true);
      const init = d === undefined ? undefined : num('@initDuration', 1, false);
      const mem = init === undefined ? undefined : num('@maxMemoryUsed', BYTES_PER_MB, false);
      const size = mem === undefined ? undefined : num('@memorySize', BYTES_PER_MB, false);
      if (size === undefined) return;
      f.durationMs = d as number;
      f.initMs = init as number;
      f.maxMemoryUsedMb = mem as number;
      f.memorySizeMb = size;
      // @billedDuration, where the query kept it: checked as a REPORT line's Billed Duration
      const billed = Number(get('@billedDuration') ?? NaN);
      f.billedMs = billed >= 0 ? billed : NaN;
      durWhere = cell('@duration');
      initWhere = cell('@initDuration');
      durText = dur.trim();
      initText = (get('@initDuration') ?? '').trim();
      this.fromFields++;
    } else {
      const expected = parseReportFields(msg, at, msg.length, f);
      if (expected !== null) {
        b.bad('REPORT_BAD_LINE', named('@message', `is a REPORT line without ${expected}`), cell('@message'));
        return;
      }
      durWhere = initWhere = cell('@message');
      durText = `${f.durationMs}`;
      initText = `${f.initMs}`;
      this.fromMessage++;
    }
    let fn = this.#fixedFn;
    if (fn < 0) {
      const group = lambdaGroupName(get('@log') ?? '');
      if (group !== null && b.refusesName(group, cell('@log'))) return;
      if (group !== null) this.named = true;
      fn = b.fn(group ?? 'function');
    }
    const init = f.initMs;
    if (b.refusesLength(f.durationMs, durText, 'a run time', durWhere)) return;
    if (init >= 0 && b.refusesLength(init, initText, 'an INIT', initWhere)) return;
    if (f.memorySizeMb >= 0) this.sizes.add(f.memorySizeMb);
    this.billed.check(f.durationMs, f.billedMs, init, () =>
      where.line !== undefined ? `${this.#file}:${where.line}` : `${this.#file} ${where.path ?? ''}`,
    );
    b.add(
      b.time(this.#split.wholeMs, this.#split.fracMs) - f.durationMs - (init >= 0 ? init : 0),
      fn,
      f.durationMs,
      init,
      f.maxMemoryUsedMb,
      0,
    );
  }

  finish(functionName: string | undefined): TraceInfo {
    const how =
      this.fromFields > 0 && this.fromMessage > 0
        ? '@duration fields on some rows, REPORT @message on others'
        : this.fromFields > 0
          ? '@duration, @initDuration, @maxMemoryUsed fields (memory in bytes, 10^6 per MB)'
          : 'REPORT lines in @message';
    this.b.info.derived = [
      REPORT_DERIVED.arrival.replace('log time', '@timestamp (UTC)'),
      `requests from ${how}`,
      REPORT_DERIVED.init,
      REPORT_DERIVED.memory,
      functionSource(functionName, this.named).replace(
        'the log group (/aws/lambda/NAME)',
        '@log (ACCOUNT:/aws/lambda/NAME)',
      ),
      this.sizes.describe(),
    ];
    this.b.info.memorySizes = this.sizes.list();
    const notes = [...(this.b.info.notes ?? []), ...this.billed.notes()];
    if (notes.length > 0) this.b.info.notes = notes;
    return this.b.finish('rows with @duration or a REPORT @message');
  }
}

const COLUMNS = {
  timestamp: '@timestamp − @duration − @initDuration',
  function: '@log',
  duration_ms: '@duration',
  init_ms: '@initDuration',
  memory_used_mb: '@maxMemoryUsed',
};

export async function readLogsInsightsCsv(
  file: string,
  opts: ImportOptions,
  onChunk: OnChunk,
): Promise<TraceInfo> {
  const b = new TraceBuilder(file, 'logs-insights-csv', COLUMNS, opts, onChunk);
  const rows = new InsightsRows(b, opts.functionName);
  try {
    await new Promise<void>((resolve, reject) => {
      const input = openInput(file, opts.source);
      const parser = parse({
        bom: true,
        info: true,
        skip_empty_lines: true,
        max_record_size: MAX_LINE_BYTES,
      });
      let header: string[] | null = null;
      // the line the last record ended on: a record past the limit is named by the line after it
      let lastLine = 0;
      let failed = false;
      const stop = (e: unknown): void => {
        if (failed) return;
        failed = true;
        input.destroy();
        parser.destroy();
        reject(e);
      };
      input.on('error', (e) =>
        stop(inputError('FILE_UNREADABLE', `cannot read the trace: ${e.message}`, { file })),
      );
      parser.on('error', (e: Error & { code?: string; lines?: number }) =>
        stop(
          e.code === 'CSV_MAX_RECORD_SIZE'
            ? lineTooLong(file, lastLine + 1)
            : inputError('TRACE_CSV_SYNTAX', `not valid CSV: ${e.message}`, {
                file,
                ...(e.lines !== undefined ? { line: e.lines } : {}),
              }),
        ),
      );
      parser.on('data', ({ record, info }: { record: string[]; info: { lines: number } }) => {
        if (failed) return;
        lastLine = info.lines;
        try {
          if (header === null) {
            header = record.map((h) => h.trim());
            if (!header.includes('@timestamp'))
              throw inputError(
                'TRACE_MISSING_COLUMN',
                `no @timestamp column in the header (${header.join(', ')}); expected a Logs Insights export such as @timestamp,@message,@logStream,@log`,
                { file, line: 1 },
              );
            return;
          }
          const h = header;
          // info.lines is the line the record ends on; a quoted message may span several
          const start = info.lines - record.reduce((n, v) => n + (v.split('\n').length - 1), 0);
          rows.row(
            (k) => {
              const i = h.indexOf(k);
              return i < 0 ? undefined : record[i];
            },
            { line: start },
            (k) => h.indexOf(k) + 1,
          );
        } catch (e) {
          stop(e);
        }
      });
      parser.on('end', () => {
        if (!failed) resolve();
      });
      input.pipe(parser);
    });
    return rows.finish(opts.functionName);
  } finally {
    b.cleanup();
  }
}

export async function readLogsInsightsJson(
  file: string,
  opts: ImportOptions,
  onChunk: OnChunk,
): Promise<TraceInfo> {
  const b = new TraceBuilder(file, 'logs-insights-json', COLUMNS, opts, onChunk);
  const rows = new InsightsRows(b, opts.functionName);
  try {
    // GetQueryResults output is one JSON document (at most 10,000 rows): parsed whole
    const text = await readWhole(file, opts);
    let doc: unknown;
    try {
      doc = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw inputError(
        'INSIGHTS_BAD_JSON',
        `not valid JSON (${(e as Error).message}); expected GetQueryResults output ({"results":[[{"field","value"}…]…]}) or an array of row objects`,
        { file },
      );
    }
    const list = Array.isArray(doc) ? doc : (doc as { results?: unknown } | null)?.results;
    const path = Array.isArray(doc) ? '' : 'results';
    if (!Array.isArray(list))
      throw inputError(
        'INSIGHTS_BAD_JSON',
        'expected GetQueryResults output ({"results":[…]}) or an array of row objects',
        { file },
      );
    list.forEach((row: unknown, i) => {
      const where = { path: `${path}[${i}]` };
      let map: Map<string, string>;
      if (Array.isArray(row)) {
        map = new Map();
        for (const cell of row as { field?: unknown; value?: unknown }[]) {
          if (
            cell === null ||
            typeof cell !== 'object' ||
            typeof cell.field !== 'string' ||
            (typeof cell.value !== 'string' && typeof cell.value !== 'number')
          ) {
            b.bad('INSIGHTS_BAD_ROW', 'expected a row of {"field": NAME, "value": TEXT} pairs', where);
            return;
          }
          map.set(cell.field, String(cell.value));
        }
      } else if (row !== null && typeof row === 'object') {
        map = new Map(Object.entries(row as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
      } else {
        b.bad('INSIGHTS_BAD_ROW', 'expected a row object or a list of {"field","value"} pairs', where);
        return;
      }
      rows.row((k) => map.get(k), where);
    });
    // before finish, which hands the chunks on with the info
    const notes = Array.isArray(doc) ? [] : completeness(doc as QueryResults, list.length);
    if (notes.length > 0) b.info.notes = notes;
    return rows.finish(opts.functionName);
  } finally {
    b.cleanup();
  }
}

interface QueryResults {
  status?: unknown;
  statistics?: { recordsMatched?: unknown } | null;
}

/**
 * Notes on a GetQueryResults document that is not the whole answer: a status other than Complete
 * (Running, Scheduled, Timeout, Cancelled, Failed: the rows are partial), and more records matched
 * than rows returned (the 10,000-row cap of a query, or its own `limit`). `rows` counts every row of
 * `results`, REPORT or not: recordsMatched counts the records the query matched, START and END
 * lines too unless the query filtered them out.
 */
function completeness(doc: QueryResults, rows: number): string[] {
  const notes: string[] = [];
  if (typeof doc.status === 'string' && doc.status !== 'Complete')
    notes.push(
      `the Logs Insights result has status "${doc.status}", not "Complete": the query had not finished and its rows are partial (fetch the results again once aws logs get-query-results says "Complete")`,
    );
  const matched = doc.statistics?.recordsMatched;
  if (typeof matched === 'number' && matched > rows)
    notes.push(
      `the Logs Insights query matched ${matched.toLocaleString('en-US')} records but the result holds ${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'}: the rest were cut off (a query returns at most 10,000 rows, or fewer with its own limit); to read them all, run several queries over narrower time ranges (--start-time/--end-time), each matching fewer than 10,000 records, and read each result`,
    );
  return notes;
}

/** The whole file (or the stream it was opened as) as text: the JSON readers parse one document. */
export async function readWhole(file: string, opts: ImportOptions): Promise<string> {
  if (opts.source === undefined || opts.source.regular) {
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      throw inputError('FILE_UNREADABLE', `cannot read the trace: ${(e as Error).message}`, { file });
    }
  }
  const parts: Buffer[] = [];
  for await (const chunk of opts.source.stream()) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}
