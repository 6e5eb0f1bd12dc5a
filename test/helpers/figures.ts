/**
 * Figure goldens: the numbers (and yes/no answers) of a JSON report, one per path, compared field by
 * field. They change when the model's figures change, not when a label, a description or a table's
 * layout does; those are pinned by a few rendering goldens instead (test/cli/golden.test.ts).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { GOLDEN_DIR } from './golden.js';

export type Figures = Record<string, number | boolean>;

/** Every number and boolean in `value`, by path: `outcomes.coldStartRate`, `functions[1].cost.monthlyUsd`. */
export function figuresOf(value: unknown, path = '', out: Figures = {}): Figures {
  if (typeof value === 'number' || typeof value === 'boolean') out[path] = value;
  else if (Array.isArray(value)) value.forEach((v, i) => figuresOf(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) figuresOf(v, path === '' ? k : `${path}.${k}`, out);
  }
  return out;
}

/**
 * `actual` against the golden `name` (under test/golden/figures/), field by field: the failure lists
 * each figure that changed, appeared or went, with both values. UPDATE_GOLDEN=1 writes the golden.
 */
export function checkFigures(name: string, actual: Figures): void {
  const file = join(GOLDEN_DIR, 'figures', name);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
  }
  if (!existsSync(file)) {
    throw new Error(
      `figure golden ${name} is missing from ${dirname(file)}; write it with UPDATE_GOLDEN=1 npx vitest run <this test file> and review it before committing`,
    );
  }
  expect(figureChanges(JSON.parse(readFileSync(file, 'utf8')) as Figures, actual)).toEqual([]);
}

/** One line per figure that differs: `path: golden → actual` (absent when missing on one side). */
export function figureChanges(golden: Figures, actual: Figures): string[] {
  const changes: string[] = [];
  const shown = (f: Figures, k: string): string => (Object.hasOwn(f, k) ? String(f[k]) : 'absent');
  for (const k of new Set([...Object.keys(golden), ...Object.keys(actual)])) {
    if (!Object.hasOwn(golden, k) || !Object.hasOwn(actual, k) || !Object.is(golden[k], actual[k]))
      changes.push(`${k}: ${shown(golden, k)} → ${shown(actual, k)}`);
  }
  return changes;
}
