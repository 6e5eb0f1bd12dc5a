/**
 * Golden files in test/golden: compared byte for byte. A missing golden fails the test and is not
 * written (a test that writes what it checks passes whatever the output is); UPDATE_GOLDEN=1 writes
 * them all, then review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { packageRoot } from '../../src/pricing/dir.js';

export function checkGolden(name: string, actual: string): void {
  const file = join(packageRoot(), 'test/golden', name);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(file, actual);
  if (!existsSync(file)) throw new Error(`golden file test/golden/${name} is missing: run with UPDATE_GOLDEN=1 to write it, and review it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
