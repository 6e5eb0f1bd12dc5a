/**
 * How a provider plugs in: a platform model (its defaults for the engine's PlatformSpec and its
 * cold-start INIT model) and a billing model (a meter that watches the platform's events and turns
 * what it saw into cost lines). Adding a provider touches neither the engine nor the model.
 */
import type { Sampler } from '../model/distribution.js';
import type { PlatformObserver } from '../model/observer.js';
import type { AsyncRetrySpec, PlatformSpec } from '../model/spec.js';
import type { KeepAliveSpec } from '../model/keep-alive.js';
import type { CostReport } from '../pricing/cost.js';

export type Architecture = 'x86_64' | 'arm64';
export type PackageType = 'zip' | 'image';
/** Which INIT billing rule applies: Lambda's since 2025-08-01, or the one before it. */
export type InitBillingRule = 'current' | 'before-2025-08-01';

/** Provider-independent settings of a run, as the user gave them (or their defaults). */
export interface ProviderSettings {
  /** null = the provider's default region */
  region: string | null;
  arch: Architecture;
  runtime: string;
  packageType: PackageType;
  ephemeralStorageMb: number;
  freeTier: boolean;
  initBilling: InitBillingRule;
}

/** A provider's defaults for the platform model, each with where it comes from. */
export interface PlatformDefaults {
  perInstanceConcurrency: number;
  concurrencyLimit: number;
  limitCounts: PlatformSpec['limitCounts'];
  scaling: PlatformSpec['scaling'];
  keepAlive: KeepAliveSpec;
  asyncRetry: AsyncRetrySpec;
  memoryMinMb: number;
  memoryMaxMb: number;
  /** one line per default, for the report: what it is and its source */
  provenance: string[];
}

export interface InitModel {
  sampler: Sampler;
  /** e.g. "nodejs22.x zip x86_64 at 1024 MB: 10 measured values (maxday/lambda-perf 2026-08-22), mean 137 ms" */
  description: string;
}

export interface BilledFunction {
  name: string;
  memoryMb: number;
  provisioned: number;
}

export interface BillingInput {
  /** the simulated window */
  spanMs: number;
  functions: BilledFunction[];
  /** user requests in the window (pings excluded), served or not */
  userRequests: number;
}

/** Watches the platform's events and prices what it saw. */
export interface BillingMeter extends PlatformObserver {
  bill(input: BillingInput): CostReport;
}

export interface LoadedProvider {
  readonly id: string;
  readonly label: string;
  /** the price sheet file it was loaded from */
  readonly sheetFile: string;
  platformDefaults(settings: ProviderSettings): PlatformDefaults;
  initModel(settings: ProviderSettings, memoryMb: number): InitModel;
  /** `memoryMb(fn)` gives each function's memory as the simulation assigns them */
  createMeter(settings: ProviderSettings, memoryMb: (fn: number) => number): BillingMeter;
  /** the region used when settings.region is null */
  readonly defaultRegion: string;
}

export interface Provider {
  readonly id: string;
  readonly label: string;
  /** reads and validates the price sheet(s) in `pricingDir` */
  load(pricingDir: string): LoadedProvider;
}
