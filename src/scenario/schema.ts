/**
 * The scenario file: everything a flag can say, as JSON. Durations are text with units ("10m",
 * "250ms"); memory is in MB. Unknown keys are errors that name the key and the file.
 */
import { z } from 'zod';
import { RECORD_VALUES } from '../pricing/figure.js';
import { MAX_INSTANCES_SETTING, MAX_PINGS_PER_TICK, MAX_REPLICATES } from '../limits.js';
import { INPUT_FORMATS } from '../traces/formats/builder.js';
import { allOptions } from '../providers/registry.js';
import type { AnyProviderOption, SettingSchemas } from '../providers/option-spec.js';

const Duration = z.string().min(1);
const Distribution = z.union([
  z.string().min(1),
  z.object({ kind: z.literal('constant'), value: Duration }).strict(),
  z.object({ kind: z.literal('uniform'), min: Duration, max: Duration }).strict(),
  z
    .object({ kind: z.literal('lognormal'), median: Duration, p99: Duration, max: Duration.optional() })
    .strict(),
  z.object({ kind: z.literal('empirical'), values: z.array(Duration).min(1) }).strict(),
]);
const PingSchedule = z.union([
  z.string().min(1),
  z
    .object({
      name: z.string().optional(),
      every: Duration.describe('5m, rate(5 minutes) or cron(0/5 8-17 ? * MON-FRI *)'),
      concurrency: z.number().int().min(1).max(MAX_PINGS_PER_TICK).optional(),
      duration: Duration.optional(),
      phase: Duration.optional(),
      style: z.enum(['fan-out', 'chain']).optional(),
      chainLag: Duration.optional(),
    })
    .strict(),
]);
const Pings = z.union([z.null(), PingSchedule, z.array(PingSchedule)]);
const Count = z.number().int().min(0);
const InstanceCount = Count.max(MAX_INSTANCES_SETTING);
const Provisioned = z.union([
  InstanceCount,
  z.string().min(1),
  z
    .object({
      kind: z.literal('auto'),
      target: z.number().gt(0).max(1).optional(),
      min: z.number().int().min(1).optional(),
      max: z.number().int().min(1).optional(),
      allocationDelay: Duration.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('schedule'),
      base: InstanceCount.optional(),
      actions: z.array(z.object({ cron: z.string().min(1), level: InstanceCount }).strict()).min(1),
      allocationDelay: Duration.optional(),
    })
    .strict(),
]);
/** how run time changes with memory (src/memory/model.ts): text as the flag, or an object */
const DurationModel = z.union([
  z.string().min(1),
  z.object({ kind: z.literal('none') }).strict(),
  z
    .object({
      kind: z.literal('cpu-share'),
      cpuFraction: z.number().min(0).max(1),
      parallelism: z.number().min(1).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('measured'), file: z.string().min(1) }).strict(),
  z
    .object({
      kind: z.literal('power-tuning'),
      file: z.string().min(1).optional(),
      url: z.string().min(1).optional(),
    })
    .strict()
    .refine((o) => (o.file === undefined) !== (o.url === undefined), {
      message: 'give exactly one of file and url',
    }),
]);

/**
 * The value schema of each namedRecord: a custom check has no JSON Schema of its own, so the
 * generator (scripts/schemas.ts) writes it as an object whose every property has this schema.
 */
export const NAMED_RECORD_VALUES = RECORD_VALUES;

/**
 * An object keyed by names the user chose (functions, strategies). zod's record would copy a
 * `__proto__` key onto a plain object, where it becomes the prototype and is lost; this one keeps
 * every key, in an object without a prototype.
 */
function namedRecord<T extends z.ZodType>(value: T) {
  const custom = z.custom<Record<string, z.output<T>>>(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
    { message: 'expected an object' },
  );
  NAMED_RECORD_VALUES.set(custom, value);
  return custom.transform((input, ctx) => {
    const out = Object.create(null) as Record<string, z.output<T>>;
    for (const [key, v] of Object.entries(input)) {
      const r = value.safeParse(v);
      if (r.success) out[key] = r.data;
      else
        for (const issue of r.error.issues)
          ctx.addIssue({ ...issue, path: [key, ...issue.path] } as Parameters<typeof ctx.addIssue>[0]);
    }
    return out;
  });
}

export const FunctionSettingsSchema = z
  .object({
    memoryMb: z.number().int().positive().optional(),
    reservedConcurrency: Count.nullable().optional(),
    provisioned: Provisioned.optional(),
    pings: Pings.optional(),
    init: Distribution.optional(),
    duration: Distribution.optional(),
    trigger: z.string().min(1).optional(),
  })
  .strict();

