/** `faasim compare --format markdown`: each keep-warm strategy's headline figures, as a pull-request comment. */
import { int, ms, pct, usdColumn } from '../report/format.js';
import { ALIGN, HEAD } from '../report/render/markdown-compare.js';
import { mdCell, mdTable } from '../report/render/markdown-cell.js';
import { formatDurationMs } from '../util/units.js';
import type { KeepWarmComparison } from './compare.js';

export function renderKeepWarmMarkdown(c: KeepWarmComparison): string {
  // each money column in one format across the strategies
  const monthly = usdColumn(c.strategies.map((s) => s.monthlyUsd));
  const perMillion = usdColumn(c.strategies.map((s) => s.usdPerMillionRequests));
  const rows = c.strategies.map((s) => [
    mdCell(s.name) + (s.name === c.cheapest ? ' (cheapest)' : ''),
    monthly(s.monthlyUsd),
    perMillion(s.usdPerMillionRequests),
    pct(s.coldStartRate),
    int(s.throttles),
    ms(s.p99Ms),
  ]);
  const t = c.trace;
  const scope = c.function === null ? 'every function' : `function ${mdCell(c.function)}`;
  const lead = `${int(t.requests)} requests over ${formatDurationMs(t.spanMs)} from ${mdCell(t.file)}; strategies applied to ${scope}; ${mdCell(c.config.providerLabel)}, ${int(c.config.memoryMb)} MB, projected to a 30-day month.`;
  return (
    [
      '### faasim: keep-warm strategies',
      '',
      lead,
      '',
      mdTable(['strategy', ...HEAD], ALIGN, rows),
      '',
      '<sub>break-even, optimiser and chart: `--format table`</sub>',
    ].join('\n') + '\n'
  );
}
