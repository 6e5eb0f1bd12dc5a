/**
 * --wide and colour for the table reports: tables fit 100 columns unless --wide; colour only
 * when stdout is a terminal, never with NO_COLOR set (https://no-color.org), and on a pipe too
 * with FORCE_COLOR (1, 2, 3 or true; 0 or false turns it off). JSON, CSV and Markdown are never
 * coloured: only the table renderers paint.
 */
import { MAX_TABLE_WIDTH, type View, withView, wrapProse } from '../index.js';
import type { CliIo } from './io.js';

export const WIDE_FLAG = {
  flags: '--wide',
  description: `tables and their notes as wide as their content, every column shown (default: within ${MAX_TABLE_WIDTH} columns, notes listed below a table and wrapped at spaces, optional columns left out)`,
};

export function colourWanted(outIsTty: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if ((env['NO_COLOR'] ?? '') !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  return outIsTty;
}

export function viewOf(io: CliIo, flags: Record<string, unknown>): View {
  return {
    width: flags['wide'] === true ? Infinity : MAX_TABLE_WIDTH,
    colour: colourWanted(io.outIsTty === true),
  };
}

/**
 * Renders with the command's view (--wide, colour) in force; with `format` 'table' the report's prose
 * (notes, sources) is wrapped to the same width as its tables. JSON, CSV and Markdown are written as
 * rendered.
 */
export function rendered(
  io: CliIo,
  flags: Record<string, unknown>,
  render: () => string,
  format?: string,
): string {
  const v = viewOf(io, flags);
  const text = withView(v, render);
  return format === 'table' ? wrapProse(text, v.width) : text;
}
