import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // TMPDIR is a folder of its own for each test file, removed after it (test/setup/tmpdir.ts);
    // property tests draw from a fixed seed unless they name one (test/setup/fast-check.ts)
    setupFiles: ['test/setup/tmpdir.ts', 'test/setup/fast-check.ts'],
    // The JSON report is what .ci/run reads for its "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
    // npm run coverage: the library's own code; code run in a spawned CLI process is not counted
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', ['text', { skipFull: true }], 'json-summary'],
      reportsDirectory: 'coverage',
    },
  },
});
