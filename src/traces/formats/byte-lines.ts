/**
 * Hands a reader the trace's bytes in blocks of whole lines, for readers that scan bytes in place
 * (the REPORT importer): no string is made per line or per block. A regular file is read with large
 * synchronous reads into one reused buffer (a stream's reads cost a fresh buffer and a trip through
 * the event loop each, about a fifth of the importer's time); between blocks the event loop runs.
 * A pipe or standard input is read as the stream it is.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { inputError, InputError } from '../../errors.js';
import { lineTooLong, longLineAt, MAX_LINE_BYTES, type TraceSource } from '../source.js';

/**
 * `block` ends just after a '\n', or at the end of the input for the last block; its lines start at
 * `start`. The block's memory is reused once onBlock returns.
 */
export type OnBlock = (block: Buffer, start: number) => void;

const NL = 10;

/** `linesBefore()` numbers a line too long for the limit. */
export async function readLineBlocks(
  file: string,
  source: TraceSource | undefined,
  onBlock: OnBlock,
  linesBefore: () => number,
  blockBytes = 1 << 21,
): Promise<void> {
  if (source !== undefined && !source.regular) return readStream(file, source, onBlock, linesBefore);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw unreadable(file, e);
  }
  try {
    let buf = Buffer.allocUnsafe(blockBytes);
    // bytes at the front of buf: the line the last read cut, carried over
    let carry = 0;
    for (;;) {
      if (carry === buf.length) {
        // one line fills the buffer: room for more of it (up to the line limit)
        if (carry > MAX_LINE_BYTES) throw lineTooLong(file, linesBefore() + 1);
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
      }
      let n: number;
      try {
        n = readSync(fd, buf, carry, buf.length - carry, null);
      } catch (e) {
        throw unreadable(file, e);
      }
      const have = carry + n;
      if (n === 0) {
        if (carry > 0) onBlock(buf.subarray(0, carry), 0);
        return;
      }
      // the first line past the limit in this read (completed by it, within it, or unfinished)
      const long = longLineAt(carry, buf.subarray(carry, have));
      if (long >= 0) throw lineTooLong(file, linesBefore() + 1 + long);
      const last = buf.lastIndexOf(NL, have - 1);
      if (last < 0) {
        carry = have;
        continue;
      }
      onBlock(buf.subarray(0, last + 1), 0);
      carry = have - (last + 1);
      if (carry > 0) buf.copy(buf, 0, last + 1, have);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    closeSync(fd);
  }
}

/** The same blocks from a stream: a cut line is completed with the head of the next chunk. */
async function readStream(
  file: string,
  source: TraceSource,
  onBlock: OnBlock,
  linesBefore: () => number,
): Promise<void> {
  const input = source.stream(1 << 20);
  let carry: Buffer | null = null;
  try {
    for await (const chunk of input) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      const long = longLineAt(carry === null ? 0 : carry.length, buf);
      if (long >= 0) throw lineTooLong(file, linesBefore() + 1 + long);
      const last = buf.lastIndexOf(NL);
      if (last < 0) {
        carry = carry === null ? Buffer.from(buf) : Buffer.concat([carry, buf]);
        continue;
      }
      let from = 0;
      if (carry !== null) {
        from = buf.indexOf(NL) + 1;
        onBlock(Buffer.concat([carry, buf.subarray(0, from)]), 0);
      }
      if (from <= last) onBlock(buf.subarray(0, last + 1), from);
      carry = last + 1 < buf.length ? Buffer.from(buf.subarray(last + 1)) : null;
    }
  } catch (e) {
    input.destroy();
    throw e instanceof InputError ? e : unreadable(file, e);
  }
  if (carry !== null) onBlock(carry, 0);
}

function unreadable(file: string, e: unknown): InputError {
  return e instanceof InputError
    ? e
    : inputError('FILE_UNREADABLE', `cannot read the trace: ${(e as Error).message}`, { file });
}
