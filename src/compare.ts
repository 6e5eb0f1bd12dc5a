/**
 * The same trace on several platforms, side by side: one simulation per provider, each with its own
 * platform model and billing, from one configuration. Settings a platform cannot take (a region it
 * has no prices for, more requests per instance than it allows, provisioned instances it does not
 * have) fall back to its default, and the row says so; a platform the configuration cannot run on at
 * all (memory out of its range) gets an error row instead of stopping the comparison.
 */
import type { SimulationConfig } from './config.js';
import { InputError, inputError } from './errors.js';
import { defaultPricingDir } from './pricing/dir.js';
import { dropOptionsNotTaken, dropPrewarmedNotKept } from './providers/options.js';
import { getProvider, providerIds } from './providers/registry.js';
import { loadTrace } from './traces/load.js';
import { rereadable } from './traces/source.js';
import {
  archNotes,
  settingsOf,
  simulateFile,
  simulateTrace,
  type SimulateOptions,
  type TraceSummary,
} from './simulate.js';
import type { ReadTraceOptions } from './traces/read-csv.js';
import { COMPARE_SCHEMA, type ComparisonResult, type ComparisonRow } from './run/compare-result.js';

export { COMPARE_SCHEMA, type ComparisonResult, type ComparisonRow } from './run/compare-result.js';

/**
 * Errors that concern one platform's fit for the configuration, not the trace or the flags as such:
 * with --provider all that platform's row says "not run" and why, and the others run. Every code a
 * provider throws is here (a test reads them from src/providers/).
 */
export const PER_PLATFORM_ERRORS: ReadonlySet<string> = new Set([
  'MEMORY_OUT_OF_RANGE',
  'PER_INSTANCE_CONCURRENCY',
  'NO_PROVISIONED',
  'NO_PREWARMED',
  'PREWARMED',
  'BAD_BILLING_MODE',
  'UNKNOWN_REGION',
  'NO_PRICE',
  'PROVISIONED_ABOVE_RESERVED',
  // a function's own provisioned below a platform's floor (Lambda Managed Instances: 3; src/run/limits.ts)
  'PROVISIONED_BELOW_MINIMUM',
  'PROVISIONED_ABOVE_LIMIT',
  'RESERVED_ABOVE_LIMIT',
  'MAX_INSTANCES_LIMIT',
  'UNKNOWN_RUNTIME',
  'NO_INIT_DATA',
  // AWS Fargate takes only --front-door alb; the other front doors are Lambda's
  'BAD_FRONT_DOOR',
  'BAD_VCPU',
  'EPHEMERAL_STORAGE',
  // Lambda@Edge: Node.js and Python only
  'UNSUPPORTED_RUNTIME',
  // AWS Lambda's SnapStart and response streaming: their limits and combinations (--restore without
  // --snapstart, or --init with it, is refused while the flags are resolved, before any run: a
  // contradiction between flags stops every platform; a function's own INIT with SnapStart, in the
  // run, only Lambda's row)
  'SNAPSTART_RUNTIME',
  'SNAPSTART_IMAGE',
  'SNAPSTART_STORAGE',
  'SNAPSTART_PROVISIONED',
  'INIT_WITH_SNAPSTART',
  'RESTORE_WITHOUT_SNAPSTART',
  'RESPONSE_TOO_LARGE',
]);

/**
 * The providers a --provider value names when it asks for a comparison ("all", or a comma list),
 * or null when it names a single provider.
 */
export function providerList(text: string): string[] | null {
  const t = text.trim();
  if (t === 'all') return providerIds();
  if (!t.includes(',')) return null;
  const ids = t
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  const known = providerIds();
  const unknown = ids.filter((x) => x !== 'all' && !known.includes(x));
  if (unknown.length > 0)
    throw inputError(
      'UNKNOWN_PROVIDER',
      `unknown provider${unknown.length > 1 ? 's' : ''} ${unknown.map((x) => `"${x}"`).join(', ')}; known: ${known.join(', ')}, or all`,
    );
  const expanded = ids.flatMap((x) => (x === 'all' ? known : [x]));
  return [...new Set(expanded)];
}

