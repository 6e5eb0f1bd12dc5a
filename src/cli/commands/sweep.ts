/**
 * `faasim sweep [TRACE]`: every simulation flag may be a comma list (memory also a range), the grid is
 * their Cartesian product; each point is a full simulation of the whole trace, run on worker threads
 * that share the decoded trace. Prints a table sorted by memory, recommendations and a chart.
 */
import { availableParallelism, loadavg } from 'node:os';
import type { Command } from 'commander';
import {
  analyzeSweep,
  buildGrid,
  checkSweepRuns,
  collectReplicates,
  DEFAULT_SWEEP_MEMORY,
  describeDimensions,
  expandReplicates,
  gridDimensions,
  singleValueLists,
  inputError,
  makeShard,
  parseDecimal,
  parseDurationMs,
  parseFraction,
  parseShard,
  providerIds,
  renderSweepHtml,
  runSweepPoints,
  shardPoints,
  spoolTrace,
  SWEEP_RENDERERS,
  type SweepCriteria,
  toShardJson,
  traceFingerprint,
  withReplicates,
} from '../../index.js';
import { QUIET_FLAG, progressFor, progressWanted } from '../progress.js';
import { rendered, WIDE_FLAG } from '../view.js';
import { defaultWorkersReason, WORKERS_FLAG, workersOf } from '../workers.js';
import { providerChoices, simulationFlags, type FlagSpec } from '../options.js';
import type { CliIo } from '../io.js';
import { HTML_FLAG, htmlTarget, writeHtml } from '../html.js';
import { settingsFromFlags } from '../settings.js';
import { packageVersion } from '../version.js';

/** Settings that describe the trace, the output or the model's measurement: one value only. */
const SINGLE: ReadonlySet<string> = new Set<string>([
  'columns',
  'timeUnit',
  'durationUnit',
  'timestampIs',
  'memoryIs',
  'sort',
  'skipBadRows',
  'format',
  'span',
  'freeTier',
  'extrapolate',
  'measuredAtMb',
  'measuredArch',
  'trafficScale',
  'timeShift',
  'start',
  'inputFormat',
  'functionName',
  'durationsFile',
  'memoryFile',
  'cacheDir',
  'replicates',
]);

const SWEEP_FLAGS = [
  {
    flags: '--balanced-weight <w>',
    description:
      "weight w of cost in Power Tuning's balanced score w·cost/maxCost + (1−w)·time/maxTime (default 0.5)",
  },
  { flags: '--balanced-metric <metric>', description: 'time in the balanced score: p99 (default) or mean' },
  { flags: '--max-p99 <duration>', description: 'constraint for the constrained pick, e.g. 300ms' },
  { flags: '--max-cold-start-rate <rate>', description: 'constraint, e.g. 1% or 0.01' },
  { flags: '--max-cost <USD>', description: 'constraint on the monthly cost in USD, e.g. 50' },
  {
    flags: '--min-memory <MB>',
    description:
      "the least memory the function needs (points below it are infeasible; the trace's memory_used_mb is checked without it)",
  },
  WORKERS_FLAG,
  QUIET_FLAG,
  WIDE_FLAG,
  {
    flags: '--shard <I/N>',
    description:
      'run only the I-th of N slices of the grid (points whose index % N is I−1) and write their results as JSON for faasim merge (docs/scale.md)',
  },
];

