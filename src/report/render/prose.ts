/**
 * The prose of a table report (notes, assumptions, sources, a break-even's lines) wrapped to the
 * view's width, as its tables are fitted (safe-table.ts): lines are broken at spaces only, so a
 * number, a price path or a URL is never cut (a word longer than the width keeps a line of its own);
 * a bulleted line (`- `, `[3] `) continues under its text, an indented one 2 columns further in.
 * Table lines (box-drawing characters) are left as they are: the tables fit already.
 */

/** Box drawing and block elements: a line holding one is part of a table or a chart. */
const DRAWING = /[\u2500-\u259f]/;
const ESCAPES = /\u001b\[[0-9;]*m/g;
const MARKER = /^( *)(- |\* |\[\d+\] )?/;

/** Columns a line takes on a terminal: its characters, colour escapes excluded. */
function columns(s: string): number {
  let n = 0;
  for (const _ of s.replace(ESCAPES, '')) n++;
  return n;
}

/** A unit after a number stays on its line: `512 MB`, `5 min`, `0.5 GB-s` are read as one. */
const UNIT = /^(?:[KMGT]i?B|GB-s|ms|µs|s|min|h|d|%|vCPU|vCPU-s|req\/s|USD)[,;:.)]*$/;

/** Each word with the spaces before it (spacing is kept where no break falls), a unit joined to its number. */
function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (const w of text.match(/ *[^ ]+/g) ?? []) {
    const last = words.length - 1;
    if (last >= 0 && /[0-9]$/.test(words[last] as string) && UNIT.test(w.trimStart())) words[last] += w;
    else words.push(w);
  }
  return words;
}

function wrapLine(line: string, width: number): string {
  if (columns(line) <= width || DRAWING.test(line)) return line;
  const [prefix, indent = '', marker = ''] = MARKER.exec(line) as RegExpExecArray;
  const hang = ' '.repeat(indent.length + (marker !== '' ? marker.length : indent.length > 0 ? 2 : 0));
  const words = wordsOf(line.slice(prefix.length));
  const out: string[] = [];
  let current = prefix;
  let used = columns(prefix);
  let empty = true;
  for (const w of words) {
    const n = columns(w);
    if (!empty && used + n > width) {
      out.push(current);
      const bare = w.trimStart();
      current = hang + bare;
      used = hang.length + columns(bare);
    } else {
      const text = empty ? w.trimStart() : w;
      current += text;
      used += empty ? columns(text) : n;
    }
    empty = false;
  }
  out.push(current);
  return out.join('\n');
}

/** `text` with every prose line longer than `width` columns wrapped; Infinity (--wide) keeps it whole. */
export function wrapProse(text: string, width: number): string {
  if (!Number.isFinite(width)) return text;
  return text
    .split('\n')
    .map((line) => wrapLine(line, width))
    .join('\n');
}
