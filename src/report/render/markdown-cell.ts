/**
 * Text from a user's file (a function name, a file name, a provider's note) put into Markdown: it
 * must stay one table cell and plain text. `|` would end the cell, a line feed the row, and
 * `*`, `_`, `` ` ``, `<`, `[` … would turn a name into emphasis, code, HTML or a link; `$` starts
 * GitHub's inline math. Control and bidi characters are written as escapes (\x1b), as in every table.
 */
import { escapeInline } from '../../util/escape.js';

// CommonMark lets any ASCII punctuation be escaped with a backslash; these are the ones that mean
// something inside a cell (`(` only after `]`, which is escaped; `@` and `#` are GitHub's mentions and references)
const MARKUP = /[\\`*_[\]<>|~$&@#]/g;

export function mdCell(text: string): string {
  return escapeInline(text).replace(MARKUP, (c) => `\\${c}`);
}

/** One Markdown table: a header row, an alignment row, body rows; cells are written as given (escape data with mdCell). */
export function mdTable(head: string[], align: ('l' | 'r')[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [
    line(head),
    `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}
