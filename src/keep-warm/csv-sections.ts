/**
 * What compare's CSV adds after its table of strategies (one row each, unchanged for the pipelines
 * that read it): the cost lines of each strategy, the break-even and the optimisation, as rows of
 * `section,scope,metric,value,unit`, the layout of simulate's CSV, after an empty line.
 */
import { cell } from '../report/render/csv.js';
import type { KeepWarmComparison } from './compare.js';

export function compareCsvSections(c: KeepWarmComparison): string {
  const rows: (string | number)[][] = [['section', 'scope', 'metric', 'value', 'unit']];
  const add = (
    section: string,
    scope: string,
    metric: string,
    value: string | number | null,
    unit = '',
  ): void => {
    rows.push([section, scope, metric, value ?? '', unit]);
  };
  for (const s of c.strategies)
    for (const l of s.costLines) {
      add('cost', s.name, `${l.id}_quantity`, l.quantity, l.unit);
      add('cost', s.name, `${l.id}_monthly`, l.monthlyUsd, 'USD');
    }
  const b = c.breakEven;
  if (b) {
    add('break_even', 'all', 'on_demand_monthly', b.onDemandMonthlyUsd, 'USD');
    for (const l of b.levels) {
      const scope = String(l.level);
      add('break_even', scope, 'monthly', l.monthlyUsd, 'USD');
      add('break_even', scope, 'utilization', l.utilization, 'fraction');
      add('break_even', scope, 'cold_start_rate', l.coldStartRate, 'fraction');
    }
    add('break_even', 'all', 'break_even_level', b.breakEvenLevel);
    add('break_even', 'all', 'cheapest_level', b.cheapestLevel);
    add('break_even', 'all', 'textbook_utilization', b.textbookUtilization, 'fraction');
    if (b.cap) add('break_even', 'all', 'level_cap', b.cap.level);
    add('break_even', 'all', 'explanation', b.explanation);
  }
  const o = c.optimisation;
  if (o) {
    add('optimisation', 'all', 'target', o.target.text);
    add('optimisation', 'all', 'search', o.search);
    add('optimisation', 'all', 'best', o.best);
    const unit = o.target.metric === 'p99' ? 'ms' : 'fraction';
    for (const a of o.answers) {
      add('optimisation', a.family, 'setting', a.setting);
      add('optimisation', a.family, 'monthly', a.monthlyUsd, 'USD');
      add('optimisation', a.family, 'value', a.value, unit);
      if (a.setting === null) {
        add('optimisation', a.family, 'best_value', a.bestValue, unit);
        add('optimisation', a.family, 'best_setting', a.bestSetting);
      }
      add('optimisation', a.family, 'simulations', a.simulations);
      add('optimisation', a.family, 'note', a.note);
    }
    if (o.cap) add('optimisation', 'all', 'level_cap', o.cap.level);
  }
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';
}
