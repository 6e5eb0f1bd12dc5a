import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // generous: on a shared 2-core machine at load 20 a CLI test that takes 5 s idle took over 60 s
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // At least two workers: vitest's default is one fewer than the cores, which on a 2-core machine
    // ran the 114 files one after another. The files share their worker's module graph (isolate: false):
    // re-importing src/ (the CLI, every provider, zod schemas) for each file was ~85 s of CPU of a
    // ~275 s run. Safe here because no test mocks a module or leaves global state behind: the
    // setup files below still run before each file, the toy provider unregisters itself, cli()
    // restores the working directory, and every file sees the same environment (env below).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    isolate: false,
    // the environment the goldens were written in, for every file whatever ran before it in its
    // worker (cli() sets the same for a caller outside vitest's config)
    env: { NO_COLOR: '1', TZ: 'UTC', LANG: 'C' },
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
