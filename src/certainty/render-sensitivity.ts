/** The sensitivity rows in each output format: a table section and CSV rows (JSON takes the rows as they are). */
import { pct, usdColumn } from '../report/format.js';
import Table from '../report/render/safe-table.js';
import type { SensitivityRow } from './sensitivity.js';

const PLAIN = { head: [], border: [] };
const CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** a figure's value with its unit, short: prices keep their digits, ms become minutes or seconds when whole */
function figureText(x: number, unit: string): string {
  if (unit === 'ms' || unit.startsWith('ms ')) {
    if (x >= 60_000 && x % 60_000 === 0) return `${x / 60_000} min`;
    if (x >= 1000 && x % 1000 === 0) return `${x / 1000} s`;
    return `${x} ms`;
  }
  if (unit.startsWith('multiple of')) return `×${x}`;
  return `${x} ${unit}`;
}

/** signed, so the direction shows: "+$1.20" when the high end costs more */
function signed(usd: (x: number) => string): (x: number) => string {
  return (x) => (x > 0 ? `+${usd(x)}` : usd(x));
}

function signedPoints(x: number): string {
  const s = pct(x);
  return x > 0 ? `+${s}` : s;
}

/** the dotted path, and the file when it is not the provider's price sheet (the INIT measurements) */
function nameOf(r: SensitivityRow): string {
  return r.file === `${r.provider}.json` ? r.figure : `${r.file}: ${r.figure}`;
}

export function sensitivityTable(rows: readonly SensitivityRow[]): string {
  if (rows.length === 0)
    return 'Sensitivity\n- no figure this run rests on states a plausible range (low/high in pricing/*.json)';
  const t = new Table({
    head: ['Sensitivity: figure', 'low', 'high', 'cost swing', 'cold-start swing'],
    style: PLAIN,
    chars: CHARS,
  });
  // the swings in one format, the monthly costs at low and high in another (report/format.ts usdColumn)
  const swing = signed(usdColumn(rows.map((r) => r.costSwingUsd)));
  const usd = usdColumn(rows.flatMap((r) => [r.atLow.monthlyUsd, r.atHigh.monthlyUsd]));
  for (const r of rows) {
    t.push([
      `${nameOf(r)} = ${figureText(r.value, r.unit)}`,
      figureText(r.low, r.unit),
      figureText(r.high, r.unit),
      `${swing(r.costSwingUsd)} (${usd(r.atLow.monthlyUsd)} → ${usd(r.atHigh.monthlyUsd)})`,
      `${signedPoints(r.coldStartSwing)} (${pct(r.atLow.coldStartRate)} → ${pct(r.atHigh.coldStartRate)})`,
    ]);
  }
  return [
    t.toString(),
    '- each figure rerun at its low and its high end, one at a time, same seed; swing = monthly cost (cold-start rate) at high minus at low; largest cost swing first',
    ...rows.map((r) => `- ${nameOf(r)}: ${r.bounds}`),
  ].join('\n');
}

export function sensitivityCsvRows(rows: readonly SensitivityRow[]): (string | number)[][] {
  return rows.flatMap((r) => [
    ['sensitivity', r.figure, 'low', r.low, r.unit],
    ['sensitivity', r.figure, 'high', r.high, r.unit],
    ['sensitivity', r.figure, 'cost_swing', r.costSwingUsd, 'USD'],
    ['sensitivity', r.figure, 'cold_start_swing', r.coldStartSwing, 'fraction'],
  ]);
}
