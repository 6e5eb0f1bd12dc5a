/**
 * `faasim simulate … --shard I/N` (issue 12 §4): shard I of N runs the functions whose index in the
 * whole trace is I − 1 modulo N (a function of a scaling group, an Azure app or Flex scale group,
 * goes with the group's first function: Run.shardOwnerOf), and `faasim merge` adds the shards back up
 * to the very report one run gives (run/simulate-shard.ts). That holds only when the functions (or
 * groups) are independent and every figure the report prints can be rebuilt from what the shards
 * record, which is so:
 * - with `--rng-streams function`: each function draws from its own streams and keeps its own
 *   exact-latency budget, so its draws and percentiles do not depend on the others (the default
 *   `run` keeps one stream per purpose for the whole run, so every published figure stays as it was);
 * - for providers whose billing meter exports its usage and bills a merged sum (SHARDABLE_METERS:
 *   BillingMeter.exportState); tiers and the free tier then apply to the totals at the merge;
 * - without a provisioned level that changes (a schedule or target tracking): a level going down
 *   and another going up at one instant are ordered by when they were scheduled, which no shard sees,
 *   so the peak instance count across shards would not be exact;
 * - on platforms whose groups share nothing but the account limit (a pre-warmed buffer is per
 *   group; a plan minimum across groups is rebuilt by its meter from the shards'). A queue
 *   for capacity is per function and shards when offering its head again changes nothing
 *   (queueBlockers says when it would; with a scale-out rate the merge refuses shards in which a
 *   request queued). CPU shared between the requests on an instance (--cpu-fraction, a trace's
 *   cpu_ms) stays within one group's instance: it shards.
 * The account concurrency limit is checked at the merge: it never bound when no shard was refused by
 * it and the shards' peaks add up to no more than it (run/simulate-shard.ts). A configuration that
 * fails any of these is refused before any work, with every reason that applies.
 */
import type { SimulationConfig } from '../config.js';
import { getProvider } from '../providers/registry.js';
import type { LoadedProvider, PlatformDefaults } from '../providers/types.js';
import { settingsOf } from './settings.js';

/** The providers whose meter exports and merges its usage, in the registry's order (a test checks it against the meters). */
export const SHARDABLE_METERS =
  'AWS Lambda, Azure Functions Consumption, Azure Functions Flex Consumption, Azure Functions Premium, Google Cloud Functions (1st gen), Google Cloud Run, Cloudflare Workers';

/** Why this configuration's run cannot be split by function and merged exactly, one reason each. */
export function simulateShardBlockers(config: SimulationConfig, provider: LoadedProvider): string[] {
  const settings = settingsOf(config);
  const d = provider.platformDefaults(settings);
  const meter = provider.createMeter(settings, () => d.memoryMinMb);
  const perFunctionControl = Object.values(config.functions).some(
    (f) => f.provisionedControl !== undefined && f.provisionedControl !== null,
  );
  return [
    ...(config.rngStreams !== 'function'
      ? [
          "it needs --rng-streams function (each function its own random streams and exact-latency budget, so that its figures do not depend on the others'; the default run-wide streams draw in event order across all functions)",
        ]
      : []),
    ...(meter.exportState === undefined || meter.importStates === undefined
      ? [
          `the billing meter of ${provider.label} keeps no state a merge could add up and bill again (tiers and free tier apply to the account's totals); shardable: ${SHARDABLE_METERS}`,
        ]
      : []),
    ...(config.provisionedControl !== null || perFunctionControl
      ? [
          "a provisioned level that changes (schedule or target tracking) can go down in one shard's function as it goes up in another's at the same instant, in an order no shard sees, so the peak instance count would not be exact",
        ]
      : []),
    ...(config.responseSize != null
      ? [
          "response sizes are summed over every function's requests in the order they came, which a merge cannot repeat to the bit",
        ]
      : []),
    ...queueBlockers(config, d, provider.label),
  ];
}

/**
 * A queue for capacity holds only its own function's (or scaling group's) requests, but the platform
 * offers every queue its head again whenever capacity frees anywhere (a completion or an instance
 * stop of any function, model/platform.ts #drainAll). The head of a queue waits for its own
 * function's capacity (the account limit aside, which the merge checks never bound), so such an offer
 * places nothing; it must also change nothing, which fails in two cases: with a scale-out rate the
 * offer refills the scaling bucket at that instant (a float sum that then depends on the other
 * functions' completion times; the merge refuses when some request queued, Run.queueOffersTakeTokens),
 * and with random routing where an offer can find an instance and not place (below).
 */
function queueBlockers(config: SimulationConfig, d: PlatformDefaults, label: string): string[] {
  if (d.syncQueue === undefined) return [];
  return [
    ...(config.routing === 'random' && (d.sharesInstanceMemory === true || d.limitCounts === 'busy-instances')
      ? [
          `--routing random on ${label}: a queued request is offered again, at every completion of any function, to its function's instances with a free slot (where it may not fit in memory), and each offer draws from its function's routing stream`,
        ]
      : []),
  ];
}

/** The message `simulate --shard` exits with (2) when the configuration cannot be sharded, or null when it can. */
export function simulateShardRefusal(config: SimulationConfig, pricingDir: string): string | null {
  const reasons = simulateShardBlockers(config, getProvider(config.provider).load(pricingDir));
  if (reasons.length === 0) return null;
  return `--shard: this simulate cannot be split by function and merged to the single run's report: ${reasons.join('; ')}. Run simulate whole (it streams a trace of any length in bounded memory), or shard a sweep (faasim sweep … --shard I/N, docs/scale.md)`;
}
