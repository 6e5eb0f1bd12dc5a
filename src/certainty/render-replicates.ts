/** The replicate summary in each output format: a table section, CSV rows, a JSON key. */
import { int, ms, num, pct, usdColumn } from '../report/format.js';
import Table from '../report/render/safe-table.js';
import type { SimulationResult } from '../simulate.js';
import type { MeanInterval } from './interval.js';
import { headlineFigures, type HeadlineIntervals, type ReplicateSummary } from './replicates.js';

const PLAIN = { head: [], border: [] };
const CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/**
 * label and formatter per figure, in report order; throttles are counts, their mean has a decimal;
 * money has one format across the row's cells (moneyOf), as every money column has
 */
const FIGURES: {
  key: keyof HeadlineIntervals;
  label: string;
  csv: string;
  unit: string;
  fmt: ((x: number) => string) | 'money';
}[] = [
  {
    key: 'coldStartRate',
    label: 'cold-start rate',
    csv: 'cold_start_rate',
    unit: 'fraction',
    fmt: (x) => pct(x),
  },
  { key: 'throttled', label: 'throttled (429 + dropped)', csv: 'throttled', unit: '', fmt: (x) => num(x, 1) },
  { key: 'p99Ms', label: 'p99 latency', csv: 'p99_latency', unit: 'ms', fmt: (x) => ms(x) },
  { key: 'monthlyUsd', label: 'monthly cost', csv: 'monthly_cost', unit: 'USD', fmt: 'money' },
];

/**
 * The cost row's mean, half-width, interval and first seed in one money format (usdColumn, as the
 * sweep's and compare's replicate columns): "$12.89 ± <$0.01", not "$12.89 ± $0.000498".
 */
function moneyOf(i: MeanInterval, own: number): (x: number) => string {
  return usdColumn([i.mean, (i.high - i.low) / 2, i.low, i.high, own]);
}

/** "0.61% ± 0.04%": the half-width in the figure's own format */
function plusMinus(i: MeanInterval, fmt: (x: number) => string): string {
  return `${fmt(i.mean)} ± ${fmt((i.high - i.low) / 2)}`;
}

export function replicatesTable(s: ReplicateSummary, first: SimulationResult): string {
  const t = new Table({
    head: [`Replicates (${int(s.n)} seeds)`, 'mean ± 95% CI', '95% interval', `seed ${s.seeds.first}`],
    style: PLAIN,
    chars: CHARS,
  });
  const own = headlineFigures(first);
  for (const f of FIGURES) {
    const i = s.figures[f.key];
    const fmt = f.fmt === 'money' ? moneyOf(i, own[f.key]) : f.fmt;
    t.push([f.label, plusMinus(i, fmt), `[${fmt(i.low)}, ${fmt(i.high)}]`, fmt(own[f.key])]);
  }
  return [
    t.toString(),
    `- seeds ${s.seeds.first}..${s.seeds.last}; ${s.method}`,
    "- the interval is the spread of the model's own random draws, not of its figures (--sensitivity) nor of the trace (read once)",
  ].join('\n');
}

/** CSV rows, `replicates,all,<figure>_mean|_low|_high|_n,value,unit`, after the report's own rows. */
export function replicatesCsvRows(s: ReplicateSummary): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const f of FIGURES) {
    const i = s.figures[f.key];
    rows.push(
      ['replicates', 'all', `${f.csv}_mean`, i.mean, f.unit],
      ['replicates', 'all', `${f.csv}_low`, i.low, f.unit],
      ['replicates', 'all', `${f.csv}_high`, i.high, f.unit],
    );
  }
  rows.push(['replicates', 'all', 'n', s.n, '']);
  return rows;
}
