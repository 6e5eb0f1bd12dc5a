/** `--html FILE` on simulate, sweep and compare: the report as one self-contained page, besides stdout's usual output. */
import { writeFileSync } from 'node:fs';
import { inputError } from '../index.js';
import { writeErrorText } from './output-errors.js';

export const HTML_FLAG = {
  flags: '--html <file>',
  description:
    'also write the report as one self-contained HTML page (charts, tables, the JSON record) to FILE',
};

/** The --html value, or null; an empty name is refused rather than written as "". */
export function htmlTarget(flags: Record<string, unknown>): string | null {
  const v = flags['html'];
  if (v === undefined) return null;
  if (typeof v !== 'string' || v.trim() === '') throw inputError('BAD_FLAG', '--html needs a file name');
  return v;
}

export function writeHtml(file: string, page: string): void {
  try {
    writeFileSync(file, page);
  } catch (e) {
    throw inputError('HTML_WRITE', `cannot write ${file}: ${writeErrorText(e as NodeJS.ErrnoException)}`);
  }
}
