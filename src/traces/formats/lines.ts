/**
 * Streams a text file line by line (\n or \r\n), 1-based line numbers. Each read is decoded up to its
 * last '\n' in one call; the bytes after it are carried and decoded with the head of the next read
 * (a few bytes, not a copy of the whole read), so no character is cut. `onLine` gets each line
 * without its line ending. 'latin1' decodes several times faster than 'utf8' and is exact for
 * ASCII: readers whose records are ASCII (REPORT lines) use it, and other bytes only reach lines
 * they ignore.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { lineTooLong, longLineAt, type TraceSource } from '../source.js';
import { inputError } from '../../errors.js';

/** The trace's bytes: from the opened source (which may be a stream read once), else the path. */
export function openInput(file: string, source: TraceSource | undefined, highWaterMark = 1 << 20): Readable {
  return source !== undefined ? source.stream(highWaterMark) : createReadStream(file, { highWaterMark });
}

export function readLines(
  file: string,
  onLine: (text: string, start: number, end: number, lineNo: number) => void,
  encoding: 'utf8' | 'latin1' = 'utf8',
  readBytes = 1 << 20,
  source?: TraceSource,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const input = openInput(file, source, readBytes);
    let carry: Buffer | null = null;
    let lineNo = 0;
    let failed = false;
    const stop = (e: unknown): void => {
      if (failed) return;
      failed = true;
      input.destroy();
      reject(e);
    };
    /** every line of `text` that ends in '\n', and the rest too when `last` */
    const lines = (text: string, last: boolean): void => {
      let pos = lineNo === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
      const n = text.length;
      while (pos < n) {
        let nl = text.indexOf('\n', pos);
        if (nl < 0) {
          if (!last) break;
          nl = n;
        }
        const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        onLine(text, pos, end, ++lineNo);
        pos = nl + 1;
      }
    };
    input.on('error', (e) =>
      stop(inputError('FILE_UNREADABLE', `cannot read the trace: ${e.message}`, { file })),
    );
    input.on('data', (chunk: string | Buffer) => {
      if (failed) return;
      try {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        // the first line past the limit in this read (completed by it, within it, or unfinished)
        const long = longLineAt(carry === null ? 0 : carry.length, buf);
        if (long >= 0) throw lineTooLong(file, lineNo + 1 + long);
        const last = buf.lastIndexOf(10);
        if (last < 0) {
          carry = carry === null ? buf : Buffer.concat([carry, buf]);
          return;
        }
        let from = 0;
        if (carry !== null) {
          // the line cut at the end of the last read, completed by the head of this one
          from = buf.indexOf(10) + 1;
          lines(Buffer.concat([carry, buf.subarray(0, from)]).toString(encoding), false);
        }
        carry = last + 1 < buf.length ? buf.subarray(last + 1) : null;
        if (from <= last) lines(buf.toString(encoding, from, last + 1), false);
      } catch (e) {
        stop(e);
      }
    });
    input.on('end', () => {
      if (failed) return;
      try {
        if (carry !== null) lines(carry.toString(encoding), true);
        resolve();
      } catch (e) {
        stop(e);
      }
    });
  });
}
