/**
 * compare's strategies held, before the trace is read, to the rules `simulate --provisioned` is held
 * to: no provisioned instances on a platform that keeps none, no level below the floor a platform
 * always keeps (it would run its floor, so the column would be the floor's under another name). Each
 * refusal names where the level came from (`--strategy provisioned:1`, a scenario's strategy). The
 * checks that need the trace's functions (the account's concurrency limit shared by all of them) stay
 * with the run.
 */
import type { SimulationConfig } from '../config.js';
import type { LoadedProvider } from '../providers/types.js';
import { belowMinimumError, noProvisionedError, refuseBeforeTrace } from '../run/limits.js';
import { settingsOf } from '../run/settings.js';
import { applyStrategy, type Strategy } from './strategy.js';

export interface NamedStrategy {
  name: string;
  strategy: Strategy;
  /** where the user gave it ("--strategy provisioned:1"); absent: the scenario's strategies object */
  source?: string;
}

export function refuseStrategies(
  base: SimulationConfig,
  provider: LoadedProvider,
  named: readonly NamedStrategy[],
  onlyFunction: string | null,
): void {
  for (const { name, strategy: s, source } of named) {
    const config = applyStrategy(base, s, onlyFunction);
    const d = provider.platformDefaults(settingsOf(config));
    const where = source ?? `the scenario's strategy "${name}"`;
    if (d.provisionedSupported === false && (s.provisioned > 0 || s.provisionedControl !== null))
      throw noProvisionedError(provider.label, where);
    if (s.provisioned > 0 && s.provisioned < (d.minProvisioned ?? 0))
      throw belowMinimumError(source ?? `${where} (${s.provisioned} provisioned)`, d, provider.label);
    refuseBeforeTrace(config, d, provider.label);
  }
}
