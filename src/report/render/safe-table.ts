/**
 * cli-table3 with every cell and heading escaped (src/util/escape.ts): names and values from a
 * trace or a scenario reach the terminal as text, never as control sequences. Every table of the
 * CLI is built from this class, so no call site has to remember it.
 */
import Table from 'cli-table3';
import { escapeControls } from '../../util/escape.js';

type Cell = Table.Cell;
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
    super(options?.head ? { ...options, head: options.head.map(escapeControls) } : options);
  }

  override push(...rows: Row[]): number {
    return super.push(...(rows.map(safeRow) as Row[]));
  }
}
