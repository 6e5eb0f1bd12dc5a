/**
 * Golden outputs: every scenario in scenarios/ in every format, run through the built CLI.
 * UPDATE_GOLDEN=1 npm test rewrites them; review the diff before committing. A missing one fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageRoot } from '../../src/pricing/dir.js';
import { cli } from '../helpers/cli.js';
import { checkGolden as check } from '../helpers/golden.js';

const root = packageRoot();
const scenarios = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.json'));

describe('golden outputs of the bundled scenarios', () => {
  test('there are scenarios to check', async () => expect(scenarios.length).toBeGreaterThanOrEqual(3));
  for (const s of scenarios) {
    for (const format of ['table', 'json', 'csv'] as const) {
      test(`${s} --format ${format}`, async () => {
        const r = await cli(['simulate', '--scenario', `scenarios/${s}`, '--format', format]);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        check(`${s.replace(/\.json$/, '')}.${format === 'table' ? 'txt' : format}`, r.stdout);
      });
    }
  }

  test('npm start runs the example scenario', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.scripts.start).toContain('simulate --scenario scenarios/example.json');
  });
});
