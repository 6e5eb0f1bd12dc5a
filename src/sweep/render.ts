/** Sweep reports as a table (with a chart), JSON (schema faasim.sweep/v1) or CSV (one row per point). */
import Table from '../report/render/safe-table.js';
import { view } from '../report/render/view.js';
import { paint } from '../report/render/paint.js';
import { int, ms, num, pct, usdColumn } from '../report/format.js';
import { renderSweepMarkdown } from './markdown.js';
import { sweepMoney } from './money.js';
import { formatDurationMs } from '../util/units.js';
import { renderChart } from './chart.js';
import type {
  PointOutcome,
  RecommendationKind,
  SweepInterval,
  SweepReplicates,
  SweepReport,
} from './types.js';

const PLAIN = { head: [], border: [] };
const CHARS = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };
const MARK: Record<RecommendationKind, string> = {
  cheapest: 'C',
  fastest: 'F',
  balanced: 'B',
  constrained: 'K',
};

function otherDimensions(r: SweepReport): string[] {
  return r.grid.dimensions.map((d) => d.name).filter((n) => n !== 'memory' && n !== 'arch');
}

function picksOf(r: SweepReport, p: PointOutcome): RecommendationKind[] {
  return r.recommendations.filter((x) => x.index === p.index).map((x) => x.kind);
}

