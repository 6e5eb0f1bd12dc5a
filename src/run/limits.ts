/**
 * The capacity rules a run holds a configuration to, and their messages: caps on instances, levels of
 * provisioned instances, pre-warmed instances, requests per instance and the queue timeout. A setting
 * the platform itself would refuse is an input error here rather than a result the platform could
 * never give. The keep-warm optimiser asks `provisionedCeiling` so that it never tries a level the
 * run would refuse.
 */
import { overridesOf, type SimulationConfig } from '../config.js';
import { inputError, type InputError } from '../errors.js';
import type { FunctionSpec, ProvisionedControl } from '../model/spec.js';
import type { LoadedProvider, PlatformDefaults } from '../providers/types.js';
import { allProviders } from '../providers/registry.js';
import { settingsOf } from './settings.js';

/**
 * What a platform calls the instances it keeps ready (Lambda's provisioned concurrency, Azure's
 * always-ready instances, Google's minimum instances) and a function's cap on instances: Lambda's
 * reserved concurrency caps requests in flight; elsewhere the cap counts live instances.
 */
export function capacityTerms(d: PlatformDefaults): { provisioned: string; cap: string } {
  return {
    provisioned: d.provisionedName ?? 'provisioned instances',
    cap: d.limitCounts === 'alive-instances' ? 'maximum instances' : 'reserved concurrency',
  };
}

/** A function's own settings; `null` stands for any function without settings of its own. */
function ownOf(config: SimulationConfig, name: string | null): ReturnType<typeof overridesOf> {
  return name === null ? {} : overridesOf(config.functions, name);
}

/** A function's cap on instances (null: none of its own, it shares the account's), and where it comes from. */
export function functionCap(
  config: SimulationConfig,
  d: PlatformDefaults,
  name: string | null,
): { cap: number | null; from: 'function' | 'flag' | 'default' } {
  const own = ownOf(config, name).reservedConcurrency;
  if (own !== undefined) return { cap: own, from: 'function' };
  if (config.maxInstances != null) return { cap: config.maxInstances, from: 'flag' };
  return { cap: d.maxInstancesPerFunction ?? null, from: 'default' };
}

/** The level of provisioned instances a function has before any control moves it: its own, else the run's, at least the platform's minimum. */
export function provisionedLevelOf(
  config: SimulationConfig,
  d: PlatformDefaults,
  name: string | null,
): number {
  return Math.max(ownOf(config, name).provisioned ?? config.provisioned, d.minProvisioned ?? 0);
}

/** The highest provisioned level a configuration allows, and what sets it, in words ("the account's concurrency limit of 5"). */
export interface ProvisionedCeiling {
  level: number;
  reason: string;
}

/**
 * The highest level of provisioned instances `config` lets `only` have (or, when null, every function
 * of `functionNames` at one level, as a keep-warm strategy sets them) without a setting a run refuses
 * (`functionCapacity` and `checkCapacitySettings`): at most each such function's cap on instances,
 * and with every function's provisioned instances together within the account's concurrency limit.
 * 0 on a platform without provisioned instances; null when nothing bounds it.
 */
export function provisionedCeiling(
  config: SimulationConfig,
  provider: LoadedProvider,
  functionNames: readonly string[],
  only: string | null,
): ProvisionedCeiling | null {
  const d = provider.platformDefaults(settingsOf(config));
  if (d.provisionedSupported === false)
    return { level: 0, reason: `${provider.label} keeps no instances ready ahead of requests` };
  const terms = capacityTerms(d);
  const targets = only === null ? functionNames : [only];
  let ceiling: ProvisionedCeiling | null = null;
  const bound = (level: number, reason: string): void => {
    if (ceiling === null || level < ceiling.level) ceiling = { level: Math.max(0, level), reason };
  };
  for (const name of targets) {
    const { cap, from } = functionCap(config, d, name);
    if (cap === null) continue;
    bound(
      cap,
      from === 'function'
        ? `${name}'s ${terms.cap} of ${cap}`
        : from === 'flag'
          ? `--max-instances ${cap}`
          : `${provider.label}'s ${terms.cap} of ${cap} per function`,
    );
  }
  const limit = config.concurrencyLimit ?? d.concurrencyLimit;
  if (Number.isFinite(limit) && targets.length > 0) {
    const others =
      only === null
        ? 0
        : functionNames.filter((n) => n !== only).reduce((a, n) => a + provisionedLevelOf(config, d, n), 0);
    const shared = targets.length > 1 ? `, shared by ${targets.length} functions` : '';
    const taken = others > 0 ? `, ${others} of it taken by the other functions' ${terms.provisioned}` : '';
    bound(
      Math.floor((limit - others) / targets.length),
      `the account's concurrency limit of ${limit}${shared}${taken}`,
    );
  }
  return ceiling;
}

/**
 * A function's cap on instances and its provisioned level and control, refusing provisioned
 * instances on a platform that keeps none and more of them, at any time, than the function's cap.
 * `label` is the provider's, for the messages; `name` null: any function without settings of its own.
 */
