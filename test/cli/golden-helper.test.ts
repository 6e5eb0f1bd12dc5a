/**
 * Issue 10: a golden test never writes its own expectation. A missing golden file is a failure (and
 * stays missing); only UPDATE_GOLDEN=1 writes one.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { figureChanges, figuresOf } from '../helpers/figures.js';
import { checkGolden } from '../helpers/golden.js';
import { tempDir } from '../helpers/trace.js';

describe('checkGolden', () => {
  test('a missing golden fails and is not written', () => {
    const dir = tempDir('faasim-golden-');
    expect(() => checkGolden('missing.txt', 'output\n', { dir, update: false })).toThrow(
      /golden file missing\.txt is missing.*UPDATE_GOLDEN=1/,
    );
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

describe('figure goldens', () => {
  test('every number and boolean by its path; strings (wording) are not figures', () => {
    const report = {
      schema: 'x',
      trace: { requests: 3, hasInit: false },
      functions: [
        { name: 'api', cost: { monthlyUsd: 0.25 } },
        { name: 'b', cost: { monthlyUsd: 0 } },
      ],
      note: null,
    };
    expect(figuresOf(report)).toEqual({
      'trace.requests': 3,
      'trace.hasInit': false,
      'functions[0].cost.monthlyUsd': 0.25,
      'functions[1].cost.monthlyUsd': 0,
    });
  });

  test('changes are listed field by field, including figures that appeared or went; -0 is not 0', () => {
    expect(figureChanges({ a: 1, b: 2, c: true }, { a: 1, b: 2.5, d: 4 })).toEqual([
      'b: 2 → 2.5',
      'c: true → absent',
      'd: absent → 4',
    ]);
    expect(figureChanges({ z: 0 }, { z: -0 })).toEqual(['z: 0 → 0']);
    expect(figureChanges({ a: 1 }, { a: 1 })).toEqual([]);
  });
});
