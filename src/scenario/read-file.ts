/**
 * Reads a small text file people write by hand (a scenario) with a size bound, so that /dev/zero or
 * a log given by mistake ends at once with a message instead of filling memory.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { inputError } from '../errors.js';

/** A scenario is settings, not data: 16 MiB is far above any real one (100,000 functions ≈ 5 MB). */
export const MAX_SCENARIO_BYTES = 16 * 1024 * 1024;

export function readBoundedText(file: string, maxBytes: number, what: string): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw inputError('FILE_UNREADABLE', `cannot read ${what}: ${plainFsMessage(e)}`, { file });
  }
  const buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, 1 << 20));
  const parts: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes)
        throw inputError(
          'FILE_TOO_LARGE',
          `the ${what} is larger than ${maxBytes / 1024 / 1024} MiB, the limit for a ${what}; is it the right file?`,
          { file },
        );
      parts.push(Buffer.from(buf.subarray(0, n)));
    }
  } catch (e) {
    if (e instanceof Error && e.name === 'InputError') throw e;
    throw inputError('FILE_UNREADABLE', `cannot read ${what}: ${plainFsMessage(e)}`, { file });
  } finally {
    closeSync(fd);
  }
  const bytes = Buffer.concat(parts);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw inputError(
      'NOT_UTF8',
      `the ${what} looks like UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8`,
      { file },
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw inputError('NOT_UTF8', `the ${what} is not UTF-8 text`, { file });
  }
}

/** "EISDIR: illegal operation on a directory, read" → "it is a directory" */
function plainFsMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  return (e as Error).message;
}
