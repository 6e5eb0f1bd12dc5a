/**
 * `--format markdown` for platforms side by side (`simulate --provider all`): one table of the
 * headline figures, as a pull-request comment; the details stay in the table report.
 */
import type { ComparisonResult } from '../../run/compare-result.js';
import { formatDurationMs } from '../../util/units.js';
import { int, ms, pct, usdColumn } from '../format.js';
import { headlineOf } from '../../run/headline.js';
import { mdCell, mdTable } from './markdown-cell.js';

/** the headline columns every side-by-side Markdown table has (sweep and keep-warm use them too) */
export const HEAD = ['monthly cost', 'per 1M requests', 'cold-start rate', 'throttles', 'p99'];
export const ALIGN: ('l' | 'r')[] = ['l', 'r', 'r', 'r', 'r', 'r'];

export function renderComparisonMarkdown(c: ComparisonResult): string {
  // each money column in one format across the platforms
  const heads = c.rows.flatMap((row) => (row.result ? [headlineOf(row.result)] : []));
  const monthly = usdColumn(heads.map((h) => h.monthlyUsd));
  const perMillion = usdColumn(heads.map((h) => h.usdPerMillionRequests));
  const rows = c.rows.map((row) => {
    if (!row.result) return [mdCell(row.label), mdCell(`not run: ${row.error ?? ''}`), '', '', '', ''];
    const h = headlineOf(row.result);
    return [
      mdCell(row.label),
      monthly(h.monthlyUsd),
      perMillion(h.usdPerMillionRequests),
      pct(h.coldStartRate),
      int(h.throttles),
      ms(h.p99Ms),
    ];
  });
  const t = c.trace;
  const lead = t
    ? `${int(t.requests)} requests over ${formatDurationMs(t.spanMs)} from ${mdCell(t.file)}, --memory ${int(c.requestedMemoryMb)} MB, projected to a 30-day month.`
    : '';
  return (
    [
      '### faasim: platforms side by side',
      '',
      lead,
      '',
      mdTable(['platform', ...HEAD], ALIGN, rows),
      '',
      '<sub>memory each platform used, adaptations and unconfirmed figures: `--format table`</sub>',
    ].join('\n') + '\n'
  );
}
