/**
 * Shards of a simulate (`faasim simulate … --shard I/N`, run/shard.ts says when) and their merge
 * (`faasim merge`): each shard writes, as exact JSON (util/exact-json.ts), what its run recorded per
 * function (metrics records and latency recorders, the meter's usage), the account-wide counts as
 * changes per instant, its peak toward the account limit, and the identity of the run (faasim's
 * version, the configuration, a SHA-256 of every row of the trace). The merge checks that the shards
 * make one whole run, puts every function's state back at its index in the trace, and assembles the
 * report with the code the single run uses (Run.finishMerged): the same bytes.
 */
import type { SimulationConfig } from '../config.js';
import { inputError } from '../errors.js';
import { getProvider } from '../providers/registry.js';
import type { TraceInfo } from '../traces/trace.js';
import { toExactJson } from '../util/exact-json.js';
import { type Shape, shapeProblem } from '../util/shape.js';
import { METRICS_STRIDE, type MetricsState, requestsOfState } from '../metrics/metrics.js';
import type { SimulationResult } from './result.js';
import { owns, Run, type FunctionShard, type ShardRun } from './run.js';
import { peakOfSum, type Steps } from './shard-state.js';

export const SIMULATE_SHARD_SCHEMA = 'faasim.simulate-shard/v1';

export interface SimulateShard {
  schema: typeof SIMULATE_SHARD_SCHEMA;
  /** the version of faasim that ran it: another version may simulate differently */
  faasim: string;
  shard: FunctionShard;
  config: SimulationConfig;
  /** --functions: how many functions the report details */
  functionsListed: number;
  /** what the reader found in the whole trace (every shard reads every row) */
  info: TraceInfo;
  run: ShardRun;
}

export function makeSimulateShard(args: Omit<SimulateShard, 'schema'>): SimulateShard {
  return { schema: SIMULATE_SHARD_SCHEMA, ...args };
}

/** What the merge reads of a shard's run (run/run.ts ShardRun); the per-function lists are checked in runProblem. */
const RUN_SHAPE: Shape = {
  functions: ['number'],
  metrics: {
    count: 'number',
    windowStartMs: 'number',
    windowEndMs: 'number',
    records: 'object',
    warm: 'list',
    cold: 'list',
    asyncDelay: 'list',
    queueWait: 'list',
  },
  meter: 'object',
  feasibility: 'object',
  truncation: 'list',
  account: 'object',
  limit: { peak: 'number', throttled: 'number' },
  peakPerSecond: 'number',
  trace: { sha256: 'string', rows: 'number' },
};

/**
 * Why a shard's run cannot be merged as it is (damaged or edited), or null: every function it lists
 * has its metrics record, its latency recorders and its meter state.
 */
function runProblem(run: ShardRun): string | null {
  const shape = shapeProblem(run, RUN_SHAPE);
  if (shape !== null) return `run${shape}`;
  const n = run.functions.length;
  const lists = `the shard lists ${n} (run.functions)`;
  const m = run.metrics;
  if (m.count !== n) return `run.metrics holds ${m.count} functions, but ${lists}`;
  if (!(m.records instanceof Float64Array) || m.records.length !== n * METRICS_STRIDE)
    return `run.metrics.records holds ${m.records instanceof Float64Array ? m.records.length : 'no'} numbers, not ${n} function${n === 1 ? '' : 's'} × ${METRICS_STRIDE}`;
  for (const key of ['warm', 'cold', 'asyncDelay', 'queueWait'] as const)
    if (m[key].length !== n)
      return `run.metrics.${key} holds ${m[key].length} functions' latencies, but ${lists}`;
  const meter = run.meter as Record<string, unknown>;
  if (Object.keys(meter).length === 0) return 'run.meter is empty';
  // meters that keep records say how many (count, or usage.count): per function, or
  // per app (Azure Premium), so not always one per function, but none when the shard lists some is none
  const usage = meter['usage'] as { count?: unknown } | undefined;
  const held = typeof meter['count'] === 'number' ? meter['count'] : usage?.count;
  if (held !== undefined && (typeof held !== 'number' || (held === 0 && n > 0) || held > n))
    return `run.meter holds records of ${String(held)} functions, but ${lists}`;
  return null;
}

/** Whether a parsed file claims to be a simulate shard (then mergeSimulateShards checks the rest). */
export function isSimulateShard(x: unknown): boolean {
  return x !== null && typeof x === 'object' && (x as { schema?: unknown }).schema === SIMULATE_SHARD_SCHEMA;
}

/**
 * The whole run's report from its shards, or a one-line refusal naming the file: another version,
 * trace, configuration or N, a shard twice or missing, or a run the shards cannot rebuild exactly
 * (the account limit may have bound; a run of 0 ms at an instant another shard's count changed too).
 */
