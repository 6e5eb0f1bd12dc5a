/** What the importers take beyond the CSV reader's options (flags --input-format, --function, --durations, --memory-file). */
import type { ReadTraceOptions } from '../read-csv.js';
import type { InputFormat } from './builder.js';
import type { TraceSource } from '../source.js';

export interface ImportedTraceOptions {
  /** the format, instead of sniffing it from the first bytes */
  inputFormat?: InputFormat;
  /** function name when a log does not name its group (overrides the group's name) */
  functionName?: string;
  /** Azure 2019: the duration-percentile file that goes with the invocation counts */
  durationsFile?: string;
  /** Azure 2019: the app memory-percentile file */
  memoryFile?: string;
  /** rows sorted in memory before a sorted run is spilled to a temp folder (default 1,048,576) */
  runRows?: number;
  /** parent folder of the temp folder for spilled runs (default: the OS temp folder) */
  tempDir?: string;
  /**
   * the trace already opened by read.ts: a pipe or standard input can be read only once, and its
   * first bytes were taken to sniff the format, so the importer reads this source, not the path
   */
  source?: TraceSource;
  /** seed of every draw an importer makes (run times from percentiles; the spread within a minute) */
  spreadSeed?: number | string;
}

export type ImportOptions = ReadTraceOptions & ImportedTraceOptions;
