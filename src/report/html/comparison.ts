/**
 * `simulate --provider all --html`: the platforms side by side. One table (sortable), monthly cost,
 * cold-start rate and p99 per platform as bars, and each platform's unconfirmed figures with sources.
 */
import type { ComparisonResult, ComparisonRow } from '../../run/compare-result.js';
import type { SimulationResult } from '../../run/result.js';
import { int, ms, pct, usd, usdColumn } from '../format.js';
import { renderComparisonJson } from '../render/compare.js';
import { colour, type ChartAxis, type ChartSpec } from './chart.js';
import { esc, link, shortAddress } from './escape.js';
import { cards, chartBox, num, renderPage, section, table } from './page.js';

type Ran = ComparisonRow & { result: SimulationResult };

function bars(
  id: string,
  title: string,
  rows: Ran[],
  unit: ChartAxis['unit'],
  label: string,
  value: (r: SimulationResult) => number,
  i: number,
): ChartSpec {
  return {
    id,
    title,
    x: { label: 'platform', kind: 'category', categories: rows.map((r) => r.provider) },
    y: [{ label, unit }],
    series: [{ label, color: colour(i), style: 'bars' }],
    data: [rows.map((_r, k) => k), rows.map((r) => value(r.result))],
  };
}

export function renderComparisonHtml(c: ComparisonResult): string {
  const ran = c.rows.filter((r): r is Ran => r.result !== null);
  const charts = [
    bars(
      'chart-provider-cost',
      'Monthly cost by platform',
      ran,
      'usd',
      'USD a month',
      (r) => r.cost.monthlyUsd,
      0,
    ),
    bars(
      'chart-provider-cold',
      'Cold-start rate by platform',
      ran,
      'pct',
      'cold-start rate',
      (r) => r.outcomes.coldStartRate,
      1,
    ),
    bars(
      'chart-provider-p99',
      'p99 latency by platform',
      ran,
      'ms',
      'p99',
      (r) => r.outcomes.latency.all.p99Ms,
      2,
    ),
  ];
  const cheapest = ran.reduce<Ran | null>(
    (a, r) => (a === null || r.result.cost.monthlyUsd < a.result.cost.monthlyUsd ? r : a),
    null,
  );
  // each money column in one format across the platforms, as in the terminal table
  const monthly = usdColumn(ran.map((r) => r.result.cost.monthlyUsd));
  const perMillion = usdColumn(ran.map((r) => r.result.cost.usdPerMillionRequests));
  const rows = c.rows.map((r) => {
    const x = r.result;
    if (x === null)
      return [
        esc(r.label),
        { html: '–', sort: NaN },
        { html: '–', sort: NaN },
        { html: '–', sort: NaN },
        { html: '–', sort: NaN },
        { html: '–', sort: NaN },
        { html: '–', sort: NaN },
        esc(r.error ?? ''),
      ];
    return [
      esc(r.label),
      num(`${int(x.config.memoryMb)} MB`, x.config.memoryMb),
      num(monthly(x.cost.monthlyUsd), x.cost.monthlyUsd),
      num(perMillion(x.cost.usdPerMillionRequests), x.cost.usdPerMillionRequests),
      num(pct(x.outcomes.coldStartRate), x.outcomes.coldStartRate),
      num(int(x.outcomes.throttledSync), x.outcomes.throttledSync),
      num(ms(x.outcomes.latency.all.p99Ms), x.outcomes.latency.all.p99Ms),
      esc(r.adaptations.join('; ')),
    ];
  });
  const unconfirmed = ran.flatMap((r) =>
    r.result.cost.unconfirmed.map((u) => [
      esc(r.provider),
      esc(u.path),
      esc(`${u.figure.value} ${u.figure.unit}`),
      link(u.figure.source, shortAddress(u.figure.source)),
      esc(u.figure.note ?? ''),
    ]),
  );
  const sections = [
    section(
      'Headline',
      cards([
        {
          key: 'rows.length',
          label: 'platforms run',
          text: `${ran.length} of ${c.rows.length}`,
          value: ran.length,
        },
        ...(cheapest
          ? [
              {
                key: `cheapest:${cheapest.provider}`,
                label: 'cheapest',
                text: usd(cheapest.result.cost.monthlyUsd),
                value: cheapest.result.cost.monthlyUsd,
                sub: cheapest.label,
              },
            ]
          : []),
      ]),
      'headline',
    ),
    section(
      'Platforms side by side',
      `<p class="note">Click a column's header to sort.</p>${table(['platform', 'memory', 'monthly', 'per million', 'cold-start rate', 'throttled', 'p99', 'adapted / error'], rows, { sortable: true, id: 'providers' })}`,
      'providers-section',
    ),
    section('Charts', `<div class="grid2">${charts.map(chartBox).join('')}</div>`, 'charts'),
    section(
      'Unconfirmed figures',
      unconfirmed.length === 0
        ? '<p class="note">none</p>'
        : table(['platform', 'figure', 'value', 'source', 'note'], unconfirmed),
      'unconfirmed-figures',
    ),
  ];
  const subtitle = c.trace
    ? `${c.trace.file}: ${int(c.trace.requests)} requests; --memory ${int(c.requestedMemoryMb)} MB on ${c.rows.length} platforms`
    : `${c.rows.length} platforms`;
  return renderPage({
    title: 'faasim simulate: platforms compared',
    subtitle,
    sections,
    json: renderComparisonJson(c),
    charts,
  });
}