export function mergeSimulateShards(
  files: readonly { file: string; shard: unknown }[],
  pricingDir: string,
): SimulationResult {
  if (files.length === 0) throw inputError('BAD_ARGUMENT', 'merge needs at least one shard file');
  const bad = (file: string, what: string): Error => inputError('BAD_SHARD', `${file}: ${what}`);
  const shards = files.map(({ file, shard }) => {
    const s = shard as Partial<SimulateShard> | null;
    if (!isSimulateShard(s)) throw bad(file, `not a simulate shard (schema ${SIMULATE_SHARD_SCHEMA})`);
    if (!s?.shard || !s.run || !s.info || !s.config)
      throw bad(file, 'a simulate shard without its shard, run, trace or configuration');
    if (s.run.account?.inFlight?.mixed === undefined || s.run.account.alive?.mixed === undefined)
      throw bad(file, 'a simulate shard without its instants of 0 ms runs (written by an earlier faasim?)');
    const damaged = runProblem(s.run);
    if (damaged !== null) throw bad(file, damaged);
    return { file, s: s as SimulateShard };
  });
  const first = shards[0] as { file: string; s: SimulateShard };
  const n = first.s.shard.count;
  const config = toExactJson(first.s.config);
  const seen = new Map<number, string>();
  for (const { file, s } of shards) {
    if (s.faasim !== first.s.faasim)
      throw bad(
        file,
        `written by faasim ${String(s.faasim)}, but ${first.file} by faasim ${String(first.s.faasim)}: run every shard with one version`,
      );
    if (s.run.trace.sha256 !== first.s.run.trace.sha256)
      throw bad(
        file,
        `simulated another trace than ${first.file} (${s.run.trace.rows} rows, SHA-256 ${s.run.trace.sha256.slice(0, 12)}… against ${first.s.run.trace.rows} rows, ${first.s.run.trace.sha256.slice(0, 12)}…)`,
      );
    if (toExactJson(s.config) !== config || s.functionsListed !== first.s.functionsListed)
      throw bad(file, `simulated with other settings than ${first.file} (flags, scenario or --functions)`);
    if (s.shard.count !== n)
      throw bad(file, `shard ${s.shard.index}/${s.shard.count}, but ${first.file} is one of ${n}`);
    const other = seen.get(s.shard.index);
    if (other !== undefined) throw bad(file, `shard ${s.shard.index}/${n} again (also ${other})`);
    seen.set(s.shard.index, file);
  }
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0)
    throw inputError(
      'BAD_SHARD',
      `shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${n}`).join(', ')} missing (given: ${[...seen.values()].join(', ')})`,
    );
  const ordered = [...shards].sort((a, b) => a.s.shard.index - b.s.shard.index);
  // the report names the trace as shard 1 read it (every shard should be given the same path)
  const info = (ordered[0] as { s: SimulateShard }).s.info;
  // every row is one request of one function, which one shard runs: the shards' requests add up to the rows
  const requests = ordered.reduce((a, { s }) => a + requestsOfState(s.run.metrics as MetricsState), 0);
  if (requests !== info.rows)
    throw inputError(
      'BAD_SHARD',
      `${files.map((f) => f.file).join(', ')}: the shards' metrics count ${requests.toLocaleString('en-US')} requests, but the trace has ${info.rows.toLocaleString('en-US')} rows (a shard was edited?)`,
    );
  const provider = getProvider(first.s.config.provider).load(pricingDir);
  const run = new Run(first.s.config, provider, info.functionNames, info);
  // a function belongs to the shard of its scaling group's first function (Run.shardOwnerOf)
  const owner = info.functionNames.map((name, g) => run.shardOwnerOf(g, name));
  for (const { file, s } of ordered)
    for (const g of s.run.functions)
      if (!owns(s.shard, owner[g] ?? g))
        throw bad(
          file,
          `function ${g} does not belong to shard ${s.shard.index}/${n}${owner[g] !== g ? ` (its scaling group's first function is ${owner[g]})` : ''} (an edited shard?)`,
        );
  if (run.queueOffersTakeTokens) {
    const busy = ordered.filter(({ s }) => s.run.functions.length > 0);
    const waited = busy.find(({ s }) => s.run.queued !== 0);
    if (busy.length > 1 && waited !== undefined)
      throw inputError(
        'NOT_SHARDABLE',
        `${waited.file}: ${
          typeof waited.s.run.queued === 'number'
            ? `${waited.s.run.queued.toLocaleString('en-US')} request${waited.s.run.queued === 1 ? '' : 's'} waited in a queue for capacity`
            : 'a shard without its count of queued requests (written by an earlier faasim?)'
        } on ${provider.label}, which limits its scale-out rate: a queued request is offered capacity again at every completion of any function, and each offer refills its scaling bucket at that instant, so its floating-point token count depends on other shards' completion times, which no shard sees; run simulate whole`,
      );
  }
  const headroom = run.accountHeadroom();
  const throttled = ordered.find(({ s }) => s.run.limit.throttled > 0);
  const sumPeaks = ordered.reduce((a, { s }) => a + s.run.limit.peak, 0);
  // every instance the whole run adds finds at most sumPeaks − 1 others counted, so the limit never
  // refuses one while sumPeaks ≤ headroom; past it, it may have (the shards cannot tell)
  if (throttled !== undefined || sumPeaks > headroom)
    throw inputError(
      'NOT_SHARDABLE',
      `the account concurrency limit may have bound: ${
        throttled !== undefined
          ? `${throttled.file} was refused ${throttled.s.run.limit.throttled.toLocaleString('en-US')} instance${throttled.s.run.limit.throttled === 1 ? '' : 's'} by it`
          : `the shards' peaks add up to ${sumPeaks.toLocaleString('en-US')} instances counted toward it, above the ${headroom.toLocaleString('en-US')} it leaves them`
      }; run whole or raise --concurrency-limit`,
    );
  const runs = ordered.map(({ s }) => s.run);
  const peak = (what: string, of: (r: ShardRun) => Steps): number => {
    const p = peakOfSum(runs.map(of));
    if ('peak' in p) return p.peak;
    const files = p.logs.map((k) => (ordered[k] as { file: string }).file).join(', ');
    throw inputError(
      'NOT_SHARDABLE',
      `at ${p.clashAtMs} ms ${what} ended at the instant one began (a run of 0 ms) while ${files} each changed that count: the order of their events within the instant decides the peak, which no shard sees; run simulate whole`,
    );
  };
  return run.finishMerged(
    info,
    runs,
    {
      inFlight: peak('a request', (r) => r.account.inFlight),
      alive: peak('an instance', (r) => r.account.alive),
    },
    first.s.functionsListed,
  );
}
