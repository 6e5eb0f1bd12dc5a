/**
 * `simulate --html`: headline cards, the bill as bars, the run over the trace's time (from the
 * TimelineObserver), latency warm against cold, the functions (sortable), and what it all rests on.
 * `--provider all` gets the platforms side by side instead (comparison.ts).
 */
import type { SimulationResult } from '../../run/result.js';
import { int, ms, pct, usd, usdColumn } from '../format.js';
import { renderJson } from '../render/json.js';
import type { Timeline } from '../../metrics/timeline.js';
import { colour, type ChartSpec } from './chart.js';
import { configTable, sourcesSections } from './sources.js';
import { cards, chartBox, num, renderPage, section, table } from './page.js';
import { esc } from './escape.js';

/** The headline figures, each named by its path in the JSON (the browser tests compare the two). */
function headline(r: SimulationResult): Parameters<typeof cards>[0] {
  const o = r.outcomes;
  return [
    {
      key: 'cost.monthlyUsd',
      label: 'monthly cost (30 days)',
      text: usd(r.cost.monthlyUsd),
      value: r.cost.monthlyUsd,
      sub: `${usd(r.cost.spanUsd)} for the trace's span`,
    },
    {
      key: 'cost.usdPerMillionRequests',
      label: 'cost per million requests',
      text: usd(r.cost.usdPerMillionRequests),
      value: r.cost.usdPerMillionRequests,
    },
    {
      key: 'outcomes.coldStartRate',
      label: 'cold-start rate',
      text: pct(o.coldStartRate),
      value: o.coldStartRate,
      sub: `${int(o.servedCold)} of ${int(o.requests)} requests`,
    },
    {
      key: 'outcomes.throttledSync',
      label: 'throttled (sync, 429)',
      text: int(o.throttledSync),
      value: o.throttledSync,
      sub: `${int(o.asyncDropped)} async dropped`,
    },
    {
      key: 'outcomes.latency.all.p99Ms',
      label: 'p99 latency',
      text: ms(o.latency.all.p99Ms),
      value: o.latency.all.p99Ms,
      sub: `cold p99 ${ms(o.latency.cold.p99Ms)}`,
    },
  ];
}

function costChart(r: SimulationResult, id = 'chart-cost'): ChartSpec {
  // lines of $0 (no provisioned instances, no pings…) stay in the table, off the chart
  const lines = r.cost.lines.filter((l) => l.monthlyUsd !== 0);
  return {
    id,
    title: 'Monthly cost by line',
    note: `${r.config.providerLabel}, ${r.cost.region}; a 30-day month projected from the trace's span; lines of $0 only in the table`,
    x: { label: 'cost line', kind: 'category', categories: lines.map((l) => l.label) },
    y: [{ label: 'USD a month', unit: 'usd' }],
    series: [{ label: 'monthly USD', color: colour(0), style: 'bars' }],
    data: [lines.map((_l, i) => i), lines.map((l) => l.monthlyUsd)],
  };
}

const PERCENTILES = [
  ['p50', 'p50Ms'],
  ['p90', 'p90Ms'],
  ['p95', 'p95Ms'],
  ['p99', 'p99Ms'],
  ['max', 'maxMs'],
] as const;

function latencyChart(r: SimulationResult): ChartSpec {
  const { warm, cold } = r.outcomes.latency;
  const col = (s: typeof warm): (number | null)[] => PERCENTILES.map(([, k]) => (s.count > 0 ? s[k] : null));
  return {
    id: 'chart-latency',
    title: 'Latency, warm against cold',
    note: `percentiles of ${int(warm.count)} warm and ${int(cold.count)} cold requests (cold = INIT + run)${r.latencyAccuracy.exact ? '' : `; from a histogram, within ${pct(r.latencyAccuracy.relativeError)}`}`,
    x: { label: 'percentile', kind: 'category', categories: PERCENTILES.map(([p]) => p) },
    y: [{ label: 'latency', unit: 'ms' }],
    series: [
      { label: 'warm', color: colour(0), style: 'bars', align: -1 },
      { label: 'cold', color: colour(1), style: 'bars', align: 1 },
    ],
    data: [PERCENTILES.map((_p, i) => i), col(warm), col(cold)],
  };
}