export function functionCapacity(
  config: SimulationConfig,
  d: PlatformDefaults,
  label: string,
  name: string | null,
): Pick<FunctionSpec, 'reservedConcurrency' | 'provisioned' | 'provisionedControl'> {
  const o = ownOf(config, name);
  const { cap: reserved, from } = functionCap(config, d, name);
  const provisioned = provisionedLevelOf(config, d, name);
  const provisionedControl =
    o.provisionedControl !== undefined
      ? o.provisionedControl
      : o.provisioned !== undefined
        ? null
        : config.provisionedControl;
  // the highest level the function is ever set to: its starting level, or what its schedule or
  // auto-scaling can raise it to
  const highest = Math.max(
    provisioned,
    provisionedControl?.kind === 'auto' ? provisionedControl.maxLevel : 0,
    provisionedControl?.kind === 'schedule'
      ? Math.max(0, ...provisionedControl.actions.map((a) => a.level))
      : 0,
  );
  if (highest > 0 && d.provisionedSupported === false) {
    const own =
      (o.provisioned !== undefined && o.provisioned > 0) ||
      (o.provisionedControl !== undefined && o.provisionedControl !== null);
    throw noProvisionedError(label, own ? `function ${name}'s provisioned setting` : '--provisioned');
  }
  if (reserved !== null && highest > reserved) {
    const terms = capacityTerms(d);
    const plan = d.maxInstancesLimit !== undefined && d.maxInstancesLimit <= reserved;
    const source =
      from !== 'default'
        ? ''
        : plan
          ? `, ${label}'s limit`
          : `, ${label}'s default (--max-instances sets it)`;
    const how =
      highest === provisioned
        ? ''
        : provisionedControl?.kind === 'auto'
          ? ' (the most its auto-scaling may set)'
          : ' (the most its schedule sets)';
    throw inputError(
      'PROVISIONED_ABOVE_RESERVED',
      `${name === null ? 'each function' : `function ${name}`}: ${highest} ${terms.provisioned}${how} exceed its ${terms.cap} of ${reserved}${source}`,
    );
  }
  return { reservedConcurrency: reserved, provisioned, provisionedControl };
}

/**
 * Provisioned instances above 0 but below the floor the platform always keeps (Lambda Managed
 * Instances' 3, Premium's 1): the platform would run its floor, so the setting would be silently
 * raised (issue 11 §1). 0, the default, is "the platform's own minimum" and is not refused.
 */
export function refuseBelowMinimum(config: SimulationConfig, d: PlatformDefaults, label: string): void {
  const min = d.minProvisioned ?? 0;
  const given: [string, number][] = [
    ['--provisioned', config.provisioned],
    ...Object.entries(config.functions).map(([fn, o]): [string, number] => [
      `function ${fn}: provisioned`,
      o.provisioned ?? 0,
    ]),
  ];
  // a schedule's levels too (target tracking starts at its MIN, checked as --provisioned, and MAX ≥ MIN)
  const schedules: [string, ProvisionedControl | null | undefined][] = [
    ['the provisioned schedule (scenario "provisioned")', config.provisionedControl],
    ...Object.entries(config.functions).map(([fn, o]): [string, ProvisionedControl | null | undefined] => [
      `function ${fn}: its provisioned schedule`,
      o.provisionedControl,
    ]),
  ];
  for (const [where, control] of schedules)
    if (control?.kind === 'schedule')
      for (const a of control.actions) given.push([`${where}: level`, a.level]);
  for (const [what, level] of given) {
    if (level > 0 && level < min) throw belowMinimumError(`${what} ${level}`, d, label);
  }
}

/** PROVISIONED_BELOW_MINIMUM for a level given by `what` ("--provisioned 1", "--strategy provisioned:1"). */
export function belowMinimumError(what: string, d: PlatformDefaults, label: string): InputError {
  const min = d.minProvisioned ?? 0;
  return inputError(
    'PROVISIONED_BELOW_MINIMUM',
    `${what} is below the ${min} ${capacityTerms(d).provisioned} ${label} always keeps: ${d.minProvisionedWhy ?? `its minimum is ${min}`}; give ${min} or more, or leave it out`,
  );
}

/** NO_PROVISIONED: the platform keeps no instances ready; `where` names the setting to remove. */
export function noProvisionedError(label: string, where: string): InputError {
  return inputError(
    'NO_PROVISIONED',
    `${label} keeps no instances ready ahead of requests (what other platforms call provisioned, always-ready or minimum instances); remove ${where}`,
  );
}

/**
 * The capacity refusals the flags and the scenario decide alone, made before the trace is read so that
 * a wrong flag is not found after the whole trace: a level below the floor, --prewarmed,
 * --per-instance-concurrency, caps above the platform's limit, reservations above the account's, and
 * the run-wide provisioned setting against the platform and the run-wide cap. What needs the trace's
 * functions (their provisioned instances together within the account's limit) stays with the run.
 */
