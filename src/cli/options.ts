/**
 * The flags shared by commands that run simulations, as data: each maps to a scenario key, so a
 * scenario file can say everything a flag can, and both are validated by the same schema.
 */
import { allOptions, inputError, parseDecimal, providerIds } from '../index.js';

export interface FlagSpec {
  flags: string;
  description: string;
  /** the scenario key the flag sets */
  key: string;
  /** turns the flag's text into the scenario value */
  parse?: (text: string) => unknown;
}

/** decimal only (0x10 is not 16 here); the schema refuses NaN as "not a number" and Infinity as "not finite" */
const number = (text: string): number => parseDecimal(text) ?? NaN;

/** The platforms --provider takes, for help texts: the registered providers. */
export function providerChoices(): string {
  return providerIds().join(', ');
}

/** The flags of every provider, then each provider's own options (declared in src/providers/<id>/options.ts). */
export function simulationFlags(): FlagSpec[] {
  const own: FlagSpec[] = allOptions().map((o) => ({
    flags: o.flag,
    description: o.description,
    key: o.key,
    ...(o.parseFlag ? { parse: o.parseFlag } : {}),
  }));
  return [
    {
      flags: '--provider <id>',
      description: `platform to simulate: ${providerChoices()}; a comma list or "all" compares them side by side`,
      key: 'provider',
    },
    ...SHARED_FLAGS,
    ...own,
  ];
}

