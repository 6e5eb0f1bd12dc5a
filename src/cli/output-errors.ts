/**
 * Errors writing the report. A reader that closed the pipe (`faasim sweep … | head -1`) has all it
 * wants: exit 0 without a word. Any other write error (a full disk: ENOSPC) is one line and exit 2.
 * Exit at once: a sweep's worker threads would otherwise keep running for output nobody reads.
 */
export function onOutputError(e: NodeJS.ErrnoException): void {
  if (e.code === 'EPIPE') process.exit(0);
  try {
    process.stderr.write(`faasim: cannot write the output: ${writeErrorText(e)}\n`);
  } catch {
    // stderr is gone too: the exit code is all that is left
  }
  process.exit(2);
}

export function writeErrorText(e: NodeJS.ErrnoException): string {
  if (e.code === 'ENOSPC') return 'no space left on the device (ENOSPC)';
  if (e.code === 'EDQUOT') return 'disk quota exceeded (EDQUOT)';
  if (e.code === 'EIO') return 'input/output error (EIO)';
  return e.code ? `${e.code}` : (e.message.split('\n')[0] ?? 'unknown error');
}