export function renderSweepTable(r: SweepReport): string {
  const out: string[] = [];
  const tr = r.trace;
  const dims = r.grid.dimensions.map((d) => `${d.name} (${d.values.length})`).join(' × ');
  const info = new Table({
    head: ['Sweep', ''],
    style: PLAIN,
    chars: CHARS,
    wordWrap: true,
    colWidths: [24, 96],
  });
  info.push(
    [
      'trace',
      `${tr.file}: ${int(tr.requests)} requests over ${formatDurationMs(tr.spanMs)}, ${tr.functions.length > 4 ? `${int(tr.functions.length)} functions` : tr.functions.join(', ')}`,
    ],
    [
      'grid',
      `${int(r.grid.size)} point${r.grid.size === 1 ? '' : 's'}: ${dims}; each a full simulation of the whole trace`,
    ],
  );
  const m = r.durationModel;
  if (m) {
    info.push(['duration model', m.text]);
    for (const [k, v] of m.parameters) info.push([`  ${k}`, v]);
    info.push([
      '  valid for',
      Number.isFinite(m.validToMb) ? `${int(m.validFromMb)}..${int(m.validToMb)} MB` : 'every size',
    ]);
  } else {
    info.push(['duration model', 'none: run time as observed at every size (--duration-model to change it)']);
  }
  const money = sweepMoney(r.points);
  const c = r.criteria;
  const cons = [
    c.maxP99Ms !== null ? `p99 ≤ ${ms(c.maxP99Ms)}` : '',
    c.maxColdStartRate !== null ? `cold-start rate ≤ ${pct(c.maxColdStartRate)}` : '',
    c.maxMonthlyUsd !== null ? `cost ≤ ${money(c.maxMonthlyUsd)}/month` : '',
  ].filter((s) => s);
  info.push([
    'balanced',
    `weight ${num(c.balancedWeight, 2)} on cost, time = ${c.balancedMetric === 'p99' ? 'p99 latency' : 'mean latency'}`,
  ]);
  if (cons.length > 0) info.push(['constraints', cons.join(', ')]);
  out.push(info.toString());

  const extra = otherDimensions(r);
  // within 100 columns the cost breakdown, p50, p95 and peak go (a line below says so); --wide shows them
  const wide = !Number.isFinite(view().width);
  // each money column in its own one format (cents, or a column wholly below a cent in its decimals)
  const usdOf = (amount: (p: PointOutcome) => number): ((p: PointOutcome) => string) => {
    const f = usdColumn(r.points.map(amount));
    return (p) => f(amount(p));
  };
  const columns: { head: string; optional: boolean; cell: (p: PointOutcome) => string }[] = [
    { head: 'monthly', optional: false, cell: (p) => money(p.monthlyUsd) },
    { head: 'requests', optional: true, cell: usdOf((p) => p.cost.requests) },
    { head: 'duration', optional: true, cell: usdOf((p) => p.cost.duration) },
    { head: 'INIT', optional: true, cell: usdOf((p) => p.cost.init) },
    { head: 'other', optional: true, cell: usdOf((p) => p.cost.other) },
    { head: '$/M req', optional: false, cell: usdOf((p) => p.usdPerMillionRequests) },
    { head: 'cold', optional: false, cell: (p) => pct(p.coldStartRate) },
    { head: 'throttled', optional: false, cell: (p) => int(p.throttled) },
    { head: 'p50', optional: true, cell: (p) => ms(p.latency.p50Ms) },
    { head: 'p95', optional: true, cell: (p) => ms(p.latency.p95Ms) },
    { head: 'p99', optional: false, cell: (p) => ms(p.latency.p99Ms) },
    { head: 'peak', optional: true, cell: (p) => int(p.peakConcurrency) },
  ];
  const shown = columns.filter((col) => wide || !col.optional);
  const head = ['memory MB', 'arch', ...extra, ...shown.map((col) => col.head), 'front'];
  const t = new Table({
    head,
    style: { ...PLAIN },
    chars: CHARS,
    colAligns: head.map((h, i) => (i < 2 + extra.length || h === 'front' ? 'left' : 'right')),
  });
  for (const p of r.points) {
    const marks =
      (p.feasible ? (p.pareto ? '*' : ' ') : '✗') +
      picksOf(r, p)
        .map((k) => MARK[k])
        .join('');
    t.push([
      `${int(p.memoryMb)}${p.extrapolated ? '~' : ''}`,
      p.arch,
      ...extra.map((d) => p.settings[d] ?? ''),
      ...shown.map((col) => col.cell(p)),
      marks.trimEnd(),
    ]);
    // on a terminal: the recommended points stand out, the infeasible ones are struck out
    if (!p.feasible) t.paintLast('dim', 'strike');
    else if (picksOf(r, p).length > 0) t.paintLast('green', 'bold');
  }
  out.push(t.toString());
  const infeasible = r.points.filter((p) => !p.feasible);
  out.push(
    '  monthly = 30-day month; front: * on the Pareto front of cost and p99 (no other feasible point is as cheap and as fast, and better in one); C cheapest, F fastest, B balanced, K cheapest under the constraints' +
      (infeasible.length > 0 ? '; ✗ infeasible, never recommended' : '') +
      (r.points.some((p) => p.extrapolated) ? '; ~ extrapolated beyond the measured points' : '') +
      (wide
        ? ''
        : `; --wide adds the columns ${columns
            .filter((col) => col.optional)
            .map((col) => col.head)
            .join(', ')}`),
  );
  for (const p of infeasible) out.push(paint(`  ✗ ${p.label}: ${p.infeasible.join('; ')}`, 'yellow'));

  const rec = new Table({
    head: ['Recommendation', ''],
    style: PLAIN,
    chars: CHARS,
    wordWrap: true,
    colWidths: [24, 96],
  });
  const names: Record<RecommendationKind, string> = {
    cheapest: 'cheapest (C)',
    fastest: 'fastest at p99 (F)',
    balanced: 'balanced (B)',
    constrained: 'under constraints (K)',
  };
  for (const x of r.recommendations) rec.push([names[x.kind], x.reason]);
  out.push(rec.toString());

  if (r.powerTuning.length > 0) {
    const pt = new Table({
      head: ["Power Tuning's pick", ''],
      style: PLAIN,
      chars: CHARS,
      wordWrap: true,
      colWidths: [24, 96],
    });
    for (const x of r.powerTuning) pt.push([x.strategy, x.reason]);
    pt.push([
      'how',
      'its cost per invocation = ceil(mean warm run time) × its per-ms price at 128 MB × MB/128 (2.1e-9 USD x86_64, 1.7e-9 arm64); no request charge, INIT, tiers or free tier; mean, not p99',
    ]);
    out.push(pt.toString());
  }

  if (r.replicates) out.push(replicatesTable(r));

  out.push(renderChart(r.points));

  const notes = ['Notes'];
  const inits = [...new Set(r.points.map((p) => p.init))];
  if (inits.length <= 4) for (const i of inits) notes.push(`- INIT: ${i}`);
  else
    notes.push(
      `- INIT: per point, the measured INIT of the closest measured memory (${inits.length} distinct; see --format json)`,
    );
  notes.push(
    r.latencyAccuracy.exact
      ? '- latency percentiles are exact'
      : `- latency percentiles from a log histogram, within ${pct(r.latencyAccuracy.relativeError, 1)} of the exact value`,
  );
  notes.push(
    '- latency = queueing + INIT (cold starts) + run time; network and platform overheads are not modelled',
  );
  for (const a of r.assumptions) notes.push(`- ${a}`);
  out.push(notes.join('\n'));
  return out.join('\n') + '\n';
}

