/** `faasim sweep --format markdown`: the points' headline figures, Pareto marks and picks, as a pull-request comment. */
import { int, ms, pct, usdColumn } from '../report/format.js';
import { ALIGN, HEAD } from '../report/render/markdown-compare.js';
import { mdCell, mdTable } from '../report/render/markdown-cell.js';
import { formatDurationMs } from '../util/units.js';
import type { SweepReport } from './types.js';

export function renderSweepMarkdown(r: SweepReport): string {
  const picked = new Map<number, string[]>();
  for (const rec of r.recommendations)
    if (rec.index !== null) picked.set(rec.index, [...(picked.get(rec.index) ?? []), rec.kind]);
  const monthly = usdColumn(r.points.map((p) => p.monthlyUsd));
  const perMillion = usdColumn(r.points.map((p) => p.usdPerMillionRequests));
  const rows = r.points.map((p) => [
    mdCell(p.label) + (p.feasible ? '' : ' ✗'),
    monthly(p.monthlyUsd),
    perMillion(p.usdPerMillionRequests),
    pct(p.coldStartRate),
    int(p.throttled),
    ms(p.latency.p99Ms),
    p.pareto ? '✓' : '',
    mdCell((picked.get(p.index) ?? []).join(', ')),
  ]);
  const t = r.trace;
  const lead = `${int(t.requests)} requests over ${formatDurationMs(t.spanMs)} from ${mdCell(t.file)}, ${int(r.grid.size)} points, projected to a 30-day month.`;
  const recs = r.recommendations.map((rec) => `- **${mdCell(rec.kind)}**: ${mdCell(rec.reason)}`);
  return (
    [
      '### faasim sweep',
      '',
      lead,
      '',
      mdTable(['point', ...HEAD, 'Pareto', 'pick'], [...ALIGN, 'l', 'l'], rows),
      '',
      ...recs,
      '',
      '<sub>✗ infeasible (reasons, models and assumptions: `--format table`)</sub>',
    ].join('\n') + '\n'
  );
}
