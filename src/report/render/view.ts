/**
 * How a table report is drawn on the terminal it goes to: the widest line a table may have (100
 * columns unless --wide) and whether to colour it. Set by the CLI around a synchronous render
 * (withView), read by the tables (safe-table.ts) and the colour helpers (paint.ts); a library
 * caller that sets nothing gets the defaults: 100 columns, no colour.
 */
export interface View {
  /** widest table line in columns; Infinity: as wide as the content (--wide) */
  width: number;
  colour: boolean;
}

export const MAX_TABLE_WIDTH = 100;
export const DEFAULT_VIEW: View = { width: MAX_TABLE_WIDTH, colour: false };

let current: View = DEFAULT_VIEW;

export function view(): View {
  return current;
}

/** Runs `render` with `v` in force (renders are synchronous), then restores the one before. */
export function withView<T>(v: View, render: () => T): T {
  const before = current;
  current = v;
  try {
    return render();
  } finally {
    current = before;
  }
}
