/**
 * A platform-specific setting, declared once by the provider that takes it (its folder's options.ts).
 * From the declaration come the CLI flag and its help text (src/cli/options.ts), the scenario file's
 * key and its JSON Schema (src/scenario/schema.ts), the resolved value on the configuration
 * (src/scenario/resolve.ts) and on the provider's settings (src/run/settings.ts), and the refusal or
 * note when another provider is given it (providers/options.ts). Nothing outside the provider's folder
 * changes when an option is added.
 */
import type { z } from 'zod';
import type { DistributionSpec } from '../model/distribution.js';
import { parseDecimal } from '../util/units.js';

/**
 * Value schemas the scenario file shares with options, lent by the scenario layer so that a provider
 * imports nothing of it.
 */
export interface SettingSchemas {
  /** a distribution: "300ms", "200ms..400ms", "lognormal:250ms:900ms", or its object form */
  distribution: z.ZodType;
}

/** What resolving an option's value may use. */
export interface OptionContext {
  /** where a setting came from, for errors: its flag, or the scenario file and key */
  origin(key: string): string;
  /** every setting given (the scenario merged with the flags), for rules between settings */
  given: Readonly<Record<string, unknown>>;
  /** a distribution setting (SettingSchemas.distribution) parsed; errors name `what` */
  distribution(value: unknown, what: string): DistributionSpec;
}

export interface ProviderOption<T = unknown> {
  /** the scenario key, and the property of SimulationConfig and ProviderSettings that holds the value */
  key: string;
  /** commander's flag text: '--billing <mode>', or '--snapstart' for a switch */
  flag: string;
  /** the help text; say the platform and the default */
  description: string;
  /** the scenario value's schema; the flag's value (after parseFlag) is checked against it too */
  schema: (lent: SettingSchemas) => z.ZodType<T>;
  /** the flag's text as a scenario value (e.g. a number); absent: the text itself */
  parseFlag?: (text: string) => unknown;
  /** the scenario value as the configuration holds it; undefined = not set. Absent: the value as given */
  resolve?: (value: T, ctx: OptionContext) => unknown;
}

/** Declares an option, typing its resolver by its schema. */
export function defineOption<T>(option: ProviderOption<T>): ProviderOption<T> {
  return option;
}

/** An option of any value type, as the registry lists them. */
// biome-ignore lint/suspicious/noExplicitAny: a list of options of different value types; each is read through its own typed spec
export type AnyProviderOption = ProviderOption<any>;

/** The long flag of an option: "--billing". */
export function longFlag(option: { flag: string }): string {
  return option.flag.split(' ')[0] as string;
}

/** An option's value as the configuration or the settings hold it (undefined: not given). */
export function optionValue(holder: object, key: string): unknown {
  return (holder as Record<string, unknown>)[key];
}

/** Whether a value counts as given: null and false (a switch not turned on) are no setting. */
export function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false;
}

/**
 * A provider's own option as its settings (ProviderSettings) carry it, typed by the caller (its folder
 * declared it). `object`, not ProviderSettings: providers/types.ts imports this module's types.
 */
export function settingOf<V>(settings: object, option: { key: string }): V | undefined {
  const v = optionValue(settings, option.key);
  return isGiven(v) ? (v as V) : undefined;
}

/**
 * A number flag's text as every number flag reads it: decimal only (0x10 is not 16), and what is not
 * a number becomes NaN, which the schema refuses as "not a number" (Infinity as "not finite").
 */
export function decimalFlag(text: string): number {
  return parseDecimal(text) ?? NaN;
}
