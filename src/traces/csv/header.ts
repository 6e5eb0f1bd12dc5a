/**
 * Header resolution: which field of a record holds which logical column. Names are matched without
 * case, duration and init also without their `_ms` suffix; a --columns name missing from the header,
 * a column named twice and a header without a timestamp are refused.
 */
import { basename } from 'node:path';
import { LOGICAL_COLUMNS, type LogicalColumn, type TraceInfo } from '../trace.js';
import type { ReadTraceOptions } from './options.js';

/** Field index of each logical column (−1 when absent), and how many fields rows need and may have. */
export interface ColumnLayout {
  ts: number;
  fn: number;
  dur: number;
  init: number;
  type: number;
  mem: number;
  cpu: number;
  bytes: number;
  cold: number;
  /** the `app` (or `HashApp`) column, −1 when absent: the app of a function is read where it first appears */
  app: number;
  /** the `trigger` column, −1 when absent: read as the app is (Azure Flex scales by trigger group) */
  trigger: number;
  /** fields a row needs: one past the last column read */
  width: number;
  /** fields in the header: a row with more is refused */
  headerFields: number;
}

/** The start of the refusal of --memory-is process for a trace without memory (the count layouts say it too). */
export const MEMORY_IS_PROCESS_NEEDS =
  '--memory-is process needs a memory_used_mb column (the memory of the process serving each request)';

/** Throws the error for the header (file and line are the caller's). */
export type HeaderFail = (code: string, message: string) => never;

/** A header's names for a message: the first few, not a wide header's thousands. */
export function listOf(names: string[]): string {
  const shown = names.slice(0, 8).join(', ');
  return names.length > 8 ? `${shown} and ${names.length - 8} more` : shown;
}

/** Column names faasim reads, for telling a header with another separator (otherSeparator). */
const KNOWN_NAMES = new Set<string>([
  ...LOGICAL_COLUMNS,
  ...LOGICAL_COLUMNS.filter((c) => c.endsWith('_ms')).map((c) => c.slice(0, -3)),
  'count',
  'app',
  'hashapp',
  'trigger',
]);

/**
 * The refusal of a header that has no comma but splits on ';' or a tab into names faasim knows (or
 * --columns maps): a file exported with another separator. Null for any other header.
 */
export function otherSeparator(rec: string[], opts: ReadTraceOptions, file: string): string | null {
  if (rec.length !== 1) return null;
  const only = (rec[0] as string).replace(/^\uFEFF/, '');
  const mapped = new Set(Object.values(opts.columns ?? {}).map((n) => String(n).toLowerCase()));
  for (const [sep, what, tr] of [
    [';', 'semicolon', "';'"],
    ['\t', 'tab', "'\\t'"],
  ] as const) {
    const parts = only.split(sep).map((p) => p.trim().toLowerCase());
    if (parts.length < 2 || !parts.some((p) => KNOWN_NAMES.has(p) || mapped.has(p))) continue;
    const name = file === '-' ? 'trace.csv' : basename(file);
    const stem = name.replace(/\.[^.]*$/, '');
    return `the header looks ${what}-separated; faasim reads comma-separated CSV: export it again with commas, or convert it with tr ${tr} ',' < ${name} > ${stem}-comma.csv (when no field holds a comma)`;
  }
  return null;
}

/** Resolves the header record `rec`, recording each column's header name in info.columns. */
export function resolveHeader(
  rec: string[],
  opts: ReadTraceOptions,
  info: TraceInfo,
  fail: HeaderFail,
): ColumnLayout {
  const separated = otherSeparator(rec, opts, info.file);
  if (separated !== null) fail('TRACE_SEPARATOR', separated);
  const names = rec.map((h) => h.trim().replace(/^\uFEFF/, ''));
  const lower = names.map((h) => h.toLowerCase());
  const seen = new Map<string, number>();
  lower.forEach((h, i) => {
    const first = seen.get(h);
    if (h !== '' && first !== undefined)
      fail(
        'TRACE_DUPLICATE_COLUMN',
        `column "${h}" appears twice in the header (columns ${first + 1} and ${i + 1})`,
      );
    seen.set(h, i);
  });
  const find = (logical: LogicalColumn): number => {
    const wanted = (opts.columns?.[logical] ?? logical).toLowerCase();
    let i = lower.indexOf(wanted);
    // duration and init are also accepted without the _ms suffix when not renamed; a header with
    // both forms is ambiguous, so neither is picked
    if (opts.columns?.[logical] === undefined && wanted.endsWith('_ms')) {
      const bare = lower.indexOf(wanted.slice(0, -3));
      if (i >= 0 && bare >= 0)
        fail(
          'TRACE_DUPLICATE_COLUMN',
          `columns "${names[bare]}" (${bare + 1}) and "${names[i]}" (${i + 1}) both name the ${logical === 'init_ms' ? 'INIT time' : 'run time'}; keep one, or map one with --columns ${logical}=NAME`,
        );
      if (i < 0) i = bare;
    }
    if (i < 0 && opts.columns?.[logical] !== undefined) {
      fail(
        'TRACE_MISSING_COLUMN',
        `--columns maps ${logical} to "${opts.columns[logical]}", which is not in the header (${listOf(names)})`,
      );
    }
    if (i >= 0) info.columns[logical] = names[i] as string;
    return i;
  };
  const ts = find('timestamp');
  const fn = find('function');
  const dur = find('duration_ms');
  const init = find('init_ms');
  const type = find('type');
  const mem = find('memory_used_mb');
  const cpu = find('cpu_ms');
  const bytes = find('response_bytes');
  const cold = find('is_cold');
  if (ts < 0) {
    fail(
      'TRACE_MISSING_COLUMN',
      `no "timestamp" column in the header (${listOf(names)}); name it timestamp or map it with --columns timestamp=NAME`,
    );
  }
  if (opts.timestampIs === 'end' && dur < 0) {
    fail(
      'TRACE_MISSING_COLUMN',
      '--timestamp-is end needs a duration column (arrival = end − duration); the header has none',
    );
  }
  if (opts.memoryIs === 'process' && mem < 0) {
    fail('TRACE_MISSING_COLUMN', `${MEMORY_IS_PROCESS_NEEDS}; the header has none`);
  }
  // not a logical column (no --columns mapping): only Azure providers read it, by these names
  let app = lower.indexOf('app');
  if (app < 0) app = lower.indexOf('hashapp');
  if (app >= 0 && fn >= 0) info.functionApps = [];
  else app = -1;
  let trigger = lower.indexOf('trigger');
  if (trigger >= 0 && fn >= 0) info.functionTriggers = [];
  else trigger = -1;
  const width = Math.max(ts, fn, dur, init, type, mem, cpu, bytes, cold, app, trigger) + 1;
  return { ts, fn, dur, init, type, mem, cpu, bytes, cold, app, trigger, width, headerFields: rec.length };
}
