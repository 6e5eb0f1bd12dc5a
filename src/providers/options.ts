/**
 * Settings that only some platforms have (issue 11 §1: "options that do not apply to the chosen
 * provider are silently ignored"). Each provider lists the ones it takes (Provider.options); one
 * given to a provider that does not take it is an error for a single provider, and a note where
 * several run side by side (--provider all, a sweep over providers), never silently dropped.
 */
import type { SimulationConfig } from '../config.js';
import { allProviders, findProvider } from './registry.js';

export type ProviderOptionKey = 'billingMode' | 'observedMemoryMb' | 'cpuFraction' | 'freeTierProvisioned' | 'snapstart' | 'restore' | 'frontDoor' | 'spot' | 'scaleToZero' | 'vcpu';

interface OptionInfo {
  key: ProviderOptionKey;
  /** the flag and the scenario key that set it, for messages */
  flag: string;
}

const OPTIONS: readonly OptionInfo[] = [
  { key: 'billingMode', flag: '--billing' },
  { key: 'observedMemoryMb', flag: '--observed-memory' },
  { key: 'cpuFraction', flag: '--cpu-fraction' },
  { key: 'freeTierProvisioned', flag: '--free-tier-provisioned' },
  { key: 'snapstart', flag: '--snapstart' },
  { key: 'restore', flag: '--restore' },
  { key: 'frontDoor', flag: '--front-door' },
  { key: 'spot', flag: '--spot' },
  { key: 'scaleToZero', flag: '--scale-to-zero' },
  { key: 'vcpu', flag: '--vcpu' },
];

export interface OptionTaker {
  readonly id: string;
  readonly label: string;
  readonly options?: readonly ProviderOptionKey[];
}

/** The platform-specific options set in `config` that `provider` does not take, each with its flag and the providers that do. */
export function optionsNotTaken(config: SimulationConfig, provider: OptionTaker, all: readonly OptionTaker[]): { key: ProviderOptionKey; flag: string; takenBy: string[] }[] {
  const out: { key: ProviderOptionKey; flag: string; takenBy: string[] }[] = [];
  for (const o of OPTIONS) {
    const value = config[o.key];
    // false (--snapstart not asked for) is no setting either
    if (value === undefined || value === null || value === false) continue;
    if (provider.options?.includes(o.key)) continue;
    out.push({ key: o.key, flag: o.flag, takenBy: all.filter((p) => p.options?.includes(o.key)).map((p) => p.id) });
  }
  return out;
}

/** "--billing (scenario "billingMode") is for gcp-cloud-run; AWS Lambda has no such option" */
export function notTakenMessage(o: { key: ProviderOptionKey; flag: string; takenBy: string[] }, label: string): string {
  return `${o.flag} (scenario "${o.key}") is for ${o.takenBy.join(', ')}; ${label} has no such option`;
}

/** Throws when `config` sets an option its single provider does not take. */
export function refuseOptionsNotTaken(config: SimulationConfig, label: string, refuse: (message: string) => Error): void {
  const provider = findProvider(config.provider);
  if (!provider) return;
  const first = optionsNotTaken(config, provider, allProviders())[0];
  if (first) throw refuse(notTakenMessage(first, label));
}

/** `config` without the options its provider does not take, and one note for each one dropped. */
export function dropOptionsNotTaken(config: SimulationConfig): { config: SimulationConfig; notes: string[] } {
  const provider = findProvider(config.provider);
  if (!provider) return { config, notes: [] };
  const dropped = optionsNotTaken(config, provider, allProviders());
  if (dropped.length === 0) return { config, notes: [] };
  const c: SimulationConfig = { ...config };
  for (const o of dropped) c[o.key] = null;
  return { config: c, notes: dropped.map((o) => `${o.flag} is for ${o.takenBy.join(', ')}: not used for ${provider.label}`) };
}