export function refuseBeforeTrace(
  config: SimulationConfig,
  d: PlatformDefaults,
  label: string,
  belowMinimum: 'refuse' | 'run at the minimum' = 'refuse',
): void {
  if (belowMinimum === 'refuse') refuseBelowMinimum(config, d, label);
  resolvePrewarmed(config, d, label);
  resolvePerInstanceConcurrency(config, d, label);
  checkCapacitySettings(config, d, label, config.concurrencyLimit ?? d.concurrencyLimit, []);
  // the run-wide settings as a function without its own would get them; when some function has its
  // own cap or level, the trace may hold only such functions, so that waits for the trace (Run checks
  // each function it has)
  const ownCapacity = Object.values(config.functions).some(
    (o) => o.reservedConcurrency != null || o.provisioned !== undefined || o.provisionedControl !== undefined,
  );
  if (!ownCapacity) functionCapacity(config, d, label, null);
}

/** Settings the platform would refuse across functions: caps above its limits, reservations above the account's. */
export function checkCapacitySettings(
  config: SimulationConfig,
  d: PlatformDefaults,
  label: string,
  concurrencyLimit: number,
  functions: readonly FunctionSpec[],
): void {
  const limit = d.maxInstancesLimit;
  if (limit !== undefined) {
    if (config.maxInstances != null && config.maxInstances > limit) {
      throw inputError(
        'MAX_INSTANCES_LIMIT',
        `--max-instances ${config.maxInstances} is above ${label}'s limit of ${limit} instances per function`,
      );
    }
    for (const [name, o] of Object.entries(config.functions)) {
      if (o.reservedConcurrency != null && o.reservedConcurrency > limit) {
        throw inputError(
          'MAX_INSTANCES_LIMIT',
          `function ${name}: reservedConcurrency ${o.reservedConcurrency} is above ${label}'s limit of ${limit} instances per function`,
        );
      }
    }
  }
  if (!Number.isFinite(concurrencyLimit)) return;
  const terms = capacityTerms(d);
  const reserved = Object.values(config.functions).reduce((a, o) => a + (o.reservedConcurrency ?? 0), 0);
  if (reserved > concurrencyLimit) {
    throw inputError(
      'RESERVED_ABOVE_LIMIT',
      `the functions' ${terms.cap} add${terms.cap.endsWith('s') ? '' : 's'} up to ${reserved}, above the account's concurrency limit of ${concurrencyLimit}`,
    );
  }
  const provisioned = functions.reduce((a, f) => a + f.provisioned, 0);
  if (provisioned > concurrencyLimit) {
    throw inputError(
      'PROVISIONED_ABOVE_LIMIT',
      `${provisioned} ${terms.provisioned} in all (${functions.length} function${functions.length === 1 ? '' : 's'}) exceed the account's concurrency limit of ${concurrencyLimit}`,
    );
  }
}

/** The pre-warmed instances a busy function keeps (Azure Premium): --prewarmed within the platform's range, else its default; 0 elsewhere. */
export function resolvePrewarmed(config: SimulationConfig, d: PlatformDefaults, label: string): number {
  const wanted = config.prewarmed;
  const range = d.prewarmed;
  if (wanted == null) return range?.default ?? 0;
  if (!range)
    throw inputError(
      'NO_PREWARMED',
      `${label} keeps no pre-warmed instances; --prewarmed is for ${allProviders()
        .filter((p) => p.keepsPrewarmed === true)
        .map((p) => p.id)
        .join(', ')}`,
    );
  if (!(Number.isInteger(wanted) && wanted >= 0 && wanted <= range.max)) {
    throw inputError(
      'PREWARMED',
      `--prewarmed ${wanted} must be a whole number of instances from 0 to ${range.max}`,
    );
  }
  return wanted;
}

/** Requests an instance serves at once: --per-instance-concurrency within what the platform allows, else its default. */
export function resolvePerInstanceConcurrency(
  config: SimulationConfig,
  d: PlatformDefaults,
  label: string,
): number {
  const wanted = config.perInstanceConcurrency;
  if (wanted == null) return d.perInstanceConcurrency;
  const max = d.maxPerInstanceConcurrency ?? d.perInstanceConcurrency;
  if (!(Number.isInteger(wanted) && wanted >= 1 && wanted <= max)) {
    throw inputError(
      'PER_INSTANCE_CONCURRENCY',
      max === 1
        ? `${label} serves one request per instance here; --per-instance-concurrency ${wanted} is not possible`
        : `${label} serves 1..${max} requests per instance here; --per-instance-concurrency ${wanted} is not possible`,
    );
  }
  return wanted;
}

/**
 * The provider's queue timeout for sync requests over a limit: max(minimum, multiple × mean INIT);
 * 0 where it queues none (an immediate 429). The mean INIT is asked for only where there is a queue:
 * finding it builds the provider's INIT model for the run's memory.
 */
export function resolveQueueTimeout(d: PlatformDefaults, meanInitMs: () => number): number {
  const q = d.syncQueue;
  if (!q) return 0;
  return Math.max(q.minMs, q.initMultiple * meanInitMs());
}
