/**
 * One configuration with --replicates and/or --sensitivity: the trace decoded once into memory (both
 * run the configuration several times), the runs on the sweep's worker pool, and the report's own
 * result: that of the configured seed, the same run a plain `simulate` makes.
 */
import type { ProgressCallback } from '../util/progress.js';
import { defaultPricingDir } from '../pricing/dir.js';
import type { ResolvedRun } from '../scenario/resolve.js';
import { simulateTrace, type SimulationResult } from '../simulate.js';
import { loadTrace } from '../traces/load.js';
import type { CertaintyExtras } from './report.js';
import { runReplicates } from './replicates.js';
import { runSensitivity } from './sensitivity.js';

export interface CertaintyOptions {
  sensitivity: boolean;
  /** worker threads (default: one per core) */
  workers?: number;
  pricingDir?: string;
  /** rows read, then replicates (and --sensitivity's reruns) done of all */
  onProgress?: ProgressCallback;
}

export async function simulateWithCertainty(
  run: ResolvedRun,
  opts: CertaintyOptions,
): Promise<{ result: SimulationResult; extras: CertaintyExtras }> {
  const pricingDir = opts.pricingDir ?? defaultPricingDir();
  const report = opts.onProgress;
  const replicates = report
    ? { onProgress: (done: number, total: number) => report({ task: 'replicates', done, total }) }
    : {};
  const pool = {
    pricingDir,
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...replicates,
  };
  const trace = await loadTrace(run.traceFile, { ...run.read, spreadSeed: run.config.seed }, report);
  const extras: CertaintyExtras = {};
  let result: SimulationResult;
  if (run.replicates > 1) {
    const r = await runReplicates(trace, run.config, run.replicates, pool);
    result = r.results[0] as SimulationResult;
    extras.replicates = r.summary;
  } else {
    result = simulateTrace(trace, run.config, { pricingDir });
  }
  if (opts.sensitivity)
    extras.sensitivity = await runSensitivity(trace, run.config, result, pricingDir, pool);
  return { result, extras };
}
