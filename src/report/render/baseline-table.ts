/** The table report's section for --baseline: each headline figure then and now, absolute and relative change. */
import type { BaselineComparison } from '../../run/baseline.js';
import { figure, signedDelta, signedRelative } from '../delta.js';
import Table from './safe-table.js';

export function baselineTable(b: BaselineComparison): string {
  const t = new Table({
    head: [`Against ${b.file}`, 'baseline', 'this run', 'change', 'relative'],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const m of b.metrics)
    t.push([
      m.label,
      figure(m.unit, m.baseline),
      figure(m.unit, m.current),
      signedDelta(m),
      signedRelative(m),
    ]);
  return t.toString();
}
