/**
 * Settings that only some platforms have (issue 11 §1: "options that do not apply to the chosen
 * provider are silently ignored"). Each provider declares the ones it takes (Provider.options, see
 * option-spec.ts); one given to a provider that does not take it is an error for a single provider,
 * and a note where several run side by side (--provider all, a sweep over providers), never silently
 * dropped.
 */
import type { SimulationConfig } from '../config.js';
import { isGiven, longFlag, optionValue } from './option-spec.js';
import { allOptions, allProviders, findProvider } from './registry.js';
import type { CommonSettingKey } from './types.js';

export interface OptionTaker {
  readonly id: string;
  readonly label: string;
  readonly options?: readonly { key: string }[];
  readonly commonSettings?: readonly CommonSettingKey[];
}

interface NotTaken {
  key: string;
  flag: string;
  takenBy: string[];
  /** what the message says of the platform instead of "has no such option" */
  why?: (label: string) => string;
}

/**
 * Settings every run has, with a default (config.ts DEFAULT_CONFIG holds the same values, a test
 * checks), that only the platforms listing them in Provider.commonSettings use: set to anything else
 * on another platform they would change nothing in its run (issue 11 §1), so they are refused there.
 */
export const COMMON_SETTINGS: readonly {
  key: CommonSettingKey;
  flag: string;
  default: unknown;
  why?: (label: string) => string;
  /** the callers of dropOptionsNotTaken note it their own way (an arm64 point runs as x86_64) */
  noteless?: boolean;
}[] = [
  {
    key: 'arch',
    flag: '--arch',
    default: 'x86_64',
    why: (l) => `${l} offers no choice of architecture`,
    noteless: true,
  },
  {
    key: 'runtime',
    flag: '--runtime',
    default: 'nodejs22.x',
    why: (l) => `the runtime changes nothing in faasim's model of ${l}`,
  },
  { key: 'packageType', flag: '--package-type', default: 'zip' },
  { key: 'ephemeralStorageMb', flag: '--ephemeral-storage', default: 512 },
  { key: 'initBilling', flag: '--init-billing', default: 'current' },
  { key: 'freeTier', flag: '--free-tier', default: false, why: (l) => `${l} has no free tier` },
  {
    key: 'concurrencyLimit',
    flag: '--concurrency-limit',
    default: null,
    why: (l) => `${l} has no account concurrency limit; --max-instances caps a function's instances`,
  },
];

const takes = (p: OptionTaker, key: string): boolean =>
  (p.options?.some((o) => o.key === key) ?? false) ||
  (p.commonSettings?.includes(key as CommonSettingKey) ?? false);

/** The platform-specific options set in `config` that `provider` does not take, each with its flag and the providers that do. */
export function optionsNotTaken(
  config: SimulationConfig,
  provider: OptionTaker,
  all: readonly OptionTaker[],
): NotTaken[] {
  const out: NotTaken[] = [];
  for (const o of allOptions()) {
    if (!isGiven(optionValue(config, o.key))) continue;
    if (takes(provider, o.key)) continue;
    out.push({ key: o.key, flag: longFlag(o), takenBy: all.filter((p) => takes(p, o.key)).map((p) => p.id) });
  }
  for (const s of COMMON_SETTINGS) {
    const v = optionValue(config, s.key);
    if (v === undefined || v === s.default || takes(provider, s.key)) continue;
    const takenBy = all.filter((p) => takes(p, s.key)).map((p) => p.id);
    const flag = v === true ? s.flag : `${s.flag} ${String(v)}`;
    out.push({ key: s.key, flag, takenBy, ...(s.why ? { why: s.why } : {}) });
  }
  return out;
}

/** "--billing (scenario "billingMode") is for gcp-cloud-run; AWS Lambda has no such option" */
export function notTakenMessage(o: NotTaken, label: string): string {
  return `${o.flag} (scenario "${o.key}") is for ${o.takenBy.join(', ')}; ${o.why ? o.why(label) : `${label} has no such option`}`;
}

/** Throws when `config` sets an option its single provider does not take. */
export function refuseOptionsNotTaken(
  config: SimulationConfig,
  label: string,
  refuse: (message: string) => Error,
): void {
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
  const c = { ...config } as SimulationConfig & Record<string, unknown>;
  const common = new Map(COMMON_SETTINGS.map((s) => [s.key as string, s]));
  for (const o of dropped) c[o.key] = common.has(o.key) ? common.get(o.key)?.default : null;
  return {
    config: c,
    notes: dropped
      .filter((o) => common.get(o.key)?.noteless !== true)
      .map((o) => `${o.flag} is for ${o.takenBy.join(', ')}: not used for ${provider.label}`),
  };
}

/**
 * --prewarmed on a platform that keeps no pre-warmed instances (all but Azure Premium): dropped with
 * a note where several platforms run, as an option a provider does not take.
 */
export function dropPrewarmedNotKept(
  config: SimulationConfig,
  keepsPrewarmed: boolean,
  label: string,
): { config: SimulationConfig; note: string | null } {
  if (config.prewarmed == null || keepsPrewarmed) return { config, note: null };
  const by = allProviders()
    .filter((p) => p.keepsPrewarmed === true)
    .map((p) => p.id);
  return {
    config: { ...config, prewarmed: null },
    note: `--prewarmed is for ${by.join(', ')}: not used for ${label}`,
  };
}
