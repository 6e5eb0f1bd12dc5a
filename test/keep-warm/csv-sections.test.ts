/**
 * compare --format csv carries what the other formats show: after the strategies' table (unchanged,
 * up to the first empty line), `section,scope,metric,value,unit` rows for each strategy's cost lines,
 * the break-even and the optimisation — each value equal to the JSON report's.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.js';

const ARGS = ['compare', '--scenario', 'scenarios/keep-warm.json', '--target', 'cold-start-rate<=1%'];

function sections(csv: string): { head: string[]; rows: string[][] } {
  const [table, rest] = csv.split('\n\n') as [string, string];
  return {
    head: table.split('\n'),
    rows: rest
      .trim()
      .split('\n')
      .map((l) => l.split(',')),
  };
}

describe('compare --format csv: cost lines, break-even, optimisation', () => {
  let json: any;
  let head: string[] = [];
  let rows: string[][] = [];
  beforeAll(async () => {
    json = JSON.parse((await cli([...ARGS, '--format', 'json'])).stdout);
    ({ head, rows } = sections((await cli([...ARGS, '--format', 'csv'])).stdout));
  });
  const find = (section: string, scope: string, metric: string): string[] | undefined =>
    rows.find((r) => r[0] === section && r[1] === scope && r[2] === metric);

  test('the strategies table stays first: its header and one row per strategy', () => {
    expect(head[0]).toMatch(/^strategy,family,monthly_usd,/);
    expect(head).toHaveLength(1 + json.strategies.length);
    expect(rows[0]).toEqual(['section', 'scope', 'metric', 'value', 'unit']);
  });

  test("each strategy's cost lines, quantity and monthly USD, as in JSON", () => {
    let n = 0;
    for (const s of json.strategies)
      for (const l of s.costLines) {
        expect(find('cost', s.name, `${l.id}_monthly`)).toEqual([
          'cost',
          s.name,
          `${l.id}_monthly`,
          String(l.monthlyUsd),
          'USD',
        ]);
        expect(find('cost', s.name, `${l.id}_quantity`)?.[3]).toBe(String(l.quantity));
        n++;
      }
    expect(n).toBeGreaterThan(json.strategies.length);
  });

  test('the break-even: on-demand cost, each level, the crossing level and the cheapest', () => {
    const b = json.breakEven;
    expect(find('break_even', 'all', 'on_demand_monthly')?.[3]).toBe(String(b.onDemandMonthlyUsd));
    for (const l of b.levels) {
      expect(find('break_even', String(l.level), 'monthly')?.[3]).toBe(String(l.monthlyUsd));
      expect(find('break_even', String(l.level), 'utilization')?.[3]).toBe(String(l.utilization));
      expect(find('break_even', String(l.level), 'cold_start_rate')?.[3]).toBe(String(l.coldStartRate));
    }
    expect(find('break_even', 'all', 'break_even_level')?.[3]).toBe(
      b.breakEvenLevel === null ? '' : String(b.breakEvenLevel),
    );
    expect(find('break_even', 'all', 'cheapest_level')?.[3]).toBe(String(b.cheapestLevel));
  });

  test('the optimisation: per family its setting and cost, and the best overall', () => {
    const o = json.optimisation;
    expect(find('optimisation', 'all', 'target')?.[3]).toBe('cold-start-rate<=1%');
    expect(find('optimisation', 'all', 'best')?.[3]).toBe(o.best ?? '');
    for (const a of o.answers) {
      expect(find('optimisation', a.family, 'setting')?.[3]).toBe(a.setting ?? '');
      expect(find('optimisation', a.family, 'monthly')?.[3]).toBe(
        a.monthlyUsd === null ? '' : String(a.monthlyUsd),
      );
      expect(find('optimisation', a.family, 'simulations')?.[3]).toBe(String(a.simulations));
    }
  });
});
