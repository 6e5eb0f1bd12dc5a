/**
 * Golden files (test/golden): the expected output is compared byte for byte. A missing golden is a
 * failure, never written by the test that reads it (it would pass on its own output); only
 * UPDATE_GOLDEN=1 writes them, for a person to review in the diff before committing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { packageRoot } from '../../src/pricing/dir.js';

export const GOLDEN_DIR = join(packageRoot(), 'test/golden');

export function checkGolden(
  name: string,
  actual: string,
  opts: { dir?: string; update?: boolean } = {},
): void {
  const dir = opts.dir ?? GOLDEN_DIR;
  const file = join(dir, name);
  if (opts.update ?? process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file)) {
    throw new Error(
      `golden file ${name} is missing from ${dir}; write it with UPDATE_GOLDEN=1 npx vitest run <this test file> and review it before committing`,
    );
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
