/**
 * The importers: one reader per format, each producing the same chunks and TraceInfo as the CSV
 * reader. `readImported` picks the reader from --input-format or from the file's first bytes
 * (sniff.ts), and returns null for faasim's own CSV, which read.ts reads as before.
 */
import { statSync } from 'node:fs';
import type { TraceInfo } from '../trace.js';
import type { OnChunk } from './builder.js';
import { readAzure2019 } from './azure-2019.js';
import { readAzure2021 } from './azure-2021.js';
import { readCloudWatchReport } from './cloudwatch-report.js';
import { readLambdaJson } from './lambda-json.js';
import { readLogEventsJson } from './log-events.js';
import { readLogsInsightsCsv, readLogsInsightsJson } from './logs-insights.js';
import type { ImportOptions } from './options.js';
import { inputError } from '../../errors.js';
import { formatOfText } from './sniff.js';
import type { TraceSource } from '../source.js';

export type { ImportedTraceOptions } from './options.js';
export { INPUT_FORMATS, type InputFormat } from './builder.js';

/**
 * True when the trace is the Azure 2019 set of files (a folder, or counts with --durations): read by
 * path, never as one opened source.
 */
export function importsFiles(file: string, opts: ImportOptions): boolean {
  return (
    opts.inputFormat === 'azure-2019' ||
    (opts.inputFormat === undefined && (isFolder(file) || opts.durationsFile !== undefined))
  );
}

/** The Azure 2019 files (importsFiles is true), read by their paths. */
export function readImportedFiles(file: string, opts: ImportOptions, onChunk: OnChunk): Promise<TraceInfo> {
  refuseCsvOnlyFlags(csvOnlyFlags(opts), 'azure-2019', file, opts.inputFormat !== undefined);
  return readAzure2019(file, opts, onChunk);
}

/**
 * `source` is the trace opened by read.ts: its first bytes tell the format, and a stream (a pipe,
 * standard input) is read from it, once. Null for faasim's own CSV.
 */
export async function readImported(
  file: string,
  source: TraceSource,
  opts: ImportOptions,
  onChunk: OnChunk,
): Promise<TraceInfo | null> {
  const csvFlags = csvOnlyFlags(opts);
  // a user who maps columns or units by hand is reading the file as faasim's CSV (--memory-is says
  // what a column means, not how to read the file: a log file given it is still told apart, and refused)
  const mapsByHand = csvFlags.some((f) => f !== '--memory-is');
  const head = source.head.toString('utf8');
  const format = opts.inputFormat ?? (mapsByHand ? 'csv' : formatOfText(head));
  if (format !== 'csv') refuseCsvOnlyFlags(csvFlags, format, file, opts.inputFormat !== undefined);
  // a JSON object that is none of the JSON formats: saying so beats a CSV parser's complaint about a quote
  if (format === 'csv' && opts.inputFormat === undefined && !mapsByHand && /^\uFEFF?\s*\{/.test(head))
    throw inputError(
      'TRACE_FORMAT',
      'this is JSON, but not a trace format faasim reads: JSON traces are CloudWatch Logs Insights results (an array, or {"results": …}), aws logs filter-log-events / get-log-events output ({"events": …}) and Lambda JSON log lines ("type": "platform.report"); otherwise faasim reads CSV (one row per request or per-minute counts), CloudWatch REPORT lines and the Azure 2019/2021 traces (--input-format)',
      { file },
    );
  opts = { ...opts, source };
  switch (format) {
    case 'csv':
      return null;
    case 'cloudwatch-report':
      return readCloudWatchReport(file, opts, onChunk);
    case 'lambda-json':
      return readLambdaJson(file, opts, onChunk);
    case 'logs-insights-csv':
      return readLogsInsightsCsv(file, opts, onChunk);
    case 'logs-insights-json':
      return readLogsInsightsJson(file, opts, onChunk);
    case 'log-events-json':
      return readLogEventsJson(file, opts, onChunk);
    case 'azure-2019':
      return readAzure2019(file, opts, onChunk);
    case 'azure-2021':
      return readAzure2021(file, opts, onChunk);
  }
}

/** The flags that say how to read faasim's CSV (columns, units); the importers know their formats' own. */
function csvOnlyFlags(opts: ImportOptions): string[] {
  const given: string[] = [];
  if (opts.columns !== undefined) given.push('--columns');
  if (opts.timeUnit !== undefined) given.push('--time-unit');
  if (opts.durationUnit !== undefined) given.push('--duration-unit');
  if (opts.timestampIs !== undefined) given.push('--timestamp-is');
  if (opts.memoryIs !== undefined) given.push('--memory-is');
  return given;
}

/** `named`: the user gave --input-format (else the format was told from the file). */
function refuseCsvOnlyFlags(csvFlags: string[], format: string, file: string, named: boolean): void {
  if (csvFlags.length === 0) return;
  throw inputError(
    'OPTION_NOT_FOR_FORMAT',
    `${csvFlags.join(', ')} ${csvFlags.length === 1 ? 'applies' : 'apply'} to faasim's CSV, not to ${named ? '--input-format ' : 'this file, read as '}${format}, which names its own columns and units and says what its memory measures; leave ${csvFlags.length === 1 ? 'it' : 'them'} out, or read the file with --input-format csv`,
    { file },
  );
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false; // the reader reports a missing file itself
  }
}
