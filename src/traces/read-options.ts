/**
 * Everything a trace reader may be told, whatever the layout. Its own module because the trace
 * cache (cache/index.ts) keys on these options and read.ts calls the cache.
 */
import type { ReadTraceOptions } from './read-csv.js';
import type { ImportedTraceOptions } from './formats/index.js';

export interface AnyTraceOptions extends ReadTraceOptions, ImportedTraceOptions {
  /** seed of the spread of counted requests within their minute */
  spreadSeed?: number | string;
  /** refuse a count trace counting more requests than this (loadTrace holds them all) */
  maxRequests?: number;
  /** --cache: folder of the binary trace cache ('beside': next to the trace); absent: no cache */
  cacheDir?: string;
}
