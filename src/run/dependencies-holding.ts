/**
 * Which of the things a provider's defaults and figures depend on hold for one run: the defaults the
 * configuration left in place, and whether it used provisioned instances, async requests or the free
 * tier. The report keeps only the provenance lines and unconfirmed figures that bear on the run
 * (src/providers/dependencies.ts filters them by this set).
 */
import { overridesOf, type FunctionOverrides, type SimulationConfig } from '../config.js';
import type { Dependency, PlatformDefaults } from '../providers/types.js';

/** The dependencies that hold for a run of `config` on a platform with defaults `d`. */
export function dependenciesHolding(
  config: SimulationConfig,
  d: PlatformDefaults,
  asyncRequests: number,
  functions: readonly { name: string; provisioned: number }[],
  memoryUsed = false,
  appsGiven = false,
): Set<Dependency> {
  const own = (f: { name: string }): FunctionOverrides => overridesOf(config.functions, f.name);
  const holding = new Set<Dependency>();
  if (config.keepAlive === null) holding.add('default:keep-alive');
  if (config.concurrencyLimit === null) holding.add('default:concurrency-limit');
  if (config.perInstanceConcurrency == null) holding.add('default:per-instance-concurrency');
  if (config.maxInstances == null && functions.some((f) => own(f).reservedConcurrency === undefined))
    holding.add('default:max-instances');
  const min = d.minProvisioned ?? 0;
  if (functions.some((f) => (own(f).provisioned ?? config.provisioned) < min))
    holding.add('default:min-provisioned');
  const controlled =
    config.provisionedControl !== null || Object.values(config.functions).some((o) => o.provisionedControl);
  if (controlled || functions.some((f) => f.provisioned > 0)) holding.add('provisioned');
  if (asyncRequests > 0) holding.add('async');
  if (config.freeTier) holding.add('free-tier');
  if (memoryUsed) holding.add('memory-used');
  if (!appsGiven) holding.add('default:apps');
  if (config.prewarmed == null) holding.add('default:prewarmed');
  if (config.freeTierProvisioned == null) holding.add('default:free-tier-provisioned');
  return holding;
}
