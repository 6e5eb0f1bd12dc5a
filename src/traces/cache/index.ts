/**
 * `--cache DIR`: the first read of a trace writes its decoded columns to DIR (format.ts); a later
 * read with the same reader options of the same, unchanged file reads them back instead of parsing.
 * `--cache beside` puts the cache next to the trace.
 *
 * A cache is used only when the source's size and modification time are what they were when it was
 * written (and those of the Azure 2019 side files); its SHA-256 is recorded too, for the record and
 * for `faasim inspect`-style checks, but not recomputed on every read (that would cost a full pass
 * over the source, which is what the cache saves). Standard input, pipes and folders are not cached:
 * nothing can tell whether they changed.
 */
import { createHash } from 'node:crypto';
import { createReadStream, realpathSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { inputError } from '../../errors.js';
import { makeDirs } from '../../util/make-dirs.js';
import { notice, status } from '../../util/notices.js';
import type { AnyTraceOptions } from '../read-options.js';
import type { TraceChunk, TraceInfo } from '../trace.js';
import { CACHE_VERSION, CacheDamaged, CacheWriter, readCacheFooter, readCacheGroups } from './format.js';

/** The reader options that change what is decoded (not how fast: chunk sizes, parser choice, read sizes). */
const DECODING_OPTIONS = [
  'columns',
  'timeUnit',
  'durationUnit',
  'timestampIs',
  'memoryIs',
  'allowUnsorted',
  'skipBadRows',
  'inputFormat',
  'functionName',
  'spreadSeed',
  'maxRequests',
] as const;

interface SourceIdentity {
  path: string;
  sizeBytes: number;
  mtimeMs: number;
}

function identityOf(path: string): SourceIdentity {
  const st = statSync(path);
  return { path: realpathSync(path), sizeBytes: st.size, mtimeMs: st.mtimeMs };
}

/**
 * What decides the decoded trace: the source, its side files and the reader options; null when one
 * of the files cannot be looked at (the reader then says what is wrong with it, in its own words).
 */
function cacheKey(file: string, opts: AnyTraceOptions): Record<string, unknown> | null {
  const options: Record<string, unknown> = {};
  for (const k of DECODING_OPTIONS) if (opts[k] !== undefined) options[k] = opts[k];
  try {
    const side: Record<string, SourceIdentity> = {};
    if (opts.durationsFile !== undefined) side['durations'] = identityOf(opts.durationsFile);
    if (opts.memoryFile !== undefined) side['memory'] = identityOf(opts.memoryFile);
    return { version: CACHE_VERSION, source: identityOf(file), side, options };
  } catch {
    return null;
  }
}

const stable = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );

/** Why `file` cannot be cached, or null. */
function notCacheable(file: string): string | null {
  if (file === '-' || file === '/dev/stdin')
    return 'standard input is not cached (nothing can tell whether it changed)';
  try {
    const st = statSync(file);
    if (st.isDirectory()) return 'a folder of files is not cached';
    if (!st.isFile()) return 'a pipe or device is not cached (nothing can tell whether it changed)';
  } catch {
    return null; // the reader reports a missing file itself
  }
  return null;
}

function cacheDirFor(file: string, cacheDir: string): string {
  return cacheDir === 'beside' ? dirname(resolve(file)) : resolve(cacheDir);
}

function sha256Of(path: string): Promise<string> {
  return new Promise((ok, fail) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (b) => h.update(b))
      .on('error', fail)
      .on('end', () => ok(h.digest('hex')));
  });
}

/**
 * The rows a matching cache of `file` holds (its footer's count, read without the row groups), or
 * undefined when there is none: the progress bar's exact total where it would otherwise guess from
 * the file's size.
 */
export function cachedRows(file: string, opts: AnyTraceOptions): number | undefined {
  if (opts.cacheDir === undefined || notCacheable(file) !== null) return undefined;
  const key = cacheKey(file, opts);
  if (key === null) return undefined;
  const keyText = stable(key);
  const footer = readCacheFooter(cachePath(file, opts.cacheDir, keyText));
  return footer !== null && stable(footer['key']) === keyText && typeof footer['rows'] === 'number'
    ? footer['rows']
    : undefined;
}

function cachePath(file: string, cacheDir: string, keyText: string): string {
  return join(
    cacheDirFor(file, cacheDir),
    `${basename(file)}.${createHash('sha256').update(keyText).digest('hex').slice(0, 16)}.faasim-trace`,
  );
}

/**
 * Reads `file` through the cache in `cacheDir`: from it when it matches, else with `read` (the
 * normal reader), writing it as the chunks pass. `info.cache` says which.
 */
