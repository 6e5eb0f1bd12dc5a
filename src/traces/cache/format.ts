/**
 * The binary trace cache file: a decoded trace's columns as they sit in memory, so re-reading it
 * costs a few large reads instead of UTF-8 decoding, row splitting and number parsing (issue 12 §1).
 *
 *   "FAASIMTC" (8 bytes), version u32, 4 bytes reserved
 *   row groups, each: rows u32, column mask u32, CRC-32 u32 of the rows, the mask and the values,
 *     4 bytes reserved, then every column whose bit is set, its values in native (little-endian)
 *     order, padded to 8 bytes — so every typed array starts 8-aligned
 *   footer: UTF-8 JSON (source identity, reader options, TraceInfo, totals), its length u32, its
 *     CRC-32 u32, "FAASIMTE" (8 bytes)
 *
 * A column left out of a group (its bit clear) holds only its default there (NaN for the measured
 * columns, 0 for the flags and the function index): most traces have no INIT, memory, CPU or response-size column,
 * and those cost nothing. Row groups are streamed in and out, so neither writing nor reading holds
 * the whole trace.
 */
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import type { TraceChunk } from '../trace.js';
import { crc32 } from './crc32.js';

/**
 * 2: the response_bytes column (a version-1 cache has no such key in its TraceInfo: it is read again);
 * 3: TraceInfo.functionTriggers (the trigger column), which a version-2 cache would lack;
 * 4: a CRC-32 per row group and one of the footer (a damaged byte was read as a slightly different
 *    trace), checked as each group is read, before its rows are handed on
 * 5: TraceInfo.memoryIs (an Azure 2019 trace's memory is the process's), which a version-4 cache lacks
 * 6: TraceInfo.memorySizes (a log's Memory Size, for calibrate) and notes (a partial query result,
 *    more pages), which a version-5 cache lacks
 */
export const CACHE_VERSION = 6;
const MAGIC = Buffer.from('FAASIMTC');
const END_MAGIC = Buffer.from('FAASIMTE');
const HEADER_BYTES = 16;
const GROUP_HEADER_BYTES = 16;
/** json length u32, CRC-32 u32, END_MAGIC */
const TAIL_BYTES = 8 + 8;

type ColumnName = Exclude<keyof TraceChunk, 'count'>;
interface ColumnSpec {
  name: ColumnName;
  bytes: 1 | 4 | 8;
  /** NaN or 0: the value a column left out of a group holds */
  fill: number;
  make: (buffer: ArrayBuffer, byteOffset: number, length: number) => Float64Array | Uint32Array | Uint8Array;
}

const f64 = (b: ArrayBuffer, o: number, n: number): Float64Array => new Float64Array(b, o, n);
const COLUMNS: readonly ColumnSpec[] = [
  { name: 'timeMs', bytes: 8, fill: NaN, make: f64 },
  { name: 'fn', bytes: 4, fill: 0, make: (b, o, n) => new Uint32Array(b, o, n) },
  { name: 'durationMs', bytes: 8, fill: NaN, make: f64 },
  { name: 'initMs', bytes: 8, fill: NaN, make: f64 },
  { name: 'isAsync', bytes: 1, fill: 0, make: (b, o, n) => new Uint8Array(b, o, n) },
  { name: 'memoryUsedMb', bytes: 8, fill: NaN, make: f64 },
  { name: 'cpuMs', bytes: 8, fill: NaN, make: f64 },
  { name: 'isCold', bytes: 1, fill: 0, make: (b, o, n) => new Uint8Array(b, o, n) },
  // added in version 2, after the others so that a column's bit in the mask keeps its meaning
  { name: 'responseBytes', bytes: 8, fill: NaN, make: f64 },
];

const pad8 = (n: number): number => (n + 7) & ~7;

/** Whether a column holds anything but its fill in rows 0..count. */
function carriesValues(a: ArrayLike<number>, count: number, fill: number): boolean {
  if (Number.isNaN(fill)) {
    for (let i = 0; i < count; i++) if (!Number.isNaN(a[i] as number)) return true;
  } else {
    for (let i = 0; i < count; i++) if (a[i] !== fill) return true;
  }
  return false;
}

/** Appends row groups to a new cache file; `finish` writes the footer. */
export class CacheWriter {
  readonly #fd: number;
  #rows = 0;
  #groups = 0;
  #closed = false;

