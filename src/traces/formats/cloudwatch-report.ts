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
import { readLineBlocks } from './byte-lines.js';
import { parsePrefixBytes, type PrefixBytes } from './log-prefix.js';
import type { ImportOptions } from './options.js';
import {
  parseReportBytes,
  REPORT_MARK_BYTES,
  reportCursor,
  reportExpected,
  type ReportFields,
} from './report-line.js';

/** Counts the memory sizes seen, for the report ("Memory Size 128 MB on 12 lines"). */
export class MemorySizes {
  readonly #counts = new Map<number, number>();
  // a log repeats one size line after line: counted here, added to the map when the size changes
  #last = NaN;
  #lastCount = 0;
  add(mb: number): void {
    if (mb === this.#last) {
      this.#lastCount++;
      return;
    }
    this.#settle();
    if (!this.#counts.has(mb)) this.#counts.set(mb, 0);
    this.#last = mb;
    this.#lastCount = 1;
  }
  #settle(): void {
    if (this.#lastCount > 0)
      this.#counts.set(this.#last, (this.#counts.get(this.#last) as number) + this.#lastCount);
    this.#lastCount = 0;
  }
  /** The sizes and their line counts, the most frequent first. */
  list(): { mb: number; lines: number }[] {
    this.#settle();
    this.#last = NaN;
    return [...this.#counts.entries()].sort((a, b) => b[1] - a[1]).map(([mb, lines]) => ({ mb, lines }));
  }
  describe(): string {
    const parts = this.list().map(({ mb, lines }) => `${mb} MB on ${lines}`);
    return `Memory Size in the log: ${parts.join(', ')} (pass --memory to simulate the size you want; Billed Duration is read and checked, not used: faasim bills by the platform's own rules)`;
  }
}

/** x rounded up to a whole multiple of `step` ms, at least one step; float64 dust (2.0000000000000004) is not a ms */
function billedAt(x: number, step: number): number {
  return Math.max(step, Math.ceil(Math.round((x / step) * 1e6) / 1e6) * step);
}

/**
 * Billed Duration checked against Duration: Lambda bills Duration rounded up to 1 ms (to 100 ms
 * before December 2020), with Init Duration added where INIT is billed (container images, custom
 * runtimes, and since August 2025 every on-demand function). Any of those forms is accepted; another
 * value (3 ms billed for a 200.1 ms run) is counted, and the first one named, for a note: the log is
 * still read, as faasim bills by the platform's rules, not by the log's Billed Duration.
 */
export class BilledCheck {
  #lines = 0;
  #bad = 0;
  #first = '';

  /** One REPORT line's fields; `where()` names it (called only for the first mismatch). NaN billed: not given. */
  check(durationMs: number, billedMs: number, initMs: number, where: () => string): void {
    if (Number.isNaN(billedMs)) return;
    this.#lines++;
    const init = initMs >= 0;
    for (const step of [1, 100]) {
      if (billedMs === billedAt(durationMs, step)) return;
      if (init && billedMs === billedAt(durationMs + initMs, step)) return;
    }
    if (this.#bad++ > 0) return;
    const forms = (step: number): string =>
      init
        ? `${billedAt(durationMs, step)} or ${billedAt(durationMs + initMs, step)} ms`
        : `${billedAt(durationMs, step)} ms`;
    this.#first = `${where()}: Billed Duration ${billedMs} ms for Duration ${durationMs} ms${init ? ` and Init Duration ${initMs} ms` : ''}, expected ${forms(1)} (Duration${init ? ', or Duration + Init Duration where INIT is billed,' : ''} rounded up to 1 ms; ${forms(100)} in the 100 ms era before December 2020)`;
  }

  /** The note, when a line did not match. */
  notes(): string[] {
    if (this.#bad === 0) return [];
    return [
      `Billed Duration does not match Duration on ${this.#bad.toLocaleString('en-US')} of ${this.#lines.toLocaleString('en-US')} REPORT lines, first ${this.#first}; the log is read as is: faasim bills by the platform's own rules`,
    ];
  }
}

export const REPORT_DERIVED = {
  arrival:
    'arrival = log time − Duration − Init Duration (the REPORT line is written when the invocation ends; INIT ran after a cold request arrived)',
  init: 'Init Duration marks an observed cold start and gives init_ms',
  memory: 'Max Memory Used gives memory_used_mb',
};

export async function readCloudWatchReport(
  file: string,
  opts: ImportOptions,
  onChunk: OnChunk,
): Promise<TraceInfo> {
  const b = new TraceBuilder(
    file,
    'cloudwatch-report',
    {
      timestamp: 'log time − Duration − Init Duration',
      function: opts.functionName ? '--function-name' : 'log group',
      duration_ms: 'Duration',
      init_ms: 'Init Duration',
      memory_used_mb: 'Max Memory Used',
    },
    opts,
    onChunk,
  );
  const f: ReportFields = { durationMs: 0, billedMs: 0, memorySizeMb: 0, maxMemoryUsedMb: 0, initMs: NaN };
  const p: PrefixBytes = { wholeMs: NaN, fracMs: 0, groupStart: -1, groupEnd: -1 };
  const sizes = new MemorySizes();
  const billed = new BilledCheck();
  const fixedFn = opts.functionName !== undefined ? b.fn(opts.functionName) : -1;
  // the last log group's name and bytes: a line naming the same group makes no string
  let lastGroup: string | null = null;
  let lastGroupBytes: Buffer = Buffer.alloc(0);
  let lastFn = -1;
  let named = false;
  let lineNo = 0;
  // where a bound check looks, set per line: no object per line on this hot path (an error copies it)
  const durAt = { line: 0, column: 'Duration' };
  const initAt = { line: 0, column: 'Init Duration' };
  /** the group named by p in `block`: lastGroup when its bytes are the same */
  const groupOf = (block: Buffer): string | null => {
    if (p.groupStart < 0) return null;
    const n = p.groupEnd - p.groupStart;
    if (
      lastGroup !== null &&
      n === lastGroupBytes.length &&
      block.compare(lastGroupBytes, 0, n, p.groupStart, p.groupEnd) === 0
    )
      return lastGroup;
    // UTF-8, as every reader decodes names: bytes that are not become U+FFFD and are refused
    return block.toString('utf8', p.groupStart, p.groupEnd);
  };
  try {
    await readLineBlocks(
      file,
      opts.source,
      (block, start) => {
        const n = block.length;
        let pos = start;
        while (pos < n) {
          const line = ++lineNo;
          const from = pos;
          // the mark and the log time before it, in one pass; negative: the line has no mark
          const at = parsePrefixBytes(block, from, n, p, REPORT_MARK_BYTES);
          if (at < 0 || at === n) {
            pos = at < 0 ? -at : n;
            b.ignoredLines++;
            continue;
          }
          // the fields are read up to the line's '\n', and the line's end looked for after them
          const ok = parseReportBytes(block, at, n, f);
          let nl = ok ? reportCursor() : at;
          while (nl < n && block[nl] !== 10) nl++;
          pos = nl + 1;
          if (!ok) {
            const end = nl > from && block[nl - 1] === 13 ? nl - 1 : nl;
            b.bad(
              'REPORT_BAD_LINE',
              `REPORT line without ${reportExpected(block.toString('latin1', from, end), from)}`,
              { line },
            );
            continue;
          }
          if (Number.isNaN(p.wholeMs)) {
            if (b.info.rows === 0 && b.info.skippedRows === 0) {
              b.bad(
                'REPORT_NO_TIME',
                'REPORT line without a log time before it: arrival times cannot be derived; print the log with its times (`aws logs tail GROUP` prints "TIME STREAM MESSAGE") or export it with Logs Insights',
                { line },
              );
            } else {
              b.bad(
                'REPORT_NO_TIME',
                'REPORT line without a log time before it, where earlier lines had one (expected "TIME [STREAM] REPORT RequestId: …")',
                { line },
              );
            }
            continue;
          }
          let fn = fixedFn;
          if (fn < 0) {
            const group = groupOf(block);
            if (group !== lastGroup || lastFn < 0) {
              // a refused name is never the last group: its next line is checked again
              if (group !== null && b.refusesName(group, { line, column: 'log group' })) continue;
              if (group !== null && group !== lastGroup)
                lastGroupBytes = Buffer.from(block.subarray(p.groupStart, p.groupEnd));
              lastGroup = group;
              lastFn = b.fn(group ?? 'function');
            }
            fn = lastFn;
            if (group !== null) named = true;
          }
          const init = f.initMs;
          durAt.line = initAt.line = line;
          if (b.refusesLength(f.durationMs, f.durationMs, 'a run time', durAt)) continue;
          if (init >= 0 && b.refusesLength(init, init, 'an INIT', initAt)) continue;
          sizes.add(f.memorySizeMb);
          billed.check(f.durationMs, f.billedMs, init, () => `${file}:${line}`);
          b.add(
            b.time(p.wholeMs, p.fracMs) - f.durationMs - (init >= 0 ? init : 0),
            fn,
            f.durationMs,
            init,
            f.maxMemoryUsedMb,
            0,
          );
        }
      },
      () => lineNo,
      opts.readBytes,
    );
    const info = b.info;
    info.derived = [
      REPORT_DERIVED.arrival,
      REPORT_DERIVED.init,
      REPORT_DERIVED.memory,
      functionSource(opts.functionName, named),
      sizes.describe(),
    ];
    info.memorySizes = sizes.list();
    const notes = billed.notes();
    if (notes.length > 0) info.notes = notes;
    return b.finish('REPORT lines ("TIME [STREAM] REPORT RequestId: … Duration: N ms …")');
  } finally {
    b.cleanup();
  }
}

export function functionSource(flag: string | undefined, named: boolean): string {
  if (flag !== undefined) return `function name from --function-name (${flag})`;
  return named
    ? 'function names from the log group (/aws/lambda/NAME)'
    : 'no log group in the lines: one function, "function" (name it with --function-name)';
}
