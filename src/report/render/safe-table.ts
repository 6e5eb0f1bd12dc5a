/**
 * cli-table3 with every cell and heading escaped (src/util/escape.ts): names and values from a
 * trace or a scenario reach the terminal as text, never as control sequences. Every table of the
 * CLI is built from this class, so no call site has to remember it, nor to fit the view's width.
 */
import Table from 'cli-table3';
import { escapeControls } from '../../util/escape.js';
import { fitWidths, fitWidthsKeepingWords } from './fit.js';
import { view } from './view.js';
import { paint, type Style } from './paint.js';

type Cell = Table.Cell;

/**
 * A table of fixed column widths that wraps its cells is narrowed to the view's width (100
 * columns unless --wide): its widest columns first, so labels keep their width and long text wraps.
 */
function fitted(
  options: Table.TableConstructorOptions | undefined,
): Table.TableConstructorOptions | undefined {
  const widths = options?.colWidths;
  const width = view().width;
  if (
    !options ||
    !widths ||
    options.wordWrap !== true ||
    !Number.isFinite(width) ||
    widths.some((w) => typeof w !== 'number')
  )
    return options;
  return { ...options, colWidths: fitWidths(widths as number[], width) };
}
type Row = Table.HorizontalTableRow | Table.VerticalTableRow | Table.CrossTableRow;

function safeCell(c: Cell): Cell {
  if (typeof c === 'string') return escapeControls(c);
  if (c !== null && typeof c === 'object' && 'content' in c && typeof c.content === 'string')
    return { ...c, content: escapeControls(c.content) };
  return c;
}

function safeRow(row: unknown): unknown {
  if (Array.isArray(row)) return row.map((c) => safeCell(c as Cell));
  if (row !== null && typeof row === 'object')
    return Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        escapeControls(k),
        Array.isArray(v) ? v.map((c) => safeCell(c as Cell)) : safeCell(v as Cell),
      ]),
    );
  return row;
}

/** the width in columns of a line as a terminal shows it (colour codes take none) */
function visibleWidth(line: string): number {
  return line.replace(/\u001b\[[0-9;]*m/g, '').length;
}

/**
 * The content widths (padding included) of a rendered table's columns, read from its top border
 * (`┌───┬──┐`); undefined when the table draws no top border.
 */
function renderedWidths(text: string): number[] | undefined {
  const top = text.slice(0, text.indexOf('\n') >>> 0);
  if (!top.startsWith('┌') || !top.endsWith('┐')) return undefined;
  return top
    .slice(1, -1)
    .split('┬')
    .map((segment) => segment.length);
}

/** the longest run of non-space characters among a column's cells */
function longestWord(cells: readonly unknown[]): number {
  let longest = 0;
  for (const c of cells) {
    const text =
      typeof c === 'string'
        ? c
        : c !== null && typeof c === 'object' && 'content' in c
          ? String(c.content)
          : c === undefined || c === null
            ? ''
            : String(c);
    for (const word of text.split(/\s+/)) longest = Math.max(longest, visibleWidth(word));
  }
  return longest;
}

export default class SafeTable extends Table {
  readonly #options: Table.TableConstructorOptions | undefined;

  constructor(options?: Table.TableConstructorOptions) {
    const safe = options?.head ? { ...options, head: options.head.map(escapeControls) } : options;
    super(fitted(safe));
    this.#options = safe;
  }

  /**
   * A table sized by its content that comes out wider than the view is drawn again with fixed
   * widths that fit, its widest columns wrapped first (the same rule as a table declared with
   * widths), so no table of the CLI exceeds 100 columns unless --wide.
   */
  #fittedToView(text: string): string {
    const width = view().width;
    if (!Number.isFinite(width) || this.#options?.colWidths !== undefined) return text;
    if (!text.split('\n').some((line) => visibleWidth(line) > width)) return text;
    const widths = renderedWidths(text);
    if (widths === undefined) return text;
    const rows = [...(this as unknown as Row[])];
    const floors = widths.map(
      (_, i) =>
        2 +
        longestWord([this.#options?.head?.[i], ...rows.map((r) => (Array.isArray(r) ? r[i] : undefined))]),
    );
    const narrow = new Table({
      ...this.#options,
      colWidths: fitWidthsKeepingWords(widths, floors, width),
      wordWrap: true,
    });
    narrow.push(...rows);
    return narrow.toString();
  }

  readonly #painted = new Map<number, Style[]>();

  override push(...rows: Row[]): number {
    return super.push(...(rows.map(safeRow) as Row[]));
  }

  /**
   * Paints the row pushed last (when the view has colour). For tables of one line per row: no
   * wrapping and no line breaks in cells, which is what the tables that use it hold.
   */
  paintLast(...styles: Style[]): void {
    this.#painted.set(this.length - 1, styles);
  }

  override toString(): string {
    const text = this.#fittedToView(super.toString());
    if (this.#painted.size === 0 || !view().colour) return text;
    const lines = text.split('\n');
    // the top border and the heading come before the rows; a rule follows each unless `mid` is ''
    const rule = this.options.chars.mid !== '' ? 1 : 0;
    const first = 1 + (this.options.head.length > 0 ? 1 + rule : 0);
    for (const [row, styles] of this.#painted) {
      const i = first + row * (1 + rule);
      if (i < lines.length - 1) lines[i] = paint(lines[i] as string, ...styles);
    }
    return lines.join('\n');
  }
}
