/**
 * Golden outputs: every scenario in scenarios/ in every format, run through the built CLI.
 * UPDATE_GOLDEN=1 npm test rewrites them; review the diff before committing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageRoot } from '../../src/pricing/dir.js';
import { cli } from '../helpers/cli.js';

const root = packageRoot();
const goldenDir = join(root, 'test/golden');
const scenarios = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.json'));

function check(name: string, actual: string): void {
  const file = join(goldenDir, name);
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(file, actual);
    if (process.env['UPDATE_GOLDEN'] !== '1') throw new Error(`golden file ${name} was missing and has been written; check it and rerun`);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('golden outputs of the bundled scenarios', () => {
  test('there are scenarios to check', () => expect(scenarios.length).toBeGreaterThanOrEqual(3));
  for (const s of scenarios) {
    for (const format of ['table', 'json', 'csv'] as const) {
      test(`${s} --format ${format}`, () => {
        const r = cli(['simulate', '--scenario', `scenarios/${s}`, '--format', format]);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        check(`${s.replace(/\.json$/, '')}.${format === 'table' ? 'txt' : format}`, r.stdout);
      });
    }
  }

  test('npm start runs the example scenario', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.scripts.start).toContain('simulate --scenario scenarios/example.json');
  });
});