/** Three charts over the trace's time, one point per bucket. */
function timelineCharts(t: Timeline): ChartSpec[] {
  const n = t.requests.length;
  const onClock = t.startEpochMs !== null;
  const x = Array.from(
    { length: n },
    (_v, i) => ((onClock ? (t.startEpochMs as number) : 0) + i * t.bucketMs) / 1000,
  );
  const kind = onClock ? 'time' : 'relative-time';
  const width = t.bucketMs >= 3_600_000 ? `${t.bucketMs / 3_600_000} h` : `${t.bucketMs / 60_000} min`;
  const note = `${n} buckets of ${width}${t.bucketMs > 60_000 ? ' (one-minute buckets merged to keep the page small)' : ''}`;
  const xAxis = { label: onClock ? 'time (UTC)' : 'time from the start', kind } as const;
  return [
    {
      id: 'chart-rate',
      title: 'Request rate',
      note: `user requests arriving per second, mean over each bucket; ${note}`,
      x: xAxis,
      y: [{ label: 'requests/s', unit: 'num' }],
      series: [{ label: 'requests/s', color: colour(0), style: 'step' }],
      data: [x, t.requests.map((c) => c / (t.bucketMs / 1000))],
    },
    {
      id: 'chart-levels',
      title: 'Concurrency and instances alive',
      note: `peak in each bucket; ${note}`,
      x: xAxis,
      y: [{ label: 'count', unit: 'num' }],
      series: [
        { label: 'requests in flight (peak)', color: colour(0), style: 'step' },
        { label: 'instances alive (peak)', color: colour(2), style: 'step' },
      ],
      data: [x, t.peakConcurrency, t.peakInstances],
    },
    {
      id: 'chart-cold',
      title: 'Cold starts and throttles',
      note: `requests per bucket; ${note}`,
      x: xAxis,
      y: [{ label: 'requests', unit: 'num' }],
      series: [
        { label: 'served cold', color: colour(1), style: 'step' },
        { label: 'throttled (429)', color: colour(4), style: 'step' },
      ],
      data: [x, t.coldStarts, t.throttles],
    },
  ];
}

function functionTable(r: SimulationResult): string {
  const rows = r.functions.map((f) => [
    esc(f.name),
    num(`${int(f.memoryMb)} MB`, f.memoryMb),
    num(int(f.outcomes.requests), f.outcomes.requests),
    num(int(f.outcomes.servedCold), f.outcomes.servedCold),
    num(pct(f.outcomes.coldStartRate), f.outcomes.coldStartRate),
    num(int(f.outcomes.throttledSync), f.outcomes.throttledSync),
    num(ms(f.outcomes.latency.all.p99Ms), f.outcomes.latency.all.p99Ms),
    num(int(f.outcomes.peakConcurrency), f.outcomes.peakConcurrency),
  ]);
  return table(
    ['function', 'memory', 'requests', 'cold', 'cold rate', 'throttled', 'p99', 'peak conc.'],
    rows,
    { sortable: true, id: 'functions' },
  );
}

function subtitleOf(r: SimulationResult): string {
  const span = r.trace.firstIso && r.trace.lastIso ? `, ${r.trace.firstIso} .. ${r.trace.lastIso}` : '';
  return `${r.trace.file}: ${int(r.trace.requests)} requests${span}; ${r.config.providerLabel} ${r.config.region}, ${int(r.config.memoryMb)} MB ${r.config.arch}`;
}

export function renderSimulateHtml(r: SimulationResult, timeline: Timeline | null): string {
  const time = timeline ? timelineCharts(timeline) : [];
  const cost = costChart(r);
  const latency = latencyChart(r);
  // the cost column in the terminal table's format (its total included, as there)
  const monthly = usdColumn([...r.cost.lines.map((l) => l.monthlyUsd), r.cost.monthlyUsd]);
  const sections = [
    section('Headline', cards(headline(r)), 'headline'),
    // what happened over time first: it is what a table report cannot show
    ...(time.length > 0
      ? [
          section(
            "Over the trace's time",
            `<div class="grid2">${time.map(chartBox).join('')}</div>`,
            'timeline',
          ),
        ]
      : []),
    section(
      'Cost',
      `<div class="grid2">${chartBox(cost)}<div>${table(
        ['line', 'monthly quantity', '30-day month', 'note'],
        r.cost.lines.map((l) => [
          esc(l.label),
          esc(`${int(l.quantity)} ${l.unit}`),
          num(monthly(l.monthlyUsd), l.monthlyUsd),
          esc(l.note ?? ''),
        ]),
      )}</div></div>`,
      'cost',
    ),
    section('Latency', chartBox(latency), 'latency'),
    section(
      'Functions',
      `<p class="note">Click a column's header to sort.</p>${functionTable(r)}`,
      'functions-section',
    ),
    section('Configuration', configTable(r.config), 'configuration'),
    ...sourcesSections(r.cost, r.assumptions),
  ];
  return renderPage({
    title: 'faasim simulate',
    subtitle: subtitleOf(r),
    sections,
    json: renderJson(r),
    charts: [cost, ...time, latency],
  });
}
