/**
 * Issue 10: .ci/run's "N passed, N failed" line. Without vitest's JSON report (the build failed, or
 * vitest died before writing it) the run did not pass, so the line counts at least one failure.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageRoot } from '../../src/pricing/dir.js';
import { tempDir } from '../helpers/trace.js';

const SCRIPT = join(packageRoot(), '.ci/counts.cjs');

function counts(report: string | null, status: number): string {
  const dir = tempDir('faasim-ci-');
  if (report !== null) writeFileSync(join(dir, '.vitest-results.json'), report);
  const r = spawnSync(process.execPath, [SCRIPT, String(status)], { cwd: dir, encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout;
}

describe('.ci/run counts', () => {
  test('no report: at least one failure', () => {
    expect(counts(null, 1)).toBe('0 passed, 1 failed\n');
    expect(counts(null, 0)).toBe('0 passed, 1 failed\n');
  });

  test('a report that is not JSON, or lacks the counts: at least one failure', () => {
    expect(counts('{"numPassedTests": 3', 1)).toBe('0 passed, 1 failed\n');
    expect(counts('{}', 1)).toBe('0 passed, 1 failed\n');
  });

  test("the report's counts, suites that failed to run included", () => {
    expect(
      counts(JSON.stringify({ numPassedTests: 10, numFailedTests: 0, numRuntimeErrorTestSuites: 0 }), 0),
    ).toBe('10 passed, 0 failed\n');
    expect(
      counts(JSON.stringify({ numPassedTests: 10, numFailedTests: 2, numRuntimeErrorTestSuites: 1 }), 1),
    ).toBe('10 passed, 3 failed\n');
  });

  test('a failing exit status with no failure in the report still counts one (an unhandled error)', () => {
    expect(
      counts(JSON.stringify({ numPassedTests: 10, numFailedTests: 0, numRuntimeErrorTestSuites: 0 }), 1),
    ).toBe('10 passed, 1 failed\n');
  });
});
