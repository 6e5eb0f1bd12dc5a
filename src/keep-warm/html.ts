/**
 * `compare --html`: cold-start rate against monthly cost for every setting tried (the strategies,
 * the break-even's levels, the optimiser's probes), one series per family, the optimiser's answer
 * ringed and labelled; the strategies and the break-even as tables.
 */
import { int, pct, usd, usdColumn } from '../report/format.js';
import { alignPoints, colour, type ChartSeries, type ChartSpec } from '../report/html/chart.js';
import { esc } from '../report/html/escape.js';
import { cards, chartBox, list, num, renderPage, section, table } from '../report/html/page.js';
import { configTable } from '../report/html/sources.js';
import type { KeepWarmComparison } from './compare.js';
import type { Tried } from './runner.js';
import { renderCompareJson } from './render.js';

/** Families in the order they first appear in `tried`. */
function families(c: KeepWarmComparison): string[] {
  return [...new Set(c.tried.map((t) => t.family))];
}

function triedChart(c: KeepWarmComparison): ChartSpec {
  const fams = families(c);
  const pt = (t: Tried): { x: number; y: number } => ({ x: t.monthlyUsd, y: t.coldStartRate });
  const best = c.optimisation?.best ?? null;
  const answer = best === null ? [] : c.tried.filter((t) => t.setting === best).slice(0, 1);
  const data = alignPoints([
    ...fams.map((f) => c.tried.filter((t) => t.family === f).map(pt)),
    answer.map(pt),
  ]);
  const series: ChartSeries[] = [
    ...fams.map((f, i): ChartSeries => ({ label: f, color: colour(i), style: 'points' })),
    { label: "optimiser's answer", color: '#111111', style: 'points', ring: true },
  ];
  // labels: the optimiser's answer, and the named strategies that are cheapest and have fewest cold starts
  const labels: NonNullable<ChartSpec['labels']> = [];
  const label = (setting: string, text: string): void => {
    const t = c.tried.find((x) => x.setting === setting);
    if (!t) return;
    const s = fams.indexOf(t.family);
    const row = data[0]!.findIndex((x, i) => x === t.monthlyUsd && data[s + 1]![i] === t.coldStartRate);
    if (row < 0) return;
    const same = labels.find((l) => l.series === s && l.index === row);
    if (same) same.text += `, ${text}`;
    else labels.push({ series: s, index: row, text: `${setting}: ${text}` });
  };
  if (best !== null) label(best, "optimiser's answer");
  label(c.cheapest, 'cheapest');
  if (c.fewestColdStarts !== c.cheapest) label(c.fewestColdStarts, 'fewest cold starts');
  return {
    id: 'chart-tried',
    title: 'Cold-start rate against monthly cost, every setting tried',
    note: `${c.tried.length} settings: the strategies compared${c.breakEven ? ", the break-even's provisioned levels" : ''}${c.optimisation ? `, the optimiser's probes for ${c.optimisation.target.text}` : ''}`,
    x: { label: 'monthly cost', kind: 'number', unit: 'usd' },
    y: [{ label: 'cold-start rate', unit: 'pct' }],
    series,
    data,
    labels,
  };
}

/** 0: even one instance costs more; null: above every level tried (or none possible); else interpolated. */
function breakEvenText(level: number | null): string {
  if (level === null) return 'above the levels tried';
  if (level === 0) return 'below 1 instance';
  return `${Number(level.toFixed(2))} instances`;
}

