/**
 * Lambda JSON logs (advanced logging controls, log format JSON): one JSON object per line, possibly
 * after the `TIME STREAM ` prefix `aws logs tail` prints. `{"time":…,"type":"platform.report",
 * "record":{"metrics":{"durationMs","billedDurationMs","memorySizeMB","maxMemoryUsedMB","initDurationMs"?}}}`
 * records become requests; other records (platform.start, platform.runtimeDone, app logs) are
 * counted and ignored. Arrival = time − durationMs − initDurationMs, as for REPORT text lines.
 */
import type { TraceInfo } from '../trace.js';
import { parseIsoTimestamp, type SplitTime } from '../timestamp.js';
import { TraceBuilder, type OnChunk } from './builder.js';
import { BilledCheck, functionSource, MemorySizes, REPORT_DERIVED } from './cloudwatch-report.js';
import { readLines } from './lines.js';
import { parseLogPrefix, type LogPrefix } from './log-prefix.js';
import type { ImportOptions } from './options.js';

interface ReportRecord {
  time?: unknown;
  type?: unknown;
  record?: { metrics?: Record<string, unknown> };
}

const nonNegative = (v: unknown): v is number => typeof v === 'number' && v >= 0 && Number.isFinite(v);

export async function readLambdaJson(
  file: string,
  opts: ImportOptions,
  onChunk: OnChunk,
): Promise<TraceInfo> {
  const b = new TraceBuilder(
    file,
    'lambda-json',
    {
      timestamp: 'time − durationMs − initDurationMs',
      function: opts.functionName ? '--function-name' : 'log group',
      duration_ms: 'metrics.durationMs',
      init_ms: 'metrics.initDurationMs',
      memory_used_mb: 'metrics.maxMemoryUsedMB',
    },
    opts,
    onChunk,
  );
  const p: LogPrefix = { wholeMs: NaN, fracMs: 0, group: null };
  const split: SplitTime = { wholeMs: 0, fracMs: 0 };
  const sizes = new MemorySizes();
  const billed = new BilledCheck();
  const fixedFn = opts.functionName !== undefined ? b.fn(opts.functionName) : -1;
  let named = false;
  // where a bound check looks, set per line (an error copies it)
  const durAt = { line: 0, column: 'record.metrics.durationMs' };
  const initAt = { line: 0, column: 'record.metrics.initDurationMs' };
  try {
    await readLines(
      file,
      (text, start, end, lineNo) => {
        const brace = text.indexOf('{', start);
        if (brace < 0 || brace >= end) {
          if (text.slice(start, end).trim() === '') b.ignoredLines++;
          else
            b.bad('JSON_LOG_BAD_LINE', 'expected one JSON object per line ({"time":…,"type":…,"record":…})', {
              line: lineNo,
            });
          return;
        }
        let rec: ReportRecord;
        try {
          rec = JSON.parse(text.slice(brace, end)) as ReportRecord;
        } catch (e) {
          b.bad(
            'JSON_LOG_BAD_LINE',
            `not valid JSON (${(e as Error).message}); expected one JSON object per line`,
            { line: lineNo },
          );
          return;
        }
        if (rec === null || typeof rec !== 'object' || rec.type !== 'platform.report') {
          b.ignoredLines++;
          return;
        }
        const m = rec.record?.metrics;
        if (typeof rec.time !== 'string' || !parseIsoTimestamp(rec.time, split)) {
          b.bad(
            'JSON_LOG_BAD_TIME',
            `platform.report record without an ISO 8601 "time" (found ${JSON.stringify(rec.time)})`,
            { line: lineNo },
          );
          return;
        }
        if (m === undefined || !nonNegative(m['durationMs'])) {
          b.bad(
            'JSON_LOG_BAD_RECORD',
            'platform.report record without a non-negative record.metrics.durationMs',
            { line: lineNo },
          );
          return;
        }
        const init = m['initDurationMs'] === undefined ? NaN : m['initDurationMs'];
        const mem = m['maxMemoryUsedMB'] === undefined ? NaN : m['maxMemoryUsedMB'];
        if (!(Number.isNaN(init) || nonNegative(init)) || !(Number.isNaN(mem) || nonNegative(mem))) {
          b.bad(
            'JSON_LOG_BAD_RECORD',
            'record.metrics.initDurationMs and maxMemoryUsedMB must be non-negative numbers when present',
            { line: lineNo },
          );
          return;
        }
        let fn = fixedFn;
        if (fn < 0) {
          parseLogPrefix(text, start, brace, p);
          if (p.group !== null && b.refusesName(p.group, { line: lineNo, column: 'log group' })) return;
          if (p.group !== null) named = true;
          fn = b.fn(p.group ?? 'function');
        }
        const dur = m['durationMs'];
        durAt.line = initAt.line = lineNo;
        if (b.refusesLength(dur, dur, 'a run time', durAt)) return;
        if (!Number.isNaN(init) && b.refusesLength(init as number, init as number, 'an INIT', initAt)) return;
        if (nonNegative(m['memorySizeMB'])) sizes.add(m['memorySizeMB']);
        billed.check(
          dur,
          nonNegative(m['billedDurationMs']) ? m['billedDurationMs'] : NaN,
          init as number,
          () => `${file}:${lineNo}`,
        );
        b.add(
          b.time(split.wholeMs, split.fracMs) - dur - (Number.isNaN(init as number) ? 0 : (init as number)),
          fn,
          dur,
          init as number,
          mem as number,
          0,
        );
      },
      'utf8',
      undefined,
      opts.source,
    );
    b.info.derived = [
      REPORT_DERIVED.arrival
        .replace('log time − Duration − Init Duration', 'time − durationMs − initDurationMs')
        .replace('REPORT line', 'platform.report record'),
      'initDurationMs marks an observed cold start and gives init_ms',
      'maxMemoryUsedMB gives memory_used_mb',
      functionSource(opts.functionName, named),
      sizes.describe().replace('Memory Size', 'memorySizeMB').replace('Billed Duration', 'billedDurationMs'),
    ];
    b.info.memorySizes = sizes.list();
    const notes = billed.notes().map((n) => n.replace('REPORT lines', 'platform.report records'));
    if (notes.length > 0) b.info.notes = notes;
    return b.finish(
      'platform.report records ({"type":"platform.report","record":{"metrics":{"durationMs":…}}})',
    );
  } finally {
    b.cleanup();
  }
}
