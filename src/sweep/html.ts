/**
 * `sweep --html`: monthly cost and p99 against memory on two axes, one series per architecture (and
 * per any other swept setting), the Pareto front ringed, infeasible points marked, each recommended
 * point labelled; the cold-start rate against memory; the points as a sortable table.
 */
import { int, ms, pct } from '../report/format.js';
import { alignPoints, colour, type ChartSeries, type ChartSpec } from '../report/html/chart.js';
import { esc } from '../report/html/escape.js';
import { cards, chartBox, list, num, renderPage, section, table } from '../report/html/page.js';
import { sweepMoney } from './money.js';
import { renderSweepJson } from './render.js';
import type { PointOutcome, SweepReport } from './types.js';

/** The series a point belongs to: its swept settings other than memory ("arm64", "arm64 keep-alive 10m"). */
function seriesKey(p: PointOutcome): string {
  const rest = Object.entries(p.settings).filter(([k]) => k !== 'memory' && k !== 'arch');
  return [p.arch, ...rest.map(([k, v]) => `${k} ${v}`)].join(' ');
}

function seriesKeys(points: PointOutcome[]): string[] {
  return [...new Set(points.map(seriesKey))];
}

function sweepCharts(r: SweepReport): ChartSpec[] {
  const keys = seriesKeys(r.points);
  const by = (k: string): PointOutcome[] => r.points.filter((p) => seriesKey(p) === k);
  const pts = (list: PointOutcome[], y: (p: PointOutcome) => number): { x: number; y: number }[] =>
    list.map((p) => ({ x: p.memoryMb, y: y(p) }));
  // one aligned table for all series; rows follow the points' order, so labels can name a row
  const cost = (p: PointOutcome): number => p.monthlyUsd;
  const groups = [
    ...keys.map((k) => pts(by(k), cost)),
    ...keys.map((k) => pts(by(k), (p) => p.latency.p99Ms)),
    pts(
      r.points.filter((p) => p.pareto),
      cost,
    ),
    pts(
      r.points.filter((p) => !p.feasible),
      cost,
    ),
  ];
  const data = alignPoints(groups);
  const series: ChartSeries[] = [
    ...keys.map((k, i): ChartSeries => ({ label: `${k} cost`, color: colour(i), style: 'line' })),
    ...keys.map(
      (k, i): ChartSeries => ({ label: `${k} p99`, color: colour(i), style: 'line', dash: true, axis: 1 }),
    ),
    { label: 'Pareto front (cost, p99)', color: '#2ca02c', style: 'points', ring: true },
    { label: 'infeasible ✗', color: '#d62728', style: 'points', ring: true },
  ];
  // recommended points: a label on their cost series, at the row holding that point
  const labels: NonNullable<ChartSpec['labels']> = [];
  for (const rec of r.recommendations) {
    if (rec.index === null) continue;
    const p = r.points.find((q) => q.index === rec.index);
    if (!p) continue;
    const s = keys.indexOf(seriesKey(p));
    const row = data[0]!.findIndex((x, i) => x === p.memoryMb && data[s + 1]![i] === p.monthlyUsd);
    if (row >= 0) {
      const same = labels.find((l) => l.series === s && l.index === row);
      if (same) same.text += `, ${rec.kind}`;
      else labels.push({ series: s, index: row, text: rec.kind });
    }
  }
  const coldData = alignPoints(keys.map((k) => pts(by(k), (p) => p.coldStartRate)));
  return [
    {
      id: 'chart-sweep-cost',
      title: 'Monthly cost and p99 against memory',
      note: 'solid: monthly cost (left axis); dashed: p99 latency (right axis); rings: the Pareto front and infeasible points; labels: the recommendations',
      x: { label: 'memory', kind: 'number', unit: 'mb' },
      y: [
        { label: 'USD a month', unit: 'usd' },
        { label: 'p99', unit: 'ms' },
      ],
      series,
      data,
      labels,
    },
    {
      id: 'chart-sweep-cold',
      title: 'Cold-start rate against memory',
      x: { label: 'memory', kind: 'number', unit: 'mb' },
      y: [{ label: 'cold-start rate', unit: 'pct' }],
      series: keys.map((k, i) => ({ label: k, color: colour(i), style: 'line' })),
      data: coldData,
    },
  ];
}

export function renderSweepHtml(r: SweepReport): string {
  const money = sweepMoney(r.points);
  const charts = sweepCharts(r);
  const picks = new Map<number, string[]>();
  for (const rec of r.recommendations)
    if (rec.index !== null) picks.set(rec.index, [...(picks.get(rec.index) ?? []), rec.kind]);
  const byKind = (k: string): PointOutcome | undefined =>
    r.points.find((p) => p.index === r.recommendations.find((x) => x.kind === k)?.index);
  const cheapest = byKind('cheapest');
  const fastest = byKind('fastest');
  const balanced = byKind('balanced');
  const card = (kind: string, p: PointOutcome | undefined): Parameters<typeof cards>[0] =>
    p
      ? [
          {
            key: `recommendations.${kind}`,
            label: kind,
            text: p.label,
            value: p.index,
            sub: `${money(p.monthlyUsd)} a month, p99 ${ms(p.latency.p99Ms)}`,
          },
        ]
      : [];
  const rows = r.points.map((p) => [
    esc(p.label),
    num(`${int(p.memoryMb)} MB`, p.memoryMb),
    esc(seriesKey(p)),
    num(money(p.monthlyUsd), p.monthlyUsd),
    num(ms(p.latency.p99Ms), p.latency.p99Ms),
    num(pct(p.coldStartRate), p.coldStartRate),
    esc(p.pareto ? 'yes' : ''),
    esc(p.feasible ? (picks.get(p.index) ?? []).join(', ') : `✗ ${p.infeasible.join('; ')}`),
  ]);
  const sections = [
    section(
      'Recommendations',
      cards([
        ...card('cheapest', cheapest),
        ...card('fastest', fastest),
        ...card('balanced', balanced),
        {
          key: 'points.length',
          label: 'points',
          text: int(r.points.length),
          value: r.points.length,
          sub: `${r.points.filter((p) => !p.feasible).length} infeasible`,
        },
      ]) + list(r.recommendations.map((x) => `${x.kind}: ${x.reason}`)),
      'headline',
    ),
    section('Charts', `<div class="grid2">${charts.map(chartBox).join('')}</div>`, 'charts'),
    section(
      'Points',
      `<p class="note">Click a column's header to sort. ✗: the configuration cannot run the trace.</p>${table(['point', 'memory', 'series', 'monthly', 'p99', 'cold-start rate', 'Pareto', 'pick / infeasible'], rows, { sortable: true, id: 'points', rowClass: (i) => (r.points[i]!.feasible ? (picks.has(r.points[i]!.index) ? 'pick' : '') : 'bad') })}`,
      'points-section',
    ),
    section('Assumptions', list(r.assumptions), 'assumptions'),
  ];
  const subtitle = `${r.trace.file}: ${int(r.trace.requests)} requests; ${r.grid.size} points (${r.grid.dimensions.map((d) => `${d.name} ${d.values.length}`).join(' × ')})`;
  return renderPage({ title: 'faasim sweep', subtitle, sections, json: renderSweepJson(r), charts });
}
