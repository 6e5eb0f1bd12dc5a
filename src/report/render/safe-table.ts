/**
 * cli-table3 with every cell and heading escaped (src/util/escape.ts): names and values from a
 * trace or a scenario reach the terminal as text, never as control sequences. Every table of the
 * CLI is built from this class, so no call site has to remember it, nor to fit the view's width.
 */
import Table from 'cli-table3';
import { escapeControls } from '../../util/escape.js';
import { fitWidths } from './fit.js';
import { view } from './view.js';
import { paint, type Style } from './paint.js';

type Cell = Table.Cell;

/**
 * A table of fixed column widths that wraps its cells is narrowed to the view's width (100
 * columns unless --wide): its widest columns first, so labels keep their width and long text wraps.
 */
function fitted(options: Table.TableConstructorOptions | undefined): Table.TableConstructorOptions | undefined {
  const widths = options?.colWidths;
  const width = view().width;
  if (!options || !widths || options.wordWrap !== true || !Number.isFinite(width) || widths.some((w) => typeof w !== 'number')) return options;
  return { ...options, colWidths: fitWidths(widths as number[], width) };
}
type Row = Table.HorizontalTableRow | Table.VerticalTableRow | Table.CrossTableRow;

function safeCell(c: Cell): Cell {
  if (typeof c === 'string') return escapeControls(c);
  if (c !== null && typeof c === 'object' && 'content' in c && typeof c.content === 'string') return { ...c, content: escapeControls(c.content) };
  return c;
}

function safeRow(row: unknown): unknown {
  if (Array.isArray(row)) return row.map((c) => safeCell(c as Cell));
  if (row !== null && typeof row === 'object') return Object.fromEntries(Object.entries(row).map(([k, v]) => [escapeControls(k), Array.isArray(v) ? v.map((c) => safeCell(c as Cell)) : safeCell(v as Cell)]));
  return row;
}

export default class SafeTable extends Table {
  constructor(options?: Table.TableConstructorOptions) {
    super(fitted(options?.head ? { ...options, head: options.head.map(escapeControls) } : options));
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
    const text = super.toString();
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
