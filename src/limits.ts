/**
 * Bounds on settings whose size turns into work or memory in the engine: each instance, ping and
 * tick is an object or an event, so a typo such as `--pings 5m:1e9` would otherwise run for hours or
 * exhaust memory. The README's "What faasim refuses, and why" lists them.
 */

/** pings fired at one tick: Lambda's default account concurrency is 1,000; ten times that is still a plausible raised quota */
export const MAX_PINGS_PER_TICK = 10_000;
/** the shortest ping interval: EventBridge schedules fire at most once a minute, an external pinger once a second is already extreme */
export const MIN_PING_INTERVAL_MS = 1000;
/** provisioned or pre-warmed instances per function, each an object in the engine */
export const MAX_INSTANCES_SETTING = 100_000;
/**
 * replicates of one run (--replicates): each is a whole simulation, so 1,000 runs of a trace that
 * takes a second is a quarter of an hour on 2 cores; past that the interval narrows only as 1/√N
 */
export const MAX_REPLICATES = 1000;
