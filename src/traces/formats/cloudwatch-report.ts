/**
 * CloudWatch REPORT lines as text, one per line, as `aws logs tail` and `aws logs filter-log-events`
 * print them, with or without the log time and log stream before the message (log-prefix.ts), in the
 * 100 ms and the 1 ms billing eras (report-line.ts). Other lines (START, END, INIT_START, app logs,
 * blank lines) are counted and ignored.
 *
 * Arrival = log time − Duration − Init Duration: the REPORT line is written when the invocation
 * ends, and a cold start's INIT ran after its request arrived. Init Duration marks an observed cold
 * start (init_ms); Max Memory Used becomes memory_used_mb. A REPORT line without a log time has no
 * arrival time at all; rather than invent one, such a file is refused (print the logs with their
 * times: `aws logs tail GROUP --since 1d`).
 */
import type { TraceInfo } from '../trace.js';
import { TraceBuilder, type OnChunk } from './builder.js';
import { readLines } from './lines.js';
import { parseLogPrefix, type LogPrefix } from './log-prefix.js';
import type { ImportOptions } from './options.js';
import { parseReportFields, REPORT_MARK, type ReportFields } from './report-line.js';


/** Counts the memory sizes seen, for the report ("Memory Size 128 MB on 12 lines"). */
export class MemorySizes {
  readonly #counts = new Map<number, number>();
  add(mb: number): void {
    this.#counts.set(mb, (this.#counts.get(mb) ?? 0) + 1);
  }
  describe(): string {
    const parts = [...this.#counts.entries()].sort((a, b) => b[1] - a[1]).map(([mb, n]) => `${mb} MB on ${n}`);
    return `Memory Size in the log: ${parts.join(', ')} (pass --memory to simulate the size you want; Billed Duration is read and checked, not used: faasim bills by the platform's own rules)`;
  }
}

export const REPORT_DERIVED = {
  arrival: 'arrival = log time − Duration − Init Duration (the REPORT line is written when the invocation ends; INIT ran after a cold request arrived)',
  init: 'Init Duration marks an observed cold start and gives init_ms',
  memory: 'Max Memory Used gives memory_used_mb',
};

export async function readCloudWatchReport(file: string, opts: ImportOptions, onChunk: OnChunk): Promise<TraceInfo> {
  const b = new TraceBuilder(file, 'cloudwatch-report', { timestamp: 'log time − Duration − Init Duration', function: opts.functionName ? '--function-name' : 'log group', duration_ms: 'Duration', init_ms: 'Init Duration', memory_used_mb: 'Max Memory Used' }, opts, onChunk);
  const f: ReportFields = { durationMs: 0, billedMs: 0, memorySizeMb: 0, maxMemoryUsedMb: 0, initMs: NaN };
  const p: LogPrefix = { wholeMs: NaN, fracMs: 0, group: null };
  const sizes = new MemorySizes();
  const fixedFn = opts.functionName !== undefined ? b.fn(opts.functionName) : -1;
  let lastGroup: string | null = null;
  let lastFn = -1;
  let named = false;
  try {
    // the next mark in the text of this read: lines without one do not each search past it again
    let marked = '';
    let nextMark = -1;
    await readLines(file, (text, start, end, lineNo) => {
      if (text !== marked || nextMark < start) {
        marked = text;
        nextMark = text.indexOf(REPORT_MARK, start);
        if (nextMark < 0) nextMark = text.length;
      }
      const at = nextMark;
      if (at >= end) {
        b.ignoredLines++;
        return;
      }
      const expected = parseReportFields(text, at, end, f);
      if (expected !== null) {
        b.bad('REPORT_BAD_LINE', `REPORT line without ${expected}`, { line: lineNo });
        return;
      }
      parseLogPrefix(text, start, at, p);
      if (Number.isNaN(p.wholeMs)) {
        if (b.info.rows === 0 && b.info.skippedRows === 0) {
          b.bad('REPORT_NO_TIME', 'REPORT line without a log time before it: arrival times cannot be derived; print the log with its times (`aws logs tail GROUP` prints "TIME STREAM MESSAGE") or export it with Logs Insights', { line: lineNo });
        } else {
          b.bad('REPORT_NO_TIME', 'REPORT line without a log time before it, where earlier lines had one (expected "TIME [STREAM] REPORT RequestId: …")', { line: lineNo });
        }
        return;
      }
      let fn = fixedFn;
      if (fn < 0) {
        if (p.group !== lastGroup || lastFn < 0) {
          lastGroup = p.group;
          lastFn = b.fn(p.group ?? 'function');
        }
        fn = lastFn;
        if (p.group !== null) named = true;
      }
      sizes.add(f.memorySizeMb);
      const init = f.initMs;
      b.add(b.time(p.wholeMs, p.fracMs) - f.durationMs - (init >= 0 ? init : 0), fn, f.durationMs, init, f.maxMemoryUsedMb, 0);
    }, 'latin1', undefined, opts.source);
    const info = b.info;
    info.derived = [REPORT_DERIVED.arrival, REPORT_DERIVED.init, REPORT_DERIVED.memory, functionSource(opts.functionName, named), sizes.describe()];
    return b.finish('REPORT lines ("TIME [STREAM] REPORT RequestId: … Duration: N ms …")');
  } finally {
    b.cleanup();
  }
}

export function functionSource(flag: string | undefined, named: boolean): string {
  if (flag !== undefined) return `function name from --function-name (${flag})`;
  return named ? 'function names from the log group (/aws/lambda/NAME)' : 'no log group in the lines: one function, "function" (name it with --function-name)';
}