function attrOf(f: FlagSpec): string {
  return (f.flags.split(' ')[0] as string).slice(2).replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

const listable = (f: FlagSpec): boolean => f.flags.includes('<') && !SINGLE.has(f.key);

export function registerSweep(program: Command, io: CliIo): void {
  const cmd = program
    .command('sweep')
    .description(
      'simulate a grid of configurations (memory sizes, architectures, any flag given as a list) on the whole trace and compare cost and latency',
    )
    .argument('[trace]', 'CSV trace, one row per request (or give it in --scenario)')
    .option('--scenario <file>', 'JSON scenario with any of the settings below (flags override it)');
  for (const f of simulationFlags()) {
    let description = f.description;
    if (f.key === 'memoryMb') {
      cmd.option(
        '--memory <list>',
        `memory sizes in MB: 128,256,512, a range 128..3008:64, or all (Power Tuning's 128..3008:64); default ${DEFAULT_SWEEP_MEMORY.join(',')}`,
      );
      continue;
    }
    if (f.key === 'provider')
      description = `platform: ${providerChoices()}; a comma list, or all, sweeps the platforms too`;
    else if (listable(f)) description += ' (a comma list sweeps it)';
    cmd.option(f.flags, description);
  }
  for (const f of SWEEP_FLAGS) cmd.option(f.flags, f.description);
  cmd.option(HTML_FLAG.flags, HTML_FLAG.description);

  cmd.action(async (trace: string | undefined, flags: Record<string, unknown>) => {
    if (flags['provider'] === 'all') flags['provider'] = providerIds().join(',');
    const criteria = criteriaOf(flags);
    const html = htmlTarget(flags);
    const workers = workersOf(flags);

    // the grid: memory always, every other flag given as a list of two or more values (sweep/build.ts)
    const settings = simulationFlags().map((f) => {
      const attr = attrOf(f);
      const v = flags[attr];
      return {
        name: (f.flags.split(' ')[0] as string).slice(2),
        attr,
        text: typeof v === 'string' ? v : undefined,
        listable: listable(f),
        memory: f.key === 'memoryMb',
      };
    });
    const dims = gridDimensions(settings);
    // a list of one value given more than once is that value (a list is read as a set)
    Object.assign(flags, singleValueLists(settings));
    const { size, first, points, notes } = buildGrid(
      dims,
      (values) => settingsFromFlags(trace, { ...flags, ...values }),
      flags['memory'] === undefined,
    );

    // --replicates N: each point N times (seeds seed..seed+N−1) on the same pool
    const n = first.replicates;
    // --shard I/N: the whole grid is built above (every shard agrees on it), only a slice runs here
    const shard = typeof flags['shard'] === 'string' ? parseShard(flags['shard'], points.length) : null;
    if (shard) {
      // the shard file carries one result per point; the replicate intervals are not merged (yet)
      if (n > 1)
        throw inputError(
          'BAD_FLAG',
          '--shard cannot be combined with --replicates; run the replicates unsharded',
        );
      if (flags['format'] !== undefined && flags['format'] !== 'json')
        throw inputError(
          'BAD_FLAG',
          `--shard writes a JSON shard for faasim merge; --format ${String(flags['format'])} is for the merge`,
        );
      if (html !== null)
        throw inputError('BAD_FLAG', '--shard writes a JSON shard; give --html to faasim merge');
    }
    const mine = shard ? shardPoints(points, shard) : points;
    const runs = n > 1 ? expandReplicates(mine, n) : mine;
    const nWorkers = Math.min(workers, runs.length);
    const kept =
      points.length === size ? '' : `, ${points.length} after moving sizes to those the platforms offer`;
    const busy =
      flags['workers'] === undefined && workers < availableParallelism()
        ? ` (${defaultWorkersReason(workers, availableParallelism(), loadavg()[0] ?? 0)})`
        : '';
    const seeds = n > 1 ? `, ${n} seeds each` : '';
    // the trace first, spooled once and streamed by every point, so memory does not grow with the
    // trace (traces/replay.ts); a bad trace is the one line on stderr, not a line after the status
    const format = first.format;
    const progress = progressFor(io, flags);
    let results;
    let traceId: { sha256: string; rows: number } | null = null;
    try {
      const spooled = await spoolTrace(
        first.traceFile,
        { ...first.read, spreadSeed: first.config.seed },
        progress.onProgress,
      );
      try {
        checkSweepRuns(spooled.trace, points);
        if (shard) traceId = { sha256: traceFingerprint(spooled.trace), rows: spooled.trace.info.rows };
        const slice = shard
          ? `, shard ${shard.index}/${shard.count}: ${mine.length} point${mine.length === 1 ? '' : 's'}`
          : '';
        progress.stop();
        // a status line like the bar: on a terminal only, so a piped run's stderr is its errors alone
        // (FAASIM_STATUS=1 asks for it anyway: scripts and tests that check the worker threads ran)
        if (progressWanted(io, flags) || (process.env['FAASIM_STATUS'] === '1' && flags['quiet'] !== true))
          io.err(
            `faasim sweep: ${size} point${size === 1 ? '' : 's'} (${describeDimensions(dims)})${kept}${seeds}${slice}, ${nWorkers >= 2 ? `${nWorkers} worker threads` : 'in-process'}${busy}\n`,
          );
        const report = progress.onProgress;
        const onProgress = report
          ? (done: number, total: number): void => report({ task: 'points', done, total })
          : undefined;
        ({ results } = await runSweepPoints(spooled.trace, runs, {
          workers: nWorkers,
          ...(onProgress ? { onProgress } : {}),
        }));
      } finally {
        spooled.dispose();
      }
    } finally {
      progress.stop();
    }
    if (shard) {
      io.out(
        toShardJson(
          makeShard({
            faasim: packageVersion(),
            points,
            gridSize: size,
            shard,
            trace: traceId as { sha256: string; rows: number },
            criteria,
            dimensions: dims.map((d) => ({ name: d.name, values: d.values })),
            notes,
            ran: mine,
            results,
          }),
        ) + '\n',
      );
      return;
    }
    const split = n > 1 ? collectReplicates(points, n, results) : null;
    const report = analyzeSweep({
      points,
      results: split ? split.first : results,
      criteria,
      dimensions: dims.map((d) => ({ name: d.name, values: d.values })),
      notes,
    });
    const final = split ? withReplicates(report, split.replicates) : report;
    if (html !== null) writeHtml(html, renderSweepHtml(final));
    io.out(rendered(io, flags, () => SWEEP_RENDERERS[format](final), format));
  });
}

function criteriaOf(flags: Record<string, unknown>): Partial<SweepCriteria> {
  const c: Partial<SweepCriteria> = {};
  const text = (k: string): string | undefined =>
    typeof flags[k] === 'string' ? (flags[k] as string) : undefined;
  const w = text('balancedWeight');
  if (w !== undefined) {
    const v = parseDecimal(w) ?? NaN;
    if (!(v >= 0 && v <= 1))
      throw inputError(
        'BAD_FLAG',
        `--balanced-weight "${w}" must be a number from 0 (speed only) to 1 (cost only)`,
      );
    c.balancedWeight = v;
  }
  const m = text('balancedMetric');
  if (m !== undefined) {
    if (m !== 'p99' && m !== 'mean')
      throw inputError('BAD_FLAG', `--balanced-metric "${m}" must be p99 or mean`);
    c.balancedMetric = m;
  }
  const p = text('maxP99');
  if (p !== undefined) {
    const v = parseDurationMs(p);
    if (v === undefined || !(v > 0))
      throw inputError('BAD_FLAG', `--max-p99 "${p}" is not a duration such as 300ms or 1.5s`);
    c.maxP99Ms = v;
  }
  const r = text('maxColdStartRate');
  if (r !== undefined) {
    const v = parseFraction(r);
    if (v === undefined || v > 1)
      throw inputError('BAD_FLAG', `--max-cold-start-rate "${r}" is not a rate such as 1% or 0.01`);
    c.maxColdStartRate = v;
  }
  const k = text('maxCost');
  if (k !== undefined) {
    const v = parseDecimal(k.trim().replace(/^\$/, '')) ?? NaN;
    if (!(v >= 0 && v < Infinity))
      throw inputError('BAD_FLAG', `--max-cost "${k}" is not a monthly amount in USD such as 50`);
    c.maxMonthlyUsd = v;
  }
  const mm = text('minMemory');
  if (mm !== undefined) {
    const v = parseDecimal(mm) ?? NaN;
    if (!(v > 0 && v < Infinity))
      throw inputError('BAD_FLAG', `--min-memory "${mm}" is not a memory size in MB such as 512`);
    c.minMemoryMb = v;
  }
  return c;
}