export async function readThroughCache(
  file: string,
  cacheDir: string,
  opts: AnyTraceOptions,
  onChunk: (chunk: TraceChunk, info: TraceInfo) => void,
  read: (onChunk: (chunk: TraceChunk, info: TraceInfo) => void) => Promise<TraceInfo>,
): Promise<TraceInfo> {
  const why = notCacheable(file);
  if (why !== null) {
    const info = await read(onChunk);
    said(file, info, `not cached: ${why}`);
    return info;
  }
  const key = cacheKey(file, opts);
  if (key === null) return read(onChunk);
  const keyText = stable(key);
  const dir = cacheDirFor(file, cacheDir);
  const path = cachePath(file, cacheDir, keyText);

  const footer = readCacheFooter(path);
  // rows of a damaged cache handed on before the damaged group: the normal read skips them
  let handedOn = 0;
  if (footer !== null && stable(footer['key']) === keyText) {
    const info = footer['info'] as TraceInfo;
    info.file = file;
    info.cache = `read from the trace cache ${path} (decoded ${String(footer['writtenAt'])}; source SHA-256 ${String(footer['sha256']).slice(0, 12)}…)`;
    try {
      // each row group's CRC-32 is checked before its rows go on: a damaged byte would otherwise
      // be read as a slightly different trace
      readCacheGroups(path, (chunk) => onChunk(chunk, info), true);
      said(file, info, info.cache);
      return info;
    } catch (e) {
      if (!(e instanceof CacheDamaged)) throw e;
      handedOn = e.rows;
    }
  }

  // a folder the user named is refused when it cannot be written (they asked for the cache there);
  // `beside` is wherever the trace happens to be (a read-only share, a mounted data set): the run
  // goes on without a cache and says why
  const unwritable = async (what: string, e: unknown): Promise<TraceInfo> => {
    if (cacheDir !== 'beside')
      throw inputError('CACHE_DIR', `--cache ${cacheDir}: ${what} ${dir} (${(e as Error).message})`);
    const info = await read(skipping(handedOn, onChunk));
    said(file, info, `not cached: ${what} ${dir} (${errorCode(e)})`);
    return info;
  };
  try {
    // not mkdirSync's recursive, which loops forever on Node 20 under /proc (util/make-dirs.ts)
    makeDirs(dir);
  } catch (e) {
    return unwritable('cannot create', e);
  }
  // written beside its final name and renamed when complete, so a failed or parallel read never
  // leaves a half-written cache that a later read would take
  const partial = `${path}.${process.pid}.partial`;
  let writer: CacheWriter;
  try {
    writer = cacheWriterSeam.open(partial);
  } catch (e) {
    return unwritable('cannot write in', e);
  }
  // the partial file closed and removed, whatever state it is in (its folder may be gone)
  const discard = (): void => {
    try {
      writer.close();
    } catch {
      // the descriptor is released either way
    }
    try {
      unlinkSync(partial);
    } catch {
      // already gone
    }
  };
  // a write that fails partway (a full disk, the folder removed) ends the cache, not the run: the
  // rows come from the source all along. Like an unwritable `beside`, the report says why; the user
  // asked for the cache, so one line on stderr says so too (src/util/notices.ts)
  const notWritten = (info: TraceInfo, e: unknown): TraceInfo => {
    discard();
    info.cache = `not cached: could not finish writing in ${dir} (${errorCode(e)})`;
    notice(
      `--cache ${cacheDir}: could not finish writing the trace cache in ${dir} (${(e as Error).message}); the trace was read without it`,
    );
    return info;
  };
  let failed: { error: unknown } | null = null;
  const handOn = skipping(handedOn, onChunk);
  let info: TraceInfo;
  try {
    info = await read((chunk, i) => {
      if (failed === null) {
        try {
          writer.write(chunk);
        } catch (e) {
          failed = { error: e };
          discard();
        }
      }
      handOn(chunk, i);
    });
  } catch (e) {
    discard();
    throw e;
  }
  if (failed !== null) return notWritten(info, (failed as { error: unknown }).error);
  let sha256: string;
  try {
    sha256 = await sha256Of(file);
  } catch (e) {
    discard();
    throw e;
  }
  // the source changed while it was read: the cache would not describe it
  if (stable(cacheKey(file, opts)) !== keyText) {
    discard();
    said(file, info, 'not cached: the trace changed while it was read');
    return info;
  }
  try {
    const writtenAt = new Date().toISOString();
    writer.finish({ key, sha256, writtenAt, info: { ...info, cache: undefined } });
    renameSync(partial, path);
  } catch (e) {
    return notWritten(info, e);
  }
  said(file, info, `written to the trace cache ${path}`);
  return info;
}

/**
 * How the trace was read, kept in TraceInfo.cache for library callers and said as a status line
 * (src/util/notices.ts) rather than in the report: whether the rows came from the cache changes no
 * figure, so a cached run's report is byte for byte the one without.
 */
function said(file: string, info: TraceInfo, line: string): void {
  info.cache = line;
  status(`${file}: ${line}`);
}

/** A file-system error's code (EACCES, ENOSPC), else its message. */
function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/**
 * How the cache file is opened for writing: a seam for the tests, which put a writer there that
 * fails partway (a full disk cannot be arranged in a test).
 */
export const cacheWriterSeam = {
  open: (path: string): CacheWriter => new CacheWriter(path),
};

/**
 * `onChunk` for the rows after the first `skip`: those a damaged cache handed on before its damage
 * (the normal read decodes the same rows in the same order, so the run sees each row once).
 */
function skipping(
  skip: number,
  onChunk: (chunk: TraceChunk, info: TraceInfo) => void,
): (chunk: TraceChunk, info: TraceInfo) => void {
  return (chunk, info) => {
    if (skip === 0) onChunk(chunk, info);
    else if (skip >= chunk.count) skip -= chunk.count;
    else {
      onChunk(rowsFrom(chunk, skip), info);
      skip = 0;
    }
  };
}

/** The rows of `chunk` from `from` on, as views of its arrays. */
function rowsFrom(c: TraceChunk, from: number): TraceChunk {
  const to = c.count;
  return {
    count: to - from,
    timeMs: c.timeMs.subarray(from, to),
    fn: c.fn.subarray(from, to),
    durationMs: c.durationMs.subarray(from, to),
    initMs: c.initMs.subarray(from, to),
    isAsync: c.isAsync.subarray(from, to),
    memoryUsedMb: c.memoryUsedMb.subarray(from, to),
    cpuMs: c.cpuMs.subarray(from, to),
    responseBytes: c.responseBytes.subarray(from, to),
    isCold: c.isCold.subarray(from, to),
  };
}
