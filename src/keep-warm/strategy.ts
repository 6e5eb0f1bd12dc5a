/**
 * Keep-warm strategies: what a function does about cold starts. A strategy sets the pings and the
 * provisioned instances of the functions it applies to, on top of a base configuration:
 *   none                              on-demand only, the provider's keep-alive
 *   pings:5m:3[:25ms[:30s[:chain]]]   scheduled pings (also pings:cron(0/5 8-17 ? * MON-FRI *):2)
 *   provisioned:2                     a fixed provisioned level
 *   provisioned:auto[:0.7[:1[:20]]]   target tracking at 70 % utilisation, between 1 and 20
 *   snapstart[:200ms..600ms]          AWS Lambda SnapStart (restores instead of INIT), optionally with its restore latency
 * Scenario files can also give objects ({ "pings": [...] } or { "provisioned": { "kind": "schedule", ... } }).
 * Providers' own names for provisioned instances (always-ready, minimum instances) use the same
 * mechanism: their billing meters price them in their own terms.
 */
import { noFunctions, overridesOf, parseDistribution, type SimulationConfig } from '../config.js';
import type { DistributionSpec } from '../model/distribution.js';
import { inputError } from '../errors.js';
import type { PingSpec, ProvisionedControl } from '../model/spec.js';
import { pingsOf, provisionedOf } from '../scenario/resolve.js';
import type { PingsSetting, ProvisionedSetting } from '../scenario/schema.js';
import { describeControl, describePings } from '../simulate.js';

export type StrategyFamily =
  | 'none'
  | 'pings'
  | 'provisioned'
  | 'provisioned-auto'
  | 'provisioned-schedule'
  | 'snapstart';

export interface Strategy {
  name: string;
  family: StrategyFamily;
  pings: PingSpec[];
  provisioned: number;
  provisionedControl: ProvisionedControl | null;
  /** SnapStart on (every function of the account: faasim sets it per run, not per function), with its restore latency or null for the default */
  snapstart?: { restore: DistributionSpec | null };
  /** one line for reports */
  description: string;
}

export type StrategySetting = string | { pings?: PingsSetting; provisioned?: ProvisionedSetting };

export function parseStrategy(setting: StrategySetting, name?: string): Strategy {
  const label = name ?? (typeof setting === 'string' ? setting : 'strategy');
  if (typeof setting === 'string') {
    const t = setting.trim();
    if (t === 'none') return make(label, [], 0, null);
    if (t === 'snapstart' || t.startsWith('snapstart:')) {
      const restore =
        t === 'snapstart' ? null : parseDistribution(t.slice('snapstart:'.length), '--strategy snapstart');
      return {
        ...make(label, [], 0, null),
        family: 'snapstart',
        snapstart: { restore },
        description: `SnapStart, restore ${restore ? 'as given' : 'from published measurements'}`,
      };
    }
    if (t.startsWith('pings:'))
      return make(label, pingsOf(t.slice('pings:'.length), '--strategy pings'), 0, null);
    if (t.startsWith('provisioned:')) {
      const p = provisionedOf(t.slice('provisioned:'.length), '--strategy provisioned');
      return make(label, [], p.level, p.control);
    }
    throw inputError(
      'BAD_STRATEGY',
      `--strategy "${t}" is not none, pings:INTERVAL[:CONCURRENCY…], provisioned:LEVEL, provisioned:auto[:TARGET[:MIN[:MAX]]] or snapstart[:RESTORE]`,
    );
  }
  const pings = setting.pings === undefined ? [] : pingsOf(setting.pings, `strategy ${label}: pings`);
  const p =
    setting.provisioned === undefined
      ? { level: 0, control: null }
      : provisionedOf(setting.provisioned, `strategy ${label}: provisioned`);
  return make(label, pings, p.level, p.control);
}

function make(
  name: string,
  pings: PingSpec[],
  provisioned: number,
  control: ProvisionedControl | null,
): Strategy {
  let family: StrategyFamily = 'none';
  if (control?.kind === 'auto') family = 'provisioned-auto';
  else if (control?.kind === 'schedule') family = 'provisioned-schedule';
  else if (provisioned > 0) family = 'provisioned';
  else if (pings.length > 0) family = 'pings';
  const parts: string[] = [];
  if (pings.length > 0) parts.push(`pings ${pings.map(describePings).join('; ')}`);
  if (control) parts.push(`provisioned ${describeControl(control)}`);
  else if (provisioned > 0) parts.push(`${provisioned} provisioned`);
  return {
    name,
    family,
    pings,
    provisioned,
    provisionedControl: control,
    description: parts.length > 0 ? parts.join(' + ') : 'on-demand only',
  };
}

/**
 * The configuration with a strategy applied: to every function, or to `onlyFunction` (the others
 * keep the base configuration's keep-warm settings).
 */
export function applyStrategy(
  base: SimulationConfig,
  s: Strategy,
  onlyFunction: string | null,
): SimulationConfig {
  // SnapStart is set for the run, not per function: the strategy alone decides whether it is on
  const snap: Pick<SimulationConfig, 'snapstart' | 'restore'> = s.snapstart
    ? { snapstart: true, restore: s.snapstart.restore }
    : { snapstart: null, restore: null };
  if (s.snapstart && onlyFunction !== null) {
    throw inputError(
      'SNAPSTART_ONE_FUNCTION',
      `--strategy ${s.name}: SnapStart is compared for every function at once; drop --function`,
    );
  }
  base = { ...base, ...snap };
  if (onlyFunction === null) {
    const functions = noFunctions();
    for (const [name, o] of Object.entries(base.functions)) {
      const { pings: _p, provisioned: _l, provisionedControl: _c, ...rest } = o;
      functions[name] = rest;
    }
    return {
      ...base,
      pings: s.pings,
      provisioned: s.provisioned,
      provisionedControl: s.provisionedControl,
      functions,
    };
  }
  const functions = Object.assign(noFunctions(), base.functions);
  functions[onlyFunction] = {
    ...overridesOf(base.functions, onlyFunction),
    pings: s.pings,
    provisioned: s.provisioned,
    provisionedControl: s.provisionedControl,
  };
  return { ...base, functions };
}
