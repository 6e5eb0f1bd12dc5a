/**
 * What a chart on the page shows, as plain data: the per-report modules (simulate.ts, sweep.ts,
 * keep-warm.ts) build these from the typed results, and the page's small script (client.ts) turns
 * each into a uPlot chart. Kept declarative so that the numbers are computed and typed here, and
 * the page only draws.
 */

export interface ChartSeries {
  label: string;
  /** colour (CSS) */
  color: string;
  /** line (default), step (levels per time bucket), points only, or bars */
  style?: 'line' | 'step' | 'points' | 'bars';
  /** which y axis: 0 left (default), 1 right */
  axis?: 0 | 1;
  dash?: boolean;
  /** points drawn hollow and large: a marker over another series (Pareto front, infeasible) */
  ring?: boolean;
  /** bars: -1 left of the tick, 0 centred, 1 right (two series side by side) */
  align?: -1 | 0 | 1;
}

export interface ChartAxis {
  label: string;
  /** how tick values read: money, milliseconds, a rate as a percentage, a plain number */
  unit: 'usd' | 'ms' | 'pct' | 'num' | 'mb';
}

export interface ChartSpec {
  id: string;
  title: string;
  /** one line under the title: what is plotted and how it was sampled */
  note?: string;
  /** the x axis: times (epoch s, or s from the start when `time` is 'relative'), categories, or numbers */
  x: {
    label: string;
    kind: 'time' | 'relative-time' | 'category' | 'number';
    unit?: ChartAxis['unit'];
    categories?: string[];
  };
  y: ChartAxis[];
  series: ChartSeries[];
  /** aligned columns: data[0] the x values (ascending), data[i] series i−1, null where it has no point */
  data: (number | null)[][];
  /** text drawn next to a point: series is the index into `series`, index the row */
  labels?: { series: number; index: number; text: string }[];
}

const PALETTE = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#17becf',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
];

/** The colour of the i-th series, cycling. */
export const colour = (i: number): string => PALETTE[i % PALETTE.length] as string;

/**
 * Points of several series with different x values, as uPlot's aligned columns: the x values of all
 * series sorted (repeated where two points share one), each series null on the others' rows.
 */
export function alignPoints(series: { x: number; y: number }[][]): (number | null)[][] {
  const rows: { x: number; s: number; y: number }[] = [];
  series.forEach((pts, s) => pts.forEach((p) => rows.push({ x: p.x, s, y: p.y })));
  rows.sort((a, b) => a.x - b.x || a.s - b.s);
  const data: (number | null)[][] = [rows.map((r) => r.x)];
  for (let s = 0; s < series.length; s++) data.push(rows.map((r) => (r.s === s ? r.y : null)));
  return data;
}
