/**
 * The Markdown report (`--format markdown`): a pull-request comment in the manner of Infracost's,
 * short enough to read in a review. A headline table (monthly cost, cost per million requests,
 * cold-start rate, throttles, p99) with the change against --baseline under it, the cost lines, and
 * the functions folded away. Everything else stays in the table and JSON reports.
 */
import type { SimulationResult } from '../../run/result.js';
import { formatDurationMs } from '../../util/units.js';
import type { BaselineComparison } from '../../run/baseline.js';
import { figure, signedDelta, signedRelative } from '../delta.js';
import { int, ms, pct, qty, usd, usdColumn } from '../format.js';
import { headlineOf, type Headline } from '../../run/headline.js';
import { mdCell, mdTable } from './markdown-cell.js';

/** Functions listed, the busiest first past this many (a comment has a length limit on GitHub: 65,536 characters). */
const MAX_FUNCTION_ROWS = 25;

export function renderMarkdown(r: SimulationResult): string {
  const c = r.config;
  const out: string[] = [];
  out.push(
    `### faasim: ${mdCell(c.providerLabel)}, ${mdCell(c.region)}, ${mdCell(c.arch)}, ${int(c.memoryMb)} MB`,
  );
  out.push('');
  out.push(
    `${int(r.trace.requests)} requests over ${formatDurationMs(r.trace.spanMs)} from ${mdCell(r.trace.file)}, projected to a 30-day month (seed ${c.seed}).`,
  );
  out.push('');
  out.push(headlineTable(headlineOf(r), r.baseline));
  out.push('');
  out.push(costTable(r));
  if (r.functions.length > 1) {
    out.push('');
    out.push(functionsTable(r));
  }
  out.push('');
  const unconfirmed = r.cost.unconfirmed.length;
  out.push(
    `<sub>prices: ${mdCell(c.priceSheet)}${unconfirmed > 0 ? `; ${unconfirmed} figure${unconfirmed === 1 ? '' : 's'} without a primary source` : ''}; assumptions and notes: \`--format table\`</sub>`,
  );
  return out.join('\n') + '\n';
}

function headlineTable(h: Headline, b: BaselineComparison | undefined): string {
  const head = ['', 'monthly cost', 'per 1M requests', 'cold-start rate', 'throttles', 'p99'];
  const rows = [
    [
      '**this run**',
      `**${usd(h.monthlyUsd)}**`,
      usd(h.usdPerMillionRequests),
      pct(h.coldStartRate),
      int(h.throttles),
      ms(h.p99Ms),
    ],
  ];
  if (b) {
    const by = new Map(b.metrics.map((m) => [m.metric, m]));
    const get = (k: keyof Headline) => by.get(k);
    const cells = (f: (m: NonNullable<ReturnType<typeof get>>) => string): string[] =>
      (['monthlyUsd', 'usdPerMillionRequests', 'coldStartRate', 'throttles', 'p99Ms'] as const).map((k) => {
        const m = get(k);
        return m ? f(m) : '–';
      });
    rows.push([`baseline ${mdCell(b.file)}`, ...cells((m) => figure(m.unit, m.baseline))]);
    rows.push(['change', ...cells((m) => `${signedDelta(m)} (${signedRelative(m)})`)]);
  }
  return mdTable(head, ['l', 'r', 'r', 'r', 'r', 'r'], rows);
}

function costTable(r: SimulationResult): string {
  // the lines the table report shows: those with a quantity or a cost, and always requests and duration
  const always = new Set(['requests', 'duration']);
  const shown = r.cost.lines.filter((l) => always.has(l.id) || l.quantity !== 0 || l.monthlyUsd !== 0);
  // the money column in one format, the total included
  const month = usdColumn([...shown.map((l) => l.monthlyUsd), r.cost.monthlyUsd]);
  const rows = shown.map((l) => [
    mdCell(l.label),
    mdCell(qty(l.quantity, l.unit)),
    month(l.monthlyUsd),
    mdCell(l.note ?? ''),
  ]);
  rows.push([
    '**Total**',
    '',
    `**${month(r.cost.monthlyUsd)}**`,
    `${usd(r.cost.usdPerMillionRequests)} per million requests`,
  ]);
  return mdTable(['Cost', 'monthly quantity', '30-day month', 'note'], ['l', 'r', 'r', 'l'], rows);
}

function functionsTable(r: SimulationResult): string {
  const shown =
    r.functions.length <= MAX_FUNCTION_ROWS
      ? r.functions
      : [...r.functions]
          .sort((a, b) => b.outcomes.requests - a.outcomes.requests)
          .slice(0, MAX_FUNCTION_ROWS);
  const rows = shown.map((f) => {
    const o = f.outcomes;
    return [
      mdCell(f.name),
      `${int(f.memoryMb)} MB`,
      int(o.requests),
      pct(o.coldStartRate),
      int(o.throttledSync + o.asyncDropped),
      ms(o.latency.all.p99Ms),
    ];
  });
  const more = r.functions.length - shown.length;
  const title =
    more > 0
      ? `${int(r.functions.length)} functions (the ${MAX_FUNCTION_ROWS} busiest)`
      : `${int(r.functions.length)} functions`;
  return [
    '<details><summary>' + title + '</summary>',
    '',
    mdTable(
      ['Function', 'memory', 'requests', 'cold-start rate', 'throttles', 'p99'],
      ['l', 'r', 'r', 'r', 'r', 'r'],
      rows,
    ),
    '',
    '</details>',
  ].join('\n');
}
