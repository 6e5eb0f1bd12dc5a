/**
 * Golden outputs of the bundled scenarios, split by subject so that each changes only with it:
 * - figures (test/golden/figures/<scenario>.json): every number of the JSON report, field by field;
 *   they change when the model or a price does;
 * - renderings: the table of every scenario (each exercises its own sections: pings, provisioned,
 *   keep-warm), and the JSON and CSV of scenarios/example.json; they change with wording or layout.
 * The CSV of the other scenarios is held to the figures: each of its numbers is one of the JSON's.
 * UPDATE_GOLDEN=1 npx vitest run test/cli/golden.test.ts rewrites them; review the diff. A missing one fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageRoot } from '../../src/pricing/dir.js';
import { cli } from '../helpers/cli.js';
import { figuresOf, checkFigures } from '../helpers/figures.js';
import { checkGolden as check } from '../helpers/golden.js';

const root = packageRoot();
const scenarios = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.json'));
/** the scenario whose JSON and CSV are pinned byte for byte */
const RENDERED = 'example.json';

async function simulate(scenario: string, format: 'table' | 'json' | 'csv'): Promise<string> {
  const r = await cli(['simulate', '--scenario', `scenarios/${scenario}`, '--format', format]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('golden outputs of the bundled scenarios', () => {
  test('there are scenarios to check', () => expect(scenarios.length).toBeGreaterThanOrEqual(3));
  for (const s of scenarios) {
    const base = s.replace(/\.json$/, '');
    test(`${s}: figures`, async () => {
      checkFigures(`${base}.json`, figuresOf(JSON.parse(await simulate(s, 'json'))));
    });

    test(`${s} --format table`, async () => {
      check(`${base}.txt`, await simulate(s, 'table'));
    });

    if (s === RENDERED) {
      for (const format of ['json', 'csv'] as const) {
        test(`${s} --format ${format}`, async () => {
          check(`${base}.${format}`, await simulate(s, format));
        });
      }
    } else {
      test(`${s} --format csv: each number is one of the JSON report's`, async () => {
        const numbers = new Set(Object.values(figuresOf(JSON.parse(await simulate(s, 'json')))));
        const rows = (await simulate(s, 'csv')).trim().split('\n');
        expect(rows[0]).toBe('section,scope,metric,value,unit');
        const numeric = rows
          .slice(1)
          .map((l) => l.split(','))
          .filter((cells) => cells[3] !== '' && Number.isFinite(Number(cells[3])));
        expect(numeric.length).toBeGreaterThan(100);
        expect(
          numeric.filter((cells) => !numbers.has(Number(cells[3]))).map((cells) => cells.join(',')),
        ).toEqual([]);
      });
    }
  }

  test('npm start runs the example scenario', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.scripts.start).toContain('simulate --scenario scenarios/example.json');
  });
});
