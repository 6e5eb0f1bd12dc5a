/**
 * The progress bar's one line (src/cli/progress.ts), as cli-progress draws it every frame. A row
 * count that reaches or passes the estimate from the file's size (≈) shows the count and the time so
 * far, not "100% ETA ?" (the rows go on: what remains is unknown); 100% is shown only when the count
 * is the exact total, and then without an ETA.
 */
import type cliProgress from 'cli-progress';
import { describe, expect, test } from 'vitest';
import { progressLine } from '../../src/cli/progress.js';

// the options as cli-progress hands them to the format function for the bar progressFor() draws:
// 24 cells, no autopadding (its default)
const OPTIONS = {
  barsize: 24,
  barCompleteString: '█'.repeat(25),
  barIncompleteString: '░'.repeat(25),
  barGlue: '',
  autopaddingChar: '',
} as unknown as cliProgress.Options;
const FULL = '█'.repeat(24);

describe('the progress line', () => {
  test('an estimated total reached: the count and the time so far, no percentage or ETA', () => {
    // 42,000 ms elapsed: 42 s
    expect(
      progressLine({ task: 'rows', done: 180_170, total: 180_170, estimated: true }, NaN, 42_000, OPTIONS),
    ).toBe('  rows 180,170 done, 42s');
    // passed (a known count that the rows went past is reported as an estimate too)
    expect(
      progressLine({ task: 'rows', done: 180_171, total: 180_171, estimated: true }, 0, 42_000, OPTIONS),
    ).toBe('  rows 180,171 done, 42s');
  });

  test('the exact total reached: 100% and no ETA', () => {
    expect(progressLine({ task: 'rows', done: 5_632, total: 5_632 }, NaN, 1_000, OPTIONS)).toBe(
      `  rows ${FULL} 5,632/5,632 100%`,
    );
    expect(progressLine({ task: 'points', done: 3, total: 3 }, 0, 1_000, OPTIONS)).toBe(
      `  points ${FULL} 3/3 100%`,
    );
  });

  test('under the estimate: the bar, ≈ total, the share and the ETA', () => {
    // half: 12 of 24 cells; an ETA of 42 s is shown to the nearest 5 s
    expect(
      progressLine({ task: 'rows', done: 90_085, total: 180_170, estimated: true }, 42, 10_000, OPTIONS),
    ).toBe(`  rows ${'█'.repeat(12)}${'░'.repeat(12)} 90,085/≈180,170 50% ETA 40s`);
    // not known yet
    expect(progressLine({ task: 'rows', done: 0, total: 180_170, estimated: true }, NaN, 10, OPTIONS)).toBe(
      `  rows ${'░'.repeat(24)} 0/≈180,170 0% ETA ?`,
    );
  });

  test('99.6% is 99%: 100% only at the end', () => {
    // 996/1,000: the bar rounds to 24 cells (23.904), the share is rounded down; an ETA of 0.4 s is 0 s
    expect(progressLine({ task: 'points', done: 996, total: 1_000 }, 0.4, 5_000, OPTIONS)).toBe(
      `  points ${FULL} 996/1,000 99% ETA 0s`,
    );
  });

  test('no total (a pipe): the count and the time so far, as before', () => {
    // 2,600 ms: 3 s
    expect(progressLine({ task: 'rows', done: 1_234, total: 0 }, NaN, 2_600, OPTIONS)).toBe(
      '  rows 1,234 done, 3s',
    );
  });
});
