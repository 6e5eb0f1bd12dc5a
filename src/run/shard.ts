/**
 * `faasim simulate … --shard I/N` (issue 12 §4): a simulate could be split by function only if the
 * run were the sum of independent per-function runs, and a merge could add their raw state up to
 * the very bytes one run prints. Today it is not, for reasons that hold for every configuration, so
 * the shard is refused before any work with the reasons that apply, rather than approximated:
 * - the bill: tiers and the free tier apply to the account's monthly totals; a provider's meter is
 *   an observer with private state, with nothing a merge could add up and bill again;
 * - random draws: INIT, keep-alive lengths, random routing and run-time distributions draw from one
 *   stream per purpose for the whole run (model/platform.ts), in event order across all functions,
 *   so a function's draws depend on every other function's traffic; splitting the functions gives
 *   each other draws (per-function streams would change every published figure);
 * - latency: a collector keeps samples exactly within one budget shared by all its functions
 *   (metrics/latency.ts), so whether a function's percentiles are exact or from the histogram
 *   depends on the others; the histograms would merge exactly, the exact samples would not;
 * - the account concurrency limit counts every function's instances, so it binds on their sum.
 * A sweep's points are independent runs: `sweep --shard` splits those (sweep/shard.ts).
 */
import type { SimulationConfig } from '../config.js';
import { getProvider } from '../providers/registry.js';
import type { LoadedProvider } from '../providers/types.js';
import { settingsOf } from './settings.js';

/** Why this configuration's run cannot be split by function and merged exactly, one reason each. */
export function simulateShardBlockers(config: SimulationConfig, provider: LoadedProvider): string[] {
  const defaults = provider.platformDefaults(settingsOf(config));
  const limit = config.concurrencyLimit ?? defaults.concurrencyLimit;
  return [
    `the bill applies its tiers${config.freeTier ? ' and free tier' : ''} to the account's totals, and ${provider.label}'s billing meter keeps no state a merge could add up`,
    "INIT, keep-alive, routing and run-time draws come from one random stream per run, taken in event order across all functions, so each function's draws depend on the others' traffic",
    "latency percentiles are kept exact within a sample budget shared by all functions, so whether a function's are exact depends on the others",
    ...(Number.isFinite(limit)
      ? [
          `the account concurrency limit (${limit.toLocaleString('en-US')}) counts every function's instances together`,
        ]
      : []),
  ];
}

/** The message `simulate --shard` exits with (2): the reasons, and what to do instead. */
export function simulateShardRefusal(config: SimulationConfig, pricingDir: string): string {
  const reasons = simulateShardBlockers(config, getProvider(config.provider).load(pricingDir));
  return `--shard: a simulate cannot be split by function and merged to the single run's report: ${reasons.join('; ')}. Run simulate whole (it streams a trace of any length in bounded memory), or shard a sweep (faasim sweep … --shard I/N, docs/scale.md)`;
}
