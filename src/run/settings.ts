/**
 * A configuration's settings as a provider takes them: the settings its defaults and meter depend
 * on, the memory it actually runs at, and the architecture a duration model scales to. Shared by the
 * run, its capacity rules and its report, so that each reads a setting the way the platform does.
 */
import type { SimulationConfig } from '../config.js';
import type { DurationModelSpec } from '../memory/types.js';
import type { Architecture, PlatformDefaults, ProviderSettings } from '../providers/types.js';
import { isGiven, optionValue } from '../providers/option-spec.js';
import { allOptions } from '../providers/registry.js';

/** The provider-facing settings of a configuration. */
export function settingsOf(config: SimulationConfig): ProviderSettings {
  const s: ProviderSettings = {
    region: config.region,
    arch: config.arch,
    runtime: config.runtime,
    packageType: config.packageType,
    ephemeralStorageMb: config.ephemeralStorageMb,
    freeTier: config.freeTier,
    initBilling: config.initBilling,
    memoryMb: config.memoryMb,
  };
  if (config.perInstanceConcurrency != null) s.perInstanceConcurrency = config.perInstanceConcurrency;
  // the providers' own options (src/providers/<id>/options.ts), under their keys; null and false are no setting
  for (const o of allOptions()) {
    const v = optionValue(config, o.key);
    if (isGiven(v)) (s as ProviderSettings & Record<string, unknown>)[o.key] = v;
  }
  return s;
}

/** The memory a platform runs a requested size at (some offer only fixed sizes), and why it differs, if it does. */
export function memoryFor(
  d: PlatformDefaults,
  requestedMb: number,
): { memoryMb: number; note: string | null } {
  const map = d.mapMemory;
  return map ? map(requestedMb) : { memoryMb: requestedMb, note: null };
}

/** The architecture a duration model scales run times to: where the platform offers no choice, the measured one (no change). */
export function modelArch(d: PlatformDefaults, arch: Architecture, m: DurationModelSpec): Architecture {
  return d.archSelectable === false ? m.measuredArch : arch;
}

/** A note when the user asked for arm64 on a platform that offers no choice of architecture. */
export function archNotes(defaults: PlatformDefaults, arch: Architecture, label: string): string[] {
  return defaults.archSelectable === false && arch === 'arm64'
    ? [`--arch arm64: ${label} offers no choice of architecture; not used`]
    : [];
}
