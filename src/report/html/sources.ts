/** What a result rests on: its configuration, the prices it used and every unconfirmed figure, with their sources as links. */
import type { CostReport } from '../../pricing/cost.js';
import type { ConfigSummary } from '../../run/result.js';
import { esc, link, shortAddress } from './escape.js';
import { list, section, table } from './page.js';

/** Configuration as key/value rows, in the summary's own order; lists joined by line. */
export function configTable(c: ConfigSummary): string {
  const rows = Object.entries(c)
    .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => [esc(k), esc(Array.isArray(v) ? v.join('\n') : String(v)).replace(/\n/g, '<br>')]);
  return table(['setting', 'value'], rows);
}

const figureRow = (name: string, f: CostReport['pricesUsed'][number]['figure']): string[] => [
  esc(name),
  esc(`${f.value} ${f.unit}`),
  link(f.source, shortAddress(f.source)),
  esc(f.effective),
  esc(f.note ?? ''),
];

/** Prices used, unconfirmed figures and assumptions of one bill. */
export function sourcesSections(cost: CostReport, assumptions: string[]): string[] {
  const head = ['figure', 'value', 'source', 'effective', 'note'];
  const unconfirmed =
    cost.unconfirmed.length === 0
      ? '<p class="note">Every figure this run used is confirmed by the provider\'s own pages.</p>'
      : `<p class="note">No primary source confirms these figures; the result relies on them.</p>${table(
          head,
          cost.unconfirmed.map((u) => figureRow(u.path, u.figure)),
          { id: 'unconfirmed' },
        )}`;
  return [
    section('Unconfirmed figures', unconfirmed, 'unconfirmed-figures'),
    section(
      'Prices used',
      table(
        head,
        cost.pricesUsed.map((p) => figureRow(p.name, p.figure)),
      ),
      'prices',
    ),
    section(
      'Assumptions',
      list([...assumptions, ...cost.assumptions.filter((a) => !assumptions.includes(a))]),
      'assumptions',
    ),
  ];
}
