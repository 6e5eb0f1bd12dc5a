/**
 * Reads a trace whatever its layout: one row per request (read-csv.ts), or counts per minute in the
 * long or the Azure wide layout (read-minute-counts.ts), told apart by the header.
 */
import { open } from 'node:fs/promises';
import { inputError } from '../errors.js';
import type { ReadTraceOptions } from './read-csv.js';
import { readTraceCsvAuto, type ReadMode } from './read-pipelined.js';
import { countLayoutOf, readMinuteCounts } from './read-minute-counts.js';
import { readImported, type ImportedTraceOptions } from './formats/index.js';
import type { TraceChunk, TraceInfo } from './trace.js';

export interface AnyTraceOptions extends ReadTraceOptions, ImportedTraceOptions {
  /** seed of the spread of counted requests within their minute */
  spreadSeed?: number | string;
}

/** `mode` applies to per-request files: 'auto' parses large ones on a worker thread (read-pipelined.ts). */
export async function readTrace(file: string, opts: AnyTraceOptions, onChunk: (chunk: TraceChunk, info: TraceInfo) => void, mode: ReadMode = 'in-process'): Promise<TraceInfo> {
  // logs and public traces in their own formats (src/traces/formats/), given or sniffed
  const imported = await readImported(file, opts, onChunk);
  if (imported !== null) return imported;
  const layout = countLayoutOf(await headerOf(file));
  if (layout) return readMinuteCounts(file, layout, opts, onChunk);
  return readTraceCsvAuto(file, opts, onChunk, mode);
}

/** The first line's comma-separated names (enough to tell the layouts apart). */
async function headerOf(file: string): Promise<string[]> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    throw inputError('FILE_UNREADABLE', `cannot read the trace: ${(e as Error).message}`, { file });
  }
  try {
    const buf = Buffer.alloc(65_536);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    const end = text.search(/\r?\n/);
    return (end < 0 ? text : text.slice(0, end)).split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  } finally {
    await handle.close();
  }
}
