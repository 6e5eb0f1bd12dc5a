/**
 * Reads a trace whatever its layout: one row per request (read-csv.ts), or counts per minute in the
 * long or the Azure wide layout (read-minute-counts.ts), told apart by the header. `file` may be a
 * pipe, a FIFO or `-` (standard input): read in one pass (source.ts).
 */
import type { AnyTraceOptions } from './read-options.js';
import { readTraceCsvAuto, type ReadMode } from './read-pipelined.js';
import { countLayoutOf, readMinuteCounts } from './read-minute-counts.js';
import { headerNames, openTraceSource } from './source.js';
import { importsFiles, readImported, readImportedFiles } from './formats/index.js';
import type { TraceChunk, TraceInfo } from './trace.js';
import { readThroughCache } from './cache/index.js';

export type { AnyTraceOptions } from './read-options.js';

/** `mode` applies to per-request files: 'auto' parses large ones on a worker thread (read-pipelined.ts). */
export async function readTrace(
  file: string,
  opts: AnyTraceOptions,
  onChunk: (chunk: TraceChunk, info: TraceInfo) => void,
  mode: ReadMode = 'in-process',
): Promise<TraceInfo> {
  if (opts.cacheDir !== undefined)
    return readThroughCache(file, opts.cacheDir, opts, onChunk, (each) => readSource(file, opts, each, mode));
  return readSource(file, opts, onChunk, mode);
}

async function readSource(
  file: string,
  opts: AnyTraceOptions,
  onChunk: (chunk: TraceChunk, info: TraceInfo) => void,
  mode: ReadMode,
): Promise<TraceInfo> {
  // logs and public traces in their own formats (src/traces/formats/), given or sniffed
  if (importsFiles(file, opts)) return readImportedFiles(file, opts, onChunk);
  const source = await openTraceSource(file);
  const imported = await readImported(file, source, opts, onChunk);
  if (imported !== null) return imported;
  const layout = countLayoutOf(headerNames(source.head));
  if (layout) return readMinuteCounts(source, layout, opts, onChunk);
  return readTraceCsvAuto(file, opts, onChunk, mode, source);
}
