/** How readTraceCsv reads a CSV trace. */
import type { LogicalColumn } from '../trace.js';
import type { TimeUnit } from '../timestamp.js';

export interface ReadTraceOptions {
  /** header names for logical columns, e.g. { timestamp: 'ts', duration_ms: 'took' } */
  columns?: Partial<Record<LogicalColumn, string>>;
  /** unit of numeric timestamps; inferred from their magnitude when absent */
  timeUnit?: TimeUnit;
  /** unit of the duration column (default ms); without it, durations that look like seconds are refused */
  durationUnit?: TimeUnit;
  /** what the timestamp marks: the request's start (default) or its end (arrival = end − duration − init_ms) */
  timestampIs?: 'start' | 'end';
  /**
   * what the memory_used_mb column measures (TraceInfo.memoryIs): each request's own memory (default)
   * or the memory of the whole process serving it; 'process' needs the column
   */
  memoryIs?: 'request' | 'process';
  /** accept rows out of time order (the caller sorts them) */
  allowUnsorted?: boolean;
  /** skip malformed rows instead of failing, and report them */
  skipBadRows?: boolean;
  /** rows per chunk handed to onChunk */
  chunkRows?: number;
  /**
   * 'auto' (default): plain input is split and its fields read from the bytes (byte-records.ts), and
   * csv-parse reads from the first '"' or '\r'; 'strings': plain input is split into strings
   * (plain-csv.ts), then csv-parse likewise; 'csv-parse': csv-parse reads everything. Tests compare
   * the three.
   */
  parser?: 'auto' | 'strings' | 'csv-parse';
  /** bytes per read from the file (tests use small reads to cut records across chunks) */
  readBytes?: number;
}
