/**
 * Colour for the few things a reader scans a table report for (the recommended row, an infeasible
 * or struck row, a warning), and only when the view says so (src/report/render/view.ts: a
 * terminal, no NO_COLOR). Whole lines are painted after a table is laid out, so colour never
 * changes a column's width, and no cell text (escaped) can carry a sequence of its own.
 */
import { view } from './view.js';

const CODES = { bold: '1', dim: '2', strike: '9', red: '31', green: '32', yellow: '33' } as const;
export type Style = keyof typeof CODES;

/** `text` in the styles, or as it is when the view has no colour. */
export function paint(text: string, ...styles: Style[]): string {
  if (!view().colour || text === '' || styles.length === 0) return text;
  return `\u001b[${styles.map((s) => CODES[s]).join(';')}m${text}\u001b[0m`;
}

/** Each line of a multi-line text painted on its own (a terminal resets colour at no line end for us). */
export function paintLines(text: string, ...styles: Style[]): string {
  return text
    .split('\n')
    .map((l) => paint(l, ...styles))
    .join('\n');
}