/** The settings every provider shares, up to where the providers' own options go (see scenarioSchema). */
const BEFORE_OPTIONS = {
  trace: z.string().min(1).optional(),
  // an object keyed by the user: namedRecord keeps a `__proto__` key, so it is refused by name
  columns: z.union([z.string(), namedRecord(z.string())]).optional(),
  timeUnit: z.enum(['s', 'ms', 'us']).optional(),
  durationUnit: z.enum(['s', 'ms', 'us']).optional(),
  timestampIs: z.enum(['start', 'end']).optional(),
  memoryIs: z.enum(['request', 'process']).optional(),
  /** importers (src/traces/formats/) */
  inputFormat: z.enum(INPUT_FORMATS).optional(),
  functionName: z.string().min(1).optional(),
  durationsFile: z.string().min(1).optional(),
  memoryFile: z.string().min(1).optional(),
  cacheDir: z.string().min(1).optional(),
  sort: z.boolean().optional(),
  skipBadRows: z.boolean().optional(),
  span: Duration.optional(),
  /** --traffic-scale: 10, 0.3, "2.5:500ms" */
  trafficScale: z.union([z.number().positive(), z.string().min(1)]).optional(),
  timeShift: Duration.optional(),
  /** --start: an ISO time, or "0" / 0 for the trace's own time 0 */
  start: z.union([z.literal(0), z.string().min(1)]).optional(),
  provider: z.string().optional(),
  region: z.string().optional(),
  arch: z.enum(['x86_64', 'arm64']).optional(),
  memoryMb: z.number().int().positive().optional(),
  runtime: z.string().optional(),
  packageType: z.enum(['zip', 'image']).optional(),
  ephemeralStorageMb: z.number().positive().optional(),
  keepAlive: z.string().optional(),
  routing: z.enum(['most-recent', 'newest', 'least-recent', 'random']).optional(),
  concurrencyLimit: z.number().int().positive().optional(),
  provisioned: Provisioned.optional(),
  pings: Pings.optional(),
  init: Distribution.optional(),
  duration: Distribution.optional(),
  /** --duration replaces the trace's duration_ms (without it, --duration with duration_ms is an error) */
  durationOverride: z.boolean().optional(),
  freeTier: z.boolean().optional(),
  initBilling: z.enum(['current', 'before-2025-08-01']).optional(),
  seed: z.number().int().optional(),
  /** 'function': each function its own random streams and exact-latency budget (simulate --shard needs it) */
  rngStreams: z.enum(['run', 'function']).optional(),
  /** runs with seeds seed..seed+N−1, reported as means with 95% intervals (src/certainty/) */
  replicates: z.number().int().min(1).max(MAX_REPLICATES).optional(),
  format: z.enum(['table', 'json', 'csv', 'markdown']).optional(),
  perInstanceConcurrency: z.number().int().min(1).optional(),
  maxInstances: z.number().int().min(1).optional(),
  prewarmed: z.number().int().min(0).max(MAX_INSTANCES_SETTING).optional(),
};

/** The settings after the providers' options. */
const AFTER_OPTIONS = {
  functions: namedRecord(FunctionSettingsSchema).optional(),
  /** function name → its Azure function app (the functions of an app share its instances); absent: the trace's app column, else one app per function */
  apps: namedRecord(z.string().min(1)).optional(),
  /** keep-warm strategies by name, for `faasim compare` */
  strategies: namedRecord(
    z.union([
      z.string().min(1),
      z.object({ pings: Pings.optional(), provisioned: Provisioned.optional() }).strict(),
    ]),
  ).optional(),
  durationModel: DurationModel.optional(),
  measuredAtMb: z.number().positive().optional(),
  measuredArch: z.enum(['x86_64', 'arm64']).optional(),
  armSpeedFactor: z.number().positive().optional(),
  extrapolate: z.boolean().optional(),
};

/** What the scenario lends providers' option schemas (providers/option-spec.ts). */
const LENT: SettingSchemas = { distribution: Distribution };

const BaseSchema = z.object({ ...BEFORE_OPTIONS, ...AFTER_OPTIONS }).strict();

let built: { options: readonly AnyProviderOption[]; schema: z.ZodType<ScenarioFile> } | undefined;

/**
 * The scenario file's schema: the shared settings and every option the registered providers
 * declare, each under its key (a provider registered later is in the next call's schema). The same
 * schema checks flags (src/cli/settings.ts) and writes schemas/scenario.schema.json.
 */
export function scenarioSchema(): z.ZodType<ScenarioFile> {
  const options = allOptions();
  if (built && built.options.length === options.length && built.options.every((o, i) => o === options[i]))
    return built.schema;
  const own: Record<string, z.ZodType> = {};
  for (const o of options) {
    if (
      Object.hasOwn(BEFORE_OPTIONS, o.key) ||
      Object.hasOwn(AFTER_OPTIONS, o.key) ||
      o.key === '$schema' ||
      o.key === 'description'
    ) {
      throw new Error(`a provider option's key "${o.key}" is a setting of every provider`);
    }
    own[o.key] = o.schema(LENT).optional();
  }
  const schema = z
    .object({
      $schema: z.string().optional(),
      description: z.string().optional(),
      ...BEFORE_OPTIONS,
      ...own,
      ...AFTER_OPTIONS,
    })
    .strict() as unknown as z.ZodType<ScenarioFile>;
  built = { options, schema };
  return schema;
}

/**
 * A scenario file's settings. The providers' options are there under their keys, typed `unknown`
 * here: each provider's declaration checks and reads its own.
 */
export type Settings = z.infer<typeof BaseSchema> & Partial<Record<string, unknown>>;
export type ScenarioFile = Settings & { $schema?: string; description?: string };
export type FunctionSettings = z.infer<typeof FunctionSettingsSchema>;
export type DistributionSetting = z.infer<typeof Distribution>;
export type PingsSetting = z.infer<typeof Pings>;
export type ProvisionedSetting = z.infer<typeof Provisioned>;
export type DurationModelSettingSchema = z.infer<typeof DurationModel>;
