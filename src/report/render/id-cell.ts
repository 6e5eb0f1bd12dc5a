/**
 * A provider id in a table column too narrow for it (the longest built-in one has 28 characters):
 * broken after its hyphens, so the id stays whole and readable over two lines. cli-table3 wraps only
 * at spaces and would cut it short with "…" instead.
 */

/** `id` as lines of at most `width` characters, broken after hyphens; unchanged when it fits. */
export function idLines(id: string, width: number): string {
  if (id.length <= width) return id;
  const lines: string[] = [];
  let line = '';
  for (const part of id.split(/(?<=-)/)) {
    if (line !== '' && line.length + part.length > width) {
      lines.push(line);
      line = '';
    }
    line += part;
  }
  lines.push(line);
  return lines.join('\n');
}

/** The width in columns of a rendered table: its first line's. */
export function tableWidth(rendered: string): number {
  return [...(rendered.split('\n')[0] ?? '')].length;
}