export function renderCompareHtml(c: KeepWarmComparison): string {
  const chart = triedChart(c);
  const cheapest = c.strategies.find((s) => s.name === c.cheapest);
  const fewest = c.strategies.find((s) => s.name === c.fewestColdStarts);
  const head: Parameters<typeof cards>[0] = [];
  if (cheapest)
    head.push({
      key: `strategies.${cheapest.name}.monthlyUsd`,
      label: 'cheapest strategy',
      text: usd(cheapest.monthlyUsd),
      value: cheapest.monthlyUsd,
      sub: cheapest.name,
    });
  if (fewest)
    head.push({
      key: `strategies.${fewest.name}.coldStartRate`,
      label: 'fewest cold starts',
      text: pct(fewest.coldStartRate),
      value: fewest.coldStartRate,
      sub: fewest.name,
    });
  if (c.breakEven)
    head.push({
      key: 'breakEven.breakEvenLevel',
      label: 'provisioned break-even',
      text: breakEvenText(c.breakEven.breakEvenLevel),
      value: c.breakEven.breakEvenLevel,
      sub: `on-demand ${usd(c.breakEven.onDemandMonthlyUsd)} a month`,
    });
  if (c.optimisation)
    head.push({
      key: 'optimisation.best',
      label: `optimiser (${c.optimisation.target.text})`,
      text: c.optimisation.best ?? 'none meets it',
      value: c.optimisation.best,
    });
  // each money column in one format (report/format.ts usdColumn), as in the terminal tables
  const strategyMoney = usdColumn(c.strategies.map((s) => s.monthlyUsd));
  const strategies = c.strategies.map((s) => [
    esc(s.name),
    esc(s.family),
    esc(s.description),
    num(strategyMoney(s.monthlyUsd), s.monthlyUsd),
    num(pct(s.coldStartRate), s.coldStartRate),
    num(int(s.coldStarts), s.coldStarts),
    num(int(s.throttles), s.throttles),
  ]);
  const sections = [
    section('Headline', cards(head), 'headline'),
    section('Settings tried', chartBox(chart), 'tried'),
    section(
      'Strategies',
      `<p class="note">Click a column's header to sort.</p>${table(['strategy', 'family', 'what', 'monthly', 'cold-start rate', 'cold starts', 'throttled'], strategies, { sortable: true, id: 'strategies', rowClass: (i) => (c.strategies[i]!.name === c.cheapest ? 'pick' : '') })}`,
      'strategies-section',
    ),
  ];
  if (c.breakEven) {
    const b = c.breakEven;
    // the terminal's column: on demand, then each level
    const cost = usdColumn([b.onDemandMonthlyUsd, ...b.levels.map((l) => l.monthlyUsd)]);
    const rows = b.levels.map((l) => [
      num(int(l.level), l.level),
      num(cost(l.monthlyUsd), l.monthlyUsd),
      num(pct(l.utilization), l.utilization),
      num(pct(l.coldStartRate), l.coldStartRate),
    ]);
    sections.push(
      section(
        'Provisioned break-even',
        `<p class="note">${esc(b.explanation)}</p>${table(['level', 'monthly', 'utilisation', 'cold-start rate'], rows, { id: 'break-even', rowClass: (i) => (b.levels[i]!.level === b.breakEvenLevel ? 'pick' : '') })}`,
        'break-even-section',
      ),
    );
  }
  if (c.optimisation) {
    const answers = c.optimisation.answers;
    const money = usdColumn(answers.flatMap((a) => (a.monthlyUsd === null ? [] : [a.monthlyUsd])));
    const rows = answers.map((a) => [
      esc(a.family),
      esc(a.setting ?? '–'),
      a.monthlyUsd === null ? '–' : num(money(a.monthlyUsd), a.monthlyUsd),
      esc(a.note),
    ]);
    sections.push(
      section(
        `Optimiser: ${c.optimisation.target.text}`,
        table(['family', 'cheapest setting meeting it', 'monthly', 'note'], rows, { id: 'optimiser' }),
        'optimiser-section',
      ),
    );
  }
  sections.push(
    section('Configuration', configTable(c.config), 'configuration'),
    section('Assumptions', list(c.assumptions), 'assumptions'),
  );
  const subtitle = `${c.trace.file}: ${int(c.trace.requests)} requests; ${c.config.providerLabel}, ${int(c.config.memoryMb)} MB ${c.config.arch}${c.function ? `; strategies on ${c.function}` : ''}`;
  return renderPage({
    title: 'faasim compare: keep-warm strategies',
    subtitle,
    sections,
    json: renderCompareJson(c),
    charts: [chart],
  });
}