/** "mean ± half-width" of an interval in a figure's format */
function pm(i: SweepInterval, fmt: (x: number) => string): string {
  return `${fmt(i.mean)} ± ${fmt((i.high - i.low) / 2)}`;
}

/** --replicates: each point's headline figures as mean ± the 95 % interval's half-width */
function replicatesTable(r: SweepReport): string {
  const reps = r.replicates as SweepReplicates;
  const usd = usdColumn(
    reps.points.flatMap((x) => [x.monthlyUsd.mean, (x.monthlyUsd.high - x.monthlyUsd.low) / 2]),
  );
  const t = new Table({
    head: [`Replicates (${reps.n} seeds per point)`, 'cold-start rate', 'throttled', 'p99', 'monthly'],
    style: PLAIN,
    chars: CHARS,
  });
  r.points.forEach((p, i) => {
    const x = reps.points[i] as SweepReplicates['points'][number];
    t.push([
      p.label,
      pm(x.coldStartRate, (v) => pct(v)),
      pm(x.throttled, (v) => num(v, 1)),
      pm(x.p99Ms, ms),
      pm(x.monthlyUsd, usd),
    ]);
  });
  return `${t.toString()}\n  mean ± half-width of the interval: ${reps.method}; the rows above are each point's first seed`;
}

export function renderSweepJson(r: SweepReport): string {
  return (
    JSON.stringify(r, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n'
  );
}

function cell(v: string | number | boolean): string {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV column stems of the replicate figures, in SweepReplicates' key order */
const REPLICATE_FIGURES = ['cold_start_rate', 'throttled', 'p99_ms', 'monthly_usd'] as const;

function replicateCells(r: SweepReport, i: number): number[] {
  const x = r.replicates?.points[i];
  if (!x) return [];
  return [x.coldStartRate, x.throttled, x.p99Ms, x.monthlyUsd].flatMap((v) => [v.mean, v.low, v.high]);
}

export function renderSweepCsv(r: SweepReport): string {
  const extra = otherDimensions(r);
  const header = [
    'point',
    'memory_mb',
    'arch',
    ...extra.map((d) => d.replace(/-/g, '_')),
    'monthly_usd',
    'requests_usd',
    'duration_usd',
    'init_usd',
    'other_usd',
    'usd_per_million_requests',
    'cold_start_rate',
    'served_cold',
    'throttled',
    'p50_ms',
    'p95_ms',
    'p99_ms',
    'mean_ms',
    'max_ms',
    'peak_concurrency',
    'run_time_factor',
    'extrapolated',
    'pareto',
    'recommended',
    'feasible',
    'infeasible_because',
  ];
  const rows: (string | number | boolean)[][] = [header];
  if (r.replicates) for (const f of REPLICATE_FIGURES) header.push(`${f}_mean`, `${f}_low`, `${f}_high`);
  r.points.forEach((p, i) => {
    rows.push([
      p.index + 1,
      p.memoryMb,
      p.arch,
      ...extra.map((d) => p.settings[d] ?? ''),
      p.monthlyUsd,
      p.cost.requests,
      p.cost.duration,
      p.cost.init,
      p.cost.other,
      p.usdPerMillionRequests,
      p.coldStartRate,
      p.servedCold,
      p.throttled,
      p.latency.p50Ms,
      p.latency.p95Ms,
      p.latency.p99Ms,
      p.latency.meanMs,
      p.latency.maxMs,
      p.peakConcurrency,
      p.runTimeFactor,
      p.extrapolated,
      p.pareto,
      picksOf(r, p).join(';'),
      p.feasible,
      p.infeasible.join('; '),
      ...replicateCells(r, i),
    ]);
  });
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

export const SWEEP_RENDERERS = {
  table: renderSweepTable,
  json: renderSweepJson,
  csv: renderSweepCsv,
  markdown: renderSweepMarkdown,
} as const;