  constructor(path: string) {
    this.#fd = openSync(path, 'w');
    const head = Buffer.alloc(HEADER_BYTES);
    MAGIC.copy(head, 0);
    head.writeUInt32LE(CACHE_VERSION, 8);
    writeSync(this.#fd, head);
  }

  write(chunk: TraceChunk): void {
    const n = chunk.count;
    if (n === 0) return;
    let mask = 0;
    let bytes = GROUP_HEADER_BYTES;
    COLUMNS.forEach((c, i) => {
      // the time is always written: it is the one column with no meaningful default
      if (c.name === 'timeMs' || carriesValues(chunk[c.name], n, c.fill)) {
        mask |= 1 << i;
        bytes += pad8(n * c.bytes);
      }
    });
    const out = new Uint8Array(new ArrayBuffer(bytes));
    const view = new DataView(out.buffer);
    view.setUint32(0, n, true);
    view.setUint32(4, mask, true);
    let at = GROUP_HEADER_BYTES;
    COLUMNS.forEach((c, i) => {
      if ((mask & (1 << i)) === 0) return;
      const src = chunk[c.name].subarray(0, n);
      out.set(new Uint8Array(src.buffer, src.byteOffset, n * c.bytes), at);
      at += pad8(n * c.bytes);
    });
    view.setUint32(8, groupCrc(out, bytes), true);
    writeSync(this.#fd, out);
    this.#rows += n;
    this.#groups++;
  }

  get rows(): number {
    return this.#rows;
  }

  /** Writes the footer (`meta` plus the totals) and closes the file. */
  finish(meta: Record<string, unknown>): void {
    const json = Buffer.from(encodeJson({ ...meta, rows: this.#rows, groups: this.#groups }), 'utf8');
    writeSync(this.#fd, json);
    const tail = Buffer.alloc(TAIL_BYTES);
    tail.writeUInt32LE(json.length, 0);
    tail.writeUInt32LE(crc32(json), 4);
    END_MAGIC.copy(tail, 8);
    writeSync(this.#fd, tail);
    this.close();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeSync(this.#fd);
  }
}

/** Reads a cache file's footer, or null when the file is not a cache of this version (or is cut short). */
export function readCacheFooter(path: string): Record<string, unknown> | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const head = Buffer.alloc(HEADER_BYTES);
    if (
      readSync(fd, head, 0, HEADER_BYTES, 0) !== HEADER_BYTES ||
      !head.subarray(0, 8).equals(MAGIC) ||
      head.readUInt32LE(8) !== CACHE_VERSION
    )
      return null;
    const size = fstatSize(fd);
    const tail = Buffer.alloc(TAIL_BYTES);
    if (
      size < HEADER_BYTES + tail.length ||
      readSync(fd, tail, 0, tail.length, size - tail.length) !== tail.length ||
      !tail.subarray(8).equals(END_MAGIC)
    )
      return null;
    const length = tail.readUInt32LE(0);
    if (length > size - HEADER_BYTES - tail.length) return null;
    const json = Buffer.alloc(length);
    readSync(fd, json, 0, length, size - tail.length - length);
    if (crc32(json) !== tail.readUInt32LE(4)) return null;
    const meta = decodeJson(json.toString('utf8'));
    return typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>) : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** The CRC-32 of a row group: its rows and mask (bytes 0..8), then its values (from byte 16). */
function groupCrc(group: Uint8Array, bytes: number): number {
  return crc32(group.subarray(GROUP_HEADER_BYTES, bytes), crc32(group.subarray(0, 8)));
}

/** A row group whose CRC-32 does not match: `rows` rows were handed on before it. */
export class CacheDamaged extends Error {
  constructor(
    readonly rows: number,
    what: string,
  ) {
    super(what);
  }
}

function fstatSize(fd: number): number {
  return fstatSync(fd).size;
}

/**
 * Streams the row groups of a cache file to `onChunk`, each on its own buffer (consumers may keep it).
 * With `verify`, each group's CRC-32 is checked before its rows are handed on (one pass: the bytes are
 * checked where they are read); a group that fails throws CacheDamaged with the rows handed on so far.
 * A spool (replay.ts), private and just written, is read without.
 */
export function readCacheGroups(path: string, onChunk: (chunk: TraceChunk) => void, verify = false): number {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSize(fd);
    const tail = Buffer.alloc(TAIL_BYTES);
    readSync(fd, tail, 0, tail.length, size - tail.length);
    const end = size - tail.length - tail.readUInt32LE(0);
    let at = HEADER_BYTES;
    let rows = 0;
    const groupHead = Buffer.alloc(GROUP_HEADER_BYTES);
    while (at < end) {
      readSync(fd, groupHead, 0, GROUP_HEADER_BYTES, at);
      const n = groupHead.readUInt32LE(0);
      const mask = groupHead.readUInt32LE(4);
      let bytes = 0;
      COLUMNS.forEach((c, i) => {
        if (mask & (1 << i)) bytes += pad8(n * c.bytes);
      });
      // a damaged row count could ask for gigabytes: a group never reaches past the footer
      if (at + GROUP_HEADER_BYTES + bytes > end)
        throw new CacheDamaged(
          rows,
          `trace cache ${path}: a row group at byte ${at} reaches past the footer`,
        );
      const buffer = new ArrayBuffer(bytes);
      const body = new Uint8Array(buffer);
      const got = readSync(fd, body, 0, bytes, at + GROUP_HEADER_BYTES);
      if (got !== bytes) throw new CacheDamaged(rows, `trace cache ${path} is cut short`);
      if (verify && crc32(body, crc32(groupHead.subarray(0, 8))) !== groupHead.readUInt32LE(8))
        throw new CacheDamaged(rows, `trace cache ${path}: the row group at byte ${at} fails its CRC-32`);
      const chunk = { count: n } as TraceChunk;
      let offset = 0;
      COLUMNS.forEach((c, i) => {
        if (mask & (1 << i)) {
          (chunk as unknown as Record<string, unknown>)[c.name] = c.make(buffer, offset, n);
          offset += pad8(n * c.bytes);
        } else {
          const a = c.make(new ArrayBuffer(pad8(n * c.bytes)), 0, n);
          if (c.fill !== 0) a.fill(c.fill);
          (chunk as unknown as Record<string, unknown>)[c.name] = a;
        }
      });
      onChunk(chunk);
      rows += n;
      at += GROUP_HEADER_BYTES + bytes;
    }
    return rows;
  } finally {
    closeSync(fd);
  }
}

/** JSON that keeps NaN and ±Infinity (TraceInfo has NaN where an origin is unknown). */
function encodeJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? { $number: String(v) } : v,
  );
}

function decodeJson(text: string): unknown {
  return JSON.parse(text, (_k, v: unknown) => {
    if (
      typeof v === 'object' &&
      v !== null &&
      Object.keys(v).length === 1 &&
      typeof (v as { $number?: unknown }).$number === 'string'
    )
      return Number((v as { $number: string }).$number);
    return v;
  });
}
