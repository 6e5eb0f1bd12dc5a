/**
 * Issue 10: a golden test never writes its own expectation. A missing golden file is a failure (and
 * stays missing); only UPDATE_GOLDEN=1 writes one.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkGolden } from '../helpers/golden.js';
import { tempDir } from '../helpers/trace.js';

describe('checkGolden', () => {
  test('a missing golden fails and is not written', () => {
    const dir = tempDir('faasim-golden-');
    expect(() => checkGolden('missing.txt', 'output\n', { dir, update: false })).toThrow(/golden file missing\.txt is missing.*UPDATE_GOLDEN=1/);
    expect(existsSync(join(dir, 'missing.txt'))).toBe(false);
  });

  test('UPDATE_GOLDEN writes it; then it is compared byte for byte', () => {
    const dir = tempDir('faasim-golden-');
    checkGolden('new.txt', 'output\n', { dir, update: true });
    expect(readFileSync(join(dir, 'new.txt'), 'utf8')).toBe('output\n');
    expect(() => checkGolden('new.txt', 'output\n', { dir, update: false })).not.toThrow();
    expect(() => checkGolden('new.txt', 'output \n', { dir, update: false })).toThrow();
  });

  test('a differing output fails and leaves the golden as it was', () => {
    const dir = tempDir('faasim-golden-');
    writeFileSync(join(dir, 'g.txt'), 'old\n');
    expect(() => checkGolden('g.txt', 'new\n', { dir, update: false })).toThrow();
    expect(readFileSync(join(dir, 'g.txt'), 'utf8')).toBe('old\n');
  });
});
