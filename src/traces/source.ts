/**
 * Where a trace's bytes come from: a regular file (read as often as a caller needs), or a stream
 * that can be read once: a pipe, a FIFO, /dev/stdin, process substitution, or `-` for standard
 * input. The first bytes are looked at before anything is parsed (the layout is told by the header,
 * UTF-16 is refused); on a stream they are peeked and then handed on with the rest, so one pass serves.
 */
import { createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { PassThrough, type Readable } from 'node:stream';
import { inputError } from '../errors.js';

/**
 * Names of standard input. /dev/stdin is read through the process's own handle: opened by path it
 * fails when standard input is a socket (as a parent process's pipe can be).
 */
const STDIN_NAMES = new Set(['-', '/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

/** Bytes looked at before parsing: enough for any header line the readers accept. */
const HEAD_BYTES = 65_536;

/**
 * The longest line a trace may have, in bytes. A real row is well under a kilobyte (an Azure
 * per-minute row of 1,440 counts is about 8 KB); without a bound, a file with no line ends
 * (/dev/zero, a binary file) would be held in memory until it runs out.
 */
export const MAX_LINE_BYTES = 1 << 20;

export function lineTooLong(file: string, line: number): Error {
  return inputError(
    'TRACE_LINE_TOO_LONG',
    `line ${line} is longer than ${MAX_LINE_BYTES.toLocaleString('en-US')} bytes (1 MiB), the longest line a trace may have: is this a CSV text file?`,
    { file, line },
  );
}

/**
 * Which line of a read is the first longer than MAX_LINE_BYTES, counting from the line being read
 * (0: the one whose first `carry` bytes came in earlier reads), or -1 when none is. The unfinished
 * line at the end of the read counts once its bytes so far pass the limit. A check per read, not
 * only of the bytes carried over: a long line may begin and end within one read, or be completed by
 * one. Only a read that could hold a long line is scanned, one indexOf per line.
 */
export function longLineAt(carry: number, buf: Uint8Array): number {
  if (carry + buf.length <= MAX_LINE_BYTES) return -1;
  let start = -carry;
  for (let k = 0; ; k++) {
    const nl = buf.indexOf(10, start < 0 ? 0 : start);
    const end = nl < 0 ? buf.length : nl;
    if (end - start > MAX_LINE_BYTES) return k;
    if (nl < 0) return -1;
    start = nl + 1;
    if (buf.length - start <= MAX_LINE_BYTES) return -1;
  }
}

export interface TraceSource {
  /** the name given: a path, or `-` for standard input */
  file: string;
  /** a regular file can be read again (a first pass for function names, one pass per provider) */
  regular: boolean;
  /** the first bytes (up to 64 KiB, or the first line if longer is not needed) */
  head: Buffer;
  /** the whole content from its first byte; on a stream, only once */
  stream(highWaterMark?: number): Readable;
}

/**
 * True unless `file` is a stream that can be read only once (`-`, a pipe, a FIFO, a device): what
 * needs two passes (a first one for function names, one run per provider) reads a stream into memory.
 */
export function rereadable(file: string): boolean {
  if (STDIN_NAMES.has(file)) return false;
  try {
    const st = statSync(file);
    return st.isFile() || st.isDirectory();
  } catch {
    return true; // the reader reports a missing file itself
  }
}

/** Opens `file` ('-' is standard input), refusing what is not a trace: a directory, a missing file, UTF-16. */
export async function openTraceSource(file: string): Promise<TraceSource> {
  const source = STDIN_NAMES.has(file) ? await streamSource(file, process.stdin) : await pathSource(file);
  refuseUtf16(source.head, file);
  return source;
}

async function pathSource(file: string): Promise<TraceSource> {
  let regular: boolean;
  try {
    const st = statSync(file);
    if (st.isDirectory())
      throw inputError('TRACE_IS_DIRECTORY', `${file} is a directory; give a CSV trace file`, { file });
    regular = st.isFile();
  } catch (e) {
    if ((e as { code?: string }).code === 'TRACE_IS_DIRECTORY') throw e;
    throw inputError('FILE_UNREADABLE', `cannot read the trace: ${(e as Error).message}`, { file });
  }
  if (!regular) {
    // a pipe, FIFO, character device or socket: read once, as a stream
    let input: Readable;
    try {
      input = createReadStream(file);
    } catch (e) {
      throw inputError('FILE_UNREADABLE', `cannot read the trace: ${(e as Error).message}`, { file });
    }
    return streamSource(file, input);
  }
  let head: Buffer;
  let handle;
  try {
    handle = await open(file, 'r');
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead);
  } catch (e) {
    throw inputError('FILE_UNREADABLE', `cannot read the trace: ${(e as Error).message}`, { file });
  } finally {
    await handle?.close();
  }
  return {
    file,
    regular: true,
    head,
    stream: (highWaterMark = 1 << 20) => createReadStream(file, { highWaterMark }),
  };
}

/** Reads from `input` until the head holds a line end (or 64 KiB, or the end), then hands it all on. */
async function streamSource(file: string, input: Readable): Promise<TraceSource> {
  const peeked: Buffer[] = [];
  let size = 0;
  let ended = false;
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer | string): void => {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      peeked.push(b);
      size += b.length;
      if (size >= HEAD_BYTES || b.indexOf(10) >= 0) done();
    };
    const onEnd = (): void => {
      ended = true;
      done();
    };
    const onError = (e: Error): void => {
      cleanup();
      reject(inputError('FILE_UNREADABLE', `cannot read the trace: ${e.message}`, { file }));
    };
    const cleanup = (): void => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onError);
    };
    const done = (): void => {
      cleanup();
      input.pause();
      resolve();
    };
    input.on('data', onData);
    input.on('end', onEnd);
    input.on('error', onError);
  });
  const head = Buffer.concat(peeked);
  let taken = false;
  return {
    file,
    regular: false,
    head: head.subarray(0, HEAD_BYTES),
    stream: () => {
      if (taken)
        throw new Error(`${file} is a stream and was already read; a second pass needs a regular file`);
      taken = true;
      const out = new PassThrough({ highWaterMark: 1 << 20 });
      out.write(head);
      if (ended) out.end();
      else {
        input.on('error', (e) =>
          out.destroy(inputError('FILE_UNREADABLE', `cannot read the trace: ${e.message}`, { file })),
        );
        input.pipe(out);
        input.resume();
      }
      return out;
    },
  };
}

/**
 * UTF-16 text read as UTF-8 is a NUL between every ASCII character: refused by name rather than as
 * a header with no timestamp column. A byte order mark, or NULs at every other byte of the first
 * line's ASCII, tells it.
 */
function refuseUtf16(head: Buffer, file: string): void {
  const a = head[0];
  const b = head[1];
  let utf16 = (a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff);
  if (!utf16 && head.length >= 4) {
    const n = Math.min(head.length & ~1, 64);
    let le = 0;
    let be = 0;
    for (let i = 0; i < n; i += 2) {
      const x = head[i] as number;
      const y = head[i + 1] as number;
      if (x !== 0 && x < 128 && y === 0) le++;
      else if (x === 0 && y !== 0 && y < 128) be++;
    }
    utf16 = le === n / 2 || be === n / 2;
  }
  if (utf16)
    throw inputError(
      'TRACE_UTF16',
      'the file looks like UTF-16; save it as UTF-8 (for example: iconv -f UTF-16 -t UTF-8)',
      { file, line: 1 },
    );
}

/** The first line's comma-separated names (enough to tell the layouts apart). */
export function headerNames(head: Buffer): string[] {
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const end = text.search(/\r|\n/);
  return (end < 0 ? text : text.slice(0, end)).split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
}