/** The configuration a platform can take, and what had to change for it. */
export function adaptConfig(
  config: SimulationConfig,
  providerId: string,
  pricingDir: string,
): { config: SimulationConfig; adaptations: string[] } {
  const loaded = getProvider(providerId).load(pricingDir);
  const c: SimulationConfig = { ...config, provider: providerId };
  const notes: string[] = [];
  const regions = loaded.regions ?? [loaded.defaultRegion];
  if (c.region !== null && !regions.includes(c.region)) {
    notes.push(`region ${c.region} has no ${loaded.label} prices: ${loaded.defaultRegion} used`);
    c.region = null;
  }
  const options = dropOptionsNotTaken(c);
  Object.assign(c, options.config);
  notes.push(...options.notes);
  const defaults = loaded.platformDefaults(settingsOf({ ...c, perInstanceConcurrency: null }));
  if (c.perInstanceConcurrency != null) {
    const max = defaults.maxPerInstanceConcurrency ?? defaults.perInstanceConcurrency;
    if (c.perInstanceConcurrency > max) {
      notes.push(
        `--per-instance-concurrency ${c.perInstanceConcurrency} is more than ${loaded.label} allows here: ${defaults.perInstanceConcurrency} used`,
      );
      c.perInstanceConcurrency = null;
    }
  }
  if (defaults.onlySizeLimit !== undefined && c.memoryMb > defaults.memoryMaxMb) {
    notes.push(`--memory ${c.memoryMb}: ${defaults.onlySizeLimit}; ${defaults.memoryMaxMb} MB used`);
    c.memoryMb = defaults.memoryMaxMb;
  }
  // config.arch: an arm64 the platform does not offer was reset to x86_64 above (its note is this one)
  notes.push(...archNotes(defaults, config.arch, loaded.label));
  const prewarmed = dropPrewarmedNotKept(c, defaults.prewarmed !== undefined, loaded.label);
  if (prewarmed.note !== null) {
    notes.push(prewarmed.note);
    c.prewarmed = null;
  }
  const floor = defaults.minProvisioned ?? 0;
  if (c.provisioned > 0 && c.provisioned < floor) {
    notes.push(
      `--provisioned ${c.provisioned}: ${loaded.label} always keeps ${floor} ${defaults.provisionedName ?? 'provisioned instances'}; ${floor} used`,
    );
    c.provisioned = floor;
  }
  if (c.provisioned > 0 && defaults.provisionedSupported === false) {
    notes.push(`--provisioned ${c.provisioned}: ${loaded.label} has no provisioned instances; none used`);
    c.provisioned = 0;
  }
  return { config: c, adaptations: notes };
}

/** Runs the trace in `file` once per provider. */
export async function compareFile(
  file: string,
  readOptions: ReadTraceOptions & { sort?: boolean },
  config: SimulationConfig,
  providers: string[],
  opts: SimulateOptions = {},
): Promise<ComparisonResult> {
  const pricingDir = opts.pricingDir ?? defaultPricingDir();
  const rows: ComparisonRow[] = [];
  let trace: TraceSummary | null = null;
  // a pipe or standard input is read once, into memory, for every provider
  const held = rereadable(file)
    ? null
    : await loadTrace(file, { ...readOptions, spreadSeed: config.seed }, opts.onProgress);
  for (const id of providers) {
    opts.onProgress?.({ task: 'providers', done: rows.length, total: providers.length, label: id });
    const provider = getProvider(id);
    const row: ComparisonRow = {
      provider: id,
      label: provider.label,
      adaptations: [],
      result: null,
      error: null,
    };
    try {
      const adapted = adaptConfig(config, id, pricingDir);
      row.adaptations = adapted.adaptations;
      row.result = held
        ? simulateTrace(held, adapted.config, { pricingDir })
        : await simulateFile(file, readOptions, adapted.config, {
            pricingDir,
            ...(opts.onProgress ? { onProgress: (e) => opts.onProgress?.({ ...e, label: id }) } : {}),
          });
      trace ??= row.result.trace;
    } catch (e) {
      // a configuration one platform cannot take is noted on its row; anything else (a bad trace) stops
      if (!(e instanceof InputError) || !PER_PLATFORM_ERRORS.has(e.code)) throw e;
      row.error = e.message;
    }
    rows.push(row);
  }
  opts.onProgress?.({ task: 'providers', done: rows.length, total: providers.length });
  return { schema: COMPARE_SCHEMA, trace, requestedMemoryMb: config.memoryMb, rows };
}
