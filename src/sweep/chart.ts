/**
 * A plain-text chart of monthly cost and p99 latency against memory, one per group of points that
 * differ only in memory (e.g. one per architecture). Each series has its own scale: cost on the left,
 * p99 on the right; memory sizes are spaced evenly, in order.
 */
import { int, ms } from '../report/format.js';
import { sweepMoney } from './money.js';
import type { PointOutcome } from './types.js';

export interface ChartOptions {
  height?: number;
  /** plot columns at most */
  width?: number;
  /** charts at most (groups beyond are listed, not drawn) */
  maxCharts?: number;
}

export function renderChart(points: readonly PointOutcome[], opts: ChartOptions = {}): string {
  const height = opts.height ?? 10;
  const maxWidth = opts.width ?? 64;
  const groups = new Map<string, PointOutcome[]>();
  for (const p of points) {
    const key = [
      p.arch,
      ...Object.entries(p.settings)
        .filter(([k]) => k !== 'memory' && k !== 'arch')
        .map(([k, v]) => `${k} ${v}`),
    ].join(', ');
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  const out: string[] = [];
  const maxCharts = opts.maxCharts ?? 4;
  const usd = sweepMoney(points);
  let drawn = 0;
  for (const [key, g] of groups) {
    if (drawn === maxCharts) {
      out.push(
        `(${groups.size - maxCharts} more group${groups.size - maxCharts === 1 ? '' : 's'} not charted; see the table)`,
      );
      break;
    }
    out.push(
      chartOne(
        key,
        [...g].sort((a, b) => a.memoryMb - b.memoryMb),
        height,
        maxWidth,
        usd,
      ),
    );
    drawn++;
  }
  return out.join('\n\n');
}

function chartOne(
  title: string,
  pts: PointOutcome[],
  height: number,
  maxWidth: number,
  usd: (x: number) => string,
): string {
  const n = pts.length;
  const width = Math.min(maxWidth, Math.max(20, n * 3 - 2));
  const col = (i: number): number =>
    n === 1 ? Math.floor(width / 2) : Math.round((i * (width - 1)) / (n - 1));
  const costs = pts.map((p) => p.monthlyUsd);
  const p99s = pts.map((p) => p.latency.p99Ms);
  const scale = (xs: number[]): { lo: number; hi: number; row: (x: number) => number } => {
    const f = xs.filter(Number.isFinite);
    const lo = Math.min(...f);
    const hi = Math.max(...f);
    return { lo, hi, row: (x) => (hi > lo ? Math.round(((x - lo) / (hi - lo)) * (height - 1)) : 0) };
  };
  const c = scale(costs);
  const p = scale(p99s);
  const grid: string[][] = Array.from({ length: height }, () => Array.from({ length: width }, () => ' '));
  const put = (row: number, x: number, ch: string): void => {
    const line = grid[height - 1 - row] as string[];
    const cur = line[x];
    line[x] = cur === ' ' || cur === ch ? ch : '*';
  };
  pts.forEach((pt, i) => {
    if (Number.isFinite(pt.monthlyUsd)) put(c.row(pt.monthlyUsd), col(i), 'c');
    if (Number.isFinite(pt.latency.p99Ms)) put(p.row(pt.latency.p99Ms), col(i), 'p');
  });
  const left = [usd(c.hi), usd(c.lo)];
  const right = [ms(p.hi), ms(p.lo)];
  const lw = Math.max(...left.map((s) => s.length));
  const lines: string[] = [`Monthly cost (c, left) and p99 latency (p, right) by memory: ${title}`];
  grid.forEach((row, r) => {
    const l = r === 0 ? left[0] : r === height - 1 ? left[1] : '';
    const rt = r === 0 ? right[0] : r === height - 1 ? right[1] : '';
    lines.push(`${(l as string).padStart(lw)} |${row.join('')}| ${rt}`.trimEnd());
  });
  lines.push(`${' '.repeat(lw)} +${'-'.repeat(width)}+`);
  // memory labels under the first, middle and last point, where they fit
  const axis = Array.from({ length: width + 2 }, () => ' ');
  const label = (i: number): void => {
    const text = int(pts[i]!.memoryMb);
    const at = Math.min(Math.max(0, col(i) + 1 - Math.floor(text.length / 2)), width + 2 - text.length);
    for (let k = -1; k <= text.length; k++) if (axis[at + k] !== undefined && axis[at + k] !== ' ') return;
    for (let k = 0; k < text.length; k++) axis[at + k] = text[k] as string;
  };
  label(0);
  if (n > 1) label(n - 1);
  if (n > 2) label(Math.floor((n - 1) / 2));
  lines.push(`${' '.repeat(lw)} ${axis.join('').trimEnd()}  MB`);
  lines.push(`${' '.repeat(lw)}  c = monthly cost, p = p99, * = both in one cell`);
  return lines.join('\n');
}
