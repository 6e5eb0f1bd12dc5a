/** A plain-text scatter plot: points placed on a character grid, each drawn with its own mark. */

export interface ScatterPoint {
  x: number;
  y: number;
  mark: string;
}

export interface ScatterOptions {
  width?: number;
  height?: number;
  xLabel: string;
  yLabel: string;
  formatX: (x: number) => string;
  formatY: (y: number) => string;
}

export function renderScatter(points: ScatterPoint[], o: ScatterOptions): string {
  const width = o.width ?? 60;
  const height = o.height ?? 14;
  const finite = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (finite.length === 0) return '';
  const xs = finite.map((p) => p.x);
  const ys = finite.map((p) => p.y);
  const [x0, x1] = padRange(Math.min(...xs), Math.max(...xs));
  const [y0, y1] = padRange(Math.min(...ys), Math.max(...ys));
  const grid = Array.from({ length: height }, () => Array.from({ length: width }, () => ' '));
  for (const p of finite) {
    const col = Math.round(((p.x - x0) / (x1 - x0)) * (width - 1));
    const row = height - 1 - Math.round(((p.y - y0) / (y1 - y0)) * (height - 1));
    const cell = (grid[row] as string[])[col];
    // two marks in one cell: show that they overlap
    (grid[row] as string[])[col] = cell === ' ' || cell === p.mark ? p.mark : '#';
  }
  const yTop = o.formatY(y1);
  const yBottom = o.formatY(y0);
  const margin = Math.max(yTop.length, yBottom.length);
  const lines = [`${o.yLabel}`];
  grid.forEach((row, i) => {
    const label = i === 0 ? yTop : i === height - 1 ? yBottom : '';
    lines.push(`${label.padStart(margin)} │${row.join('').replace(/\s+$/, '')}`);
  });
  lines.push(`${' '.repeat(margin)} └${'─'.repeat(width)}`);
  const left = o.formatX(x0);
  const right = o.formatX(x1);
  lines.push(`${' '.repeat(margin + 2)}${left}${right.padStart(width - left.length)}`);
  lines.push(`${' '.repeat(margin + 2)}${o.xLabel}`);
  return lines.join('\n');
}

function padRange(lo: number, hi: number): [number, number] {
  if (hi > lo) return [lo, hi];
  const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
  return [lo - pad, hi + pad];
}