const SHARED_FLAGS: FlagSpec[] = [
  {
    flags: '--region <region>',
    description: "price region (default: the provider's cheapest, us-east-1)",
    key: 'region',
  },
  { flags: '--arch <arch>', description: 'x86_64 or arm64', key: 'arch' },
  {
    flags: '--memory <MB>',
    description: 'configured memory in MB (default 128)',
    key: 'memoryMb',
    parse: number,
  },
  {
    flags: '--runtime <id>',
    description: 'runtime for measured INIT durations (default nodejs22.x)',
    key: 'runtime',
  },
  { flags: '--package-type <type>', description: 'zip or image (default zip)', key: 'packageType' },
  {
    flags: '--ephemeral-storage <MB>',
    description: '/tmp size in MB; above 512 MB it is billed',
    key: 'ephemeralStorageMb',
    parse: number,
  },
  {
    flags: '--keep-alive <window>',
    description: "idle lifetime: 10m, a range 5m..7m, or forever (default: the provider's measured window)",
    key: 'keepAlive',
  },
  {
    flags: '--routing <policy>',
    description: 'idle instance a warm request takes: most-recent, newest, least-recent, random',
    key: 'routing',
  },
  {
    flags: '--concurrency-limit <n>',
    description: 'account concurrency limit (default 1000)',
    key: 'concurrencyLimit',
    parse: number,
  },
  {
    flags: '--provisioned <level>',
    description:
      'provisioned instances per function, ready before the trace starts, or target tracking auto[:TARGET[:MIN[:MAX]]]',
    key: 'provisioned',
    parse: (t) => (/^\d+$/.test(t.trim()) ? Number(t) : t),
  },
  {
    flags: '--pings <spec>',
    description:
      'keep-warm pings INTERVAL[:CONCURRENCY[:DURATION[:PHASE[:STYLE]]]], e.g. 5m:3, cron(0/5 8-17 ? * MON-FRI *):2, or none',
    key: 'pings',
  },
  {
    flags: '--init <dist>',
    description:
      'INIT duration instead of measured data: 300ms, 200ms..400ms, lognormal:250ms:900ms[:max=110s], empirical:a,b,c',
    key: 'init',
  },
  {
    flags: '--duration <dist>',
    description: 'run time for traces without duration_ms (same forms as --init)',
    key: 'duration',
  },
  {
    flags: '--duration-override',
    description:
      "--duration replaces the trace's duration_ms (without it, --duration for a trace with duration_ms is an error)",
    key: 'durationOverride',
  },
  {
    flags: '--duration-model <model>',
    description:
      'how run time changes with memory: none, cpu-share:FRACTION[:PARALLELISM], measured:FILE.csv, power-tuning:FILE.json|URL',
    key: 'durationModel',
  },
  {
    flags: '--measured-at <MB>',
    description: "memory the trace's run times were measured at (for --duration-model)",
    key: 'measuredAtMb',
    parse: number,
  },
  {
    flags: '--measured-arch <arch>',
    description: "architecture the trace's run times were measured on (default x86_64)",
    key: 'measuredArch',
  },
  {
    flags: '--arm-speed-factor <x>',
    description: 'arm64 speed relative to x86_64: arm64 run time = x86_64 run time / x (default 1)',
    key: 'armSpeedFactor',
    parse: number,
  },
  {
    flags: '--extrapolate',
    description: 'allow memory sizes outside the measured points (the report marks them)',
    key: 'extrapolate',
  },
  { flags: '--free-tier', description: 'apply the monthly free tier', key: 'freeTier' },
  {
    flags: '--init-billing <rule>',
    description: 'current (INIT billed for every cold start, since 2025-08-01) or before-2025-08-01',
    key: 'initBilling',
  },
  { flags: '--seed <n>', description: 'seed of every random draw (default 1)', key: 'seed', parse: number },
  {
    flags: '--rng-streams <mode>',
    description:
      "run (default): one random stream per purpose for the whole run; function: each function its own streams and exact-latency budget, so its figures do not depend on the others' (needed by simulate --shard)",
    key: 'rngStreams',
  },
  {
    flags: '--replicates <n>',
    description:
      'run seeds seed..seed+N-1 and report cold-start rate, throttles, p99 and monthly cost as mean and 95% confidence interval (default 1, at most 1000)',
    key: 'replicates',
    parse: number,
  },
  {
    flags: '--span <duration>',
    description: 'period the trace covers (default: first to last request)',
    key: 'span',
  },
  {
    flags: '--columns <map>',
    description: 'header names of columns, e.g. timestamp=ts,duration=took',
    key: 'columns',
  },
  {
    flags: '--time-unit <unit>',
    description: 'unit of numeric timestamps: s, ms or us (default: inferred from their magnitude)',
    key: 'timeUnit',
  },
  {
    flags: '--duration-unit <unit>',
    description:
      "unit of the trace's duration column: s, ms or us (default: ms; values that look like seconds are refused)",
    key: 'durationUnit',
  },
  {
    flags: '--timestamp-is <when>',
    description:
      "what the trace's timestamp marks: start (default) or end (arrival = end - duration - init_ms)",
    key: 'timestampIs',
  },
  {
    flags: '--memory-is <what>',
    description:
      "what a CSV trace's memory_used_mb measures: request (default), each request's own memory, summed over the requests in flight on an instance; or process, the memory of the whole process serving it, of which an instance holds the largest in flight",
    key: 'memoryIs',
  },
  {
    flags: '--input-format <format>',
    description:
      'trace format: csv, cloudwatch-report, lambda-json, logs-insights-csv, logs-insights-json, log-events-json, azure-2019, azure-2021 (default: recognised from its first bytes)',
    key: 'inputFormat',
  },
  {
    flags: '--function-name <name>',
    description: 'function name for logs that do not name their log group (/aws/lambda/NAME)',
    key: 'functionName',
  },
  {
    flags: '--durations <file>',
    description: 'Azure 2019: the duration-percentile file that goes with the invocation counts',
    key: 'durationsFile',
  },
  {
    flags: '--memory-file <file>',
    description: 'Azure 2019: the app memory-percentile file that goes with the invocation counts',
    key: 'memoryFile',
  },
  {
    flags: '--traffic-scale <x>',
    description:
      'what-if traffic: X copies of every request (extra copies delayed 0..1s, seeded; X:DELAY to change it), a fractional X adds a thinned copy, X < 1 keeps each request with probability X',
    key: 'trafficScale',
  },
  {
    flags: '--time-shift <duration>',
    description: 'move every arrival by this much, e.g. 2h or -30m (against cron pings and schedules)',
    key: 'timeShift',
  },
  {
    flags: '--start <iso|0>',
    description:
      "open the window here instead of at the first request: an ISO time, or 0 for a relative trace's time 0",
    key: 'start',
  },
  {
    flags: '--cache <dir>',
    description:
      "binary trace cache: the first read writes the decoded trace to DIR, later reads of the unchanged file with the same reading flags read it back without parsing; 'beside' puts it next to the trace",
    key: 'cacheDir',
  },
  { flags: '--sort', description: 'sort an unsorted trace in memory instead of refusing it', key: 'sort' },
  {
    flags: '--skip-bad-rows',
    description: 'skip malformed rows (the report says how many and why)',
    key: 'skipBadRows',
  },
  {
    flags: '--format <format>',
    description: 'table, json, csv or markdown (a pull-request comment)',
    key: 'format',
  },
  {
    flags: '--per-instance-concurrency <n>',
    description: "requests one instance serves at once (platforms that allow it; default: the platform's)",
    key: 'perInstanceConcurrency',
    parse: number,
  },
  {
    flags: '--max-instances <n>',
    description: "maximum instances per function (Azure, Google Cloud; default: the platform's)",
    key: 'maxInstances',
    parse: number,
  },
  {
    flags: '--prewarmed <n>',
    description:
      'Azure Premium: instances kept pre-warmed as a buffer while a function is active (default 1)',
    key: 'prewarmed',
    parse: number,
  },
];

/** Long flag name of a settings key, for error messages. */
export function flagNameOf(key: string): string {
  const spec = simulationFlags().find((f) => f.key === key);
  return spec ? (spec.flags.split(' ')[0] as string) : `--${key}`;
}

/**
 * A command's own whole-number flag (--seed, --top, --replays): decimal as every number in a flag
 * (0x10, '' and ' ' are not numbers), at least `min`, at most `max`.
 */
export function wholeFlag(text: string, flag: string, min?: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = parseDecimal(text) ?? NaN;
  if (!Number.isInteger(v) || (min !== undefined && v < min))
    throw inputError(
      'BAD_FLAG',
      `${flag} "${text}" is not a whole number${min === undefined ? '' : ` ≥ ${min}`}`,
    );
  if (v > max) throw inputError('BAD_FLAG', `${flag} "${text}" must be at most ${max}`);
  return v;
}
