/**
 * How a provider plugs in: a platform model (its defaults for the engine's PlatformSpec and its
 * cold-start INIT model) and a billing model (a meter that watches the platform's events and turns
 * what it saw into cost lines). Adding a provider touches neither the engine nor the model.
 */
import type { DistributionSpec, Sampler } from '../model/distribution.js';
import type { PlatformObserver } from '../model/observer.js';
import type { AsyncRetrySpec, PlatformSpec } from '../model/spec.js';
import type { KeepAliveSpec } from '../model/keep-alive.js';
import type { CostReport } from '../pricing/cost.js';
import type { AnyProviderOption } from './option-spec.js';
import type { FigurePatch } from '../pricing/figure.js';
import type { z } from 'zod';

/** The settings only some platforms take (src/providers/options.ts says what each is set by). */
export type ProviderOptionKey =
  | 'billingMode'
  | 'observedMemoryMb'
  | 'cpuFraction'
  | 'freeTierProvisioned'
  | 'snapstart'
  | 'restore'
  | 'frontDoor';

export type Architecture = 'x86_64' | 'arm64';
/** Settings every run has, with a default, that only some platforms use (providers/options.ts). */
export type CommonSettingKey =
  | 'arch'
  | 'runtime'
  | 'packageType'
  | 'ephemeralStorageMb'
  | 'initBilling'
  | 'concurrencyLimit'
  | 'freeTier';
export type PackageType = 'zip' | 'image';
/** Which INIT billing rule applies: Lambda's since 2025-08-01, or the one before it. */
export type InitBillingRule = 'current' | 'before-2025-08-01';
/** 'excluded': as the AWS pricing page's text says; 'included': as its worked example computes */
export type FreeTierProvisionedRule = 'excluded' | 'included';

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
  /** AWS Lambda: whether the free tier covers functions with provisioned concurrency; absent = the price sheet's rule */
  freeTierProvisioned?: FreeTierProvisionedRule;
  // Additions for providers other than Lambda; each is optional, absent = not given.
  /** the run's --memory (MB) as the user gave it, before a provider maps it to a size it offers */
  memoryMb?: number;
  /** requests one instance serves at once, instead of the provider's default */
  perInstanceConcurrency?: number | null;
  /** observed memory per execution when the trace has no memory_used_mb (Azure Consumption bills it) */
  observedMemoryMb?: number | null;
  /**
   * What the trace's memory_used_mb measures (TraceInfo.memoryIs), set by the run from the trace, not
   * by the user: 'process' = the whole process's memory on its instance, so concurrent executions do
   * not add theirs up. Absent: each execution's own ('request').
   */
  memoryIs?: 'request' | 'process';
  /** CPU time as a fraction of run time when the trace has no cpu_ms (Cloudflare Workers bills CPU) */
  cpuFraction?: number | null;
  /** a provider's billing mode, e.g. Cloud Run's "request" or "instance" */
  billingMode?: string | null;
  /** AWS Lambda SnapStart on */
  snapstart?: boolean;
  /** SnapStart restore latency given by the user; absent = the sheet's default */
  restore?: DistributionSpec;
  /** the HTTP front door whose request charges the bill adds */
  frontDoor?: string;
}

/**
 * What a line of provenance or a sheet figure bears on a run through. A run rests on it only when
 * every one of its dependencies holds (src/providers/dependencies.ts):
 * - `default:<setting>`: the provider's default of that setting, unless the user set it;
 * - `provisioned`: some function has provisioned (always-ready, minimum) instances;
 * - `async`: the trace has async requests;
 * - `free-tier`: the free tier is applied;
 * - `memory-used`: the trace has a memory_used_mb column;
 * - `default:apps`: no function app is given (no scenario `apps`, no app column): one app per function;
 * - `not-chosen`: a figure for a choice the run did not make (another instance size, language).
 */
export type Dependency =
  | 'default:keep-alive'
  | 'default:concurrency-limit'
  | 'default:per-instance-concurrency'
  | 'default:max-instances'
  | 'default:min-provisioned'
  | 'default:prewarmed'
  | 'default:free-tier-provisioned'
  | 'provisioned'
  | 'async'
  | 'free-tier'
  | 'memory-used'
  | 'default:apps'
  | 'not-chosen';

/** A line of provenance that bears on a run only when its dependencies hold. */
export interface ProvenanceLine {
  text: string;
  dependsOn: readonly Dependency[];
}

/** A provider's defaults for the platform model, each with where it comes from. */
export interface PlatformDefaults {
  perInstanceConcurrency: number;
  concurrencyLimit: number;
  limitCounts: PlatformSpec['limitCounts'];
  scaling: PlatformSpec['scaling'];
  /** new instances for async requests, where the platform scales them at another rate */
  asyncScaling?: PlatformSpec['asyncScaling'];
  keepAlive: KeepAliveSpec;
  asyncRetry: AsyncRetrySpec;
  memoryMinMb: number;
  memoryMaxMb: number;
  /** one line per default, for the report: what it is and its source (untagged: always shown) */
  provenance: (string | ProvenanceLine)[];
  /**
   * Sheet figures (dotted paths) that bear on a run only through some dependency; figures not named
   * here (absent: none) bear on every run, and price figures on it only when the bill applies them.
   */
  figureDependencies?: Readonly<Record<string, readonly Dependency[]>>;
  // Optional, for providers other than Lambda (absent: Lambda's behaviour).
  /** the most requests per instance a user may configure; absent = perInstanceConcurrency is fixed */
  maxPerInstanceConcurrency?: number;
  /** each function's cap on live instances (a maximum instance count), unless the user sets one */
  maxInstancesPerFunction?: number;
  /** the most instances a user may configure per function (a plan limit); absent: no stated limit */
  maxInstancesLimit?: number;
  /** the longest run a function may have (Lambda's 900 s timeout); longer runs are flagged in the report */
  maxRunMs?: number;
  /** the platform's ephemeral storage setting, for the configuration table; absent: not configurable */
  ephemeralStorage?: string;
  /** sync requests over a limit wait up to max(minMs, initMultiple × mean INIT) before a 429 */
  syncQueue?: { minMs: number; initMultiple: number };
  /** instances every function keeps ready at least (e.g. Premium's one always-ready instance) */
  minProvisioned?: number;
  /** why minProvisioned is a floor the platform keeps, with its source; a floor the user may not go below */
  minProvisionedWhy?: string;
  /** pre-warmed buffer instances (Azure Premium), and the most a user may ask for; absent: none */
  prewarmed?: { default: number; max: number };
  /** false when the platform has nothing like provisioned instances */
  provisionedSupported?: boolean;
  /** what the platform calls provisioned instances: "always-ready instances", "minimum instances" */
  provisionedName?: string;
  /**
   * Where the platform's only size is a limit of a setting the user chose (Lambda@Edge's viewer
   * triggers: 128 MB), what it is and its source: a larger --memory is refused on it alone (a single
   * size elsewhere, Cloudflare's, is the platform's and takes any --memory).
   */
  onlySizeLimit?: string;
  /** the size the platform gives a function asked for `requestedMb`, and a note when it differs */
  mapMemory?: (requestedMb: number) => { memoryMb: number; note: string | null };
  /** what the bill is based on (memory, CPU, requests), one line */
  memoryBasis?: string;
  /** --memory is the memory an execution uses (Azure Consumption bills it), not the instance size mapMemory gives */
  memoryIsObserved?: boolean;
  /** how INIT (cold start) time is billed, one line; replaces Lambda's INIT-billing rule in the report */
  initBilling?: string;
  /**
   * An instance's memory (the function's size, mapMemory) is shared by the requests in flight on it:
   * a request holds its memory_used_mb, else (where memoryIsObserved) the function's observed-memory
   * setting, else nothing, and goes only to an instance where it fits (PlatformSpec.instanceMemoryShared).
   */
  sharesInstanceMemory?: boolean;
  /**
   * The vCPUs of an instance of a function of `memoryMb` (its size after mapMemory), where the price
   * sheet states them: the requests in flight on it then share them (processor sharing,
   * PlatformSpec.cpuSharing) when --cpu-fraction or the trace's cpu_ms says they are CPU-bound.
   */
  instanceVcpus?: (memoryMb: number) => number;
  /**
   * The platform scales and bills the function app: the functions of one app (the scenario's `apps`,
   * else the trace's app column) share its instances, caps, scale-out rate and always-ready instances
   * (FunctionSpec.group). Absent: every function scales alone.
   */
  scalesByApp?: boolean;
  /**
   * Per-function scaling (Azure Flex Consumption): the scale group a function with trigger `trigger`
   * scales in (the functions of one app in one group share instances, caps and always-ready
   * instances: FunctionSpec.group), or null: it scales alone. Absent: no grouping by trigger.
   */
  scaleGroupOf?: (trigger: string) => string | null;
  /** always-ready (provisioned) instances by scale group name or `function:<NAME>`, replacing the run's level there */
  alwaysReadyByGroup?: ReadonlyMap<string, number>;
  /** false when the platform offers no choice of architecture: --arch is then not used */
  archSelectable?: boolean;
}

export interface InitModel {
  sampler: Sampler;
  /** figures the model rests on outside the provider's own sheet (file name, dotted path), e.g. the INIT scale: what --sensitivity may vary */
  figures?: { file: string; path: string }[];
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
  /**
   * Optional, for `simulate --shard` (run/shard-state.ts): the usage recorded after a run, as plain
   * data (typed arrays allowed), per function in the meter's own order. A meter without it cannot be
   * sharded (the shard is refused, naming the provider).
   */
  exportState?(): MeterState;
  /**
   * Optional, with exportState: called before the run when it is a shard. A meter whose state for
   * the merge is a history of events (not sums) keeps it only then, so a whole run's memory does not
   * grow with the trace.
   */
  keepShardState?(): void;
  /**
   * Optional, with exportState: takes the states of shards whose functions are disjoint (shard
   * function k is function `global[k]` here), so that `bill` then bills their sum (tiers and free
   * tier on the totals) exactly as one meter that saw every event would.
   */
  importStates?(parts: readonly { state: MeterState; global: readonly number[] }[]): void;
}

/** A meter's exported usage: JSON-able fields and typed arrays. */
export type MeterState = Record<string, unknown>;

export interface LoadedProvider {
  readonly id: string;
  readonly label: string;
  /** the price sheet file it was loaded from */
  readonly sheetFile: string;
  platformDefaults(settings: ProviderSettings): PlatformDefaults;
  initModel(settings: ProviderSettings, memoryMb: number): InitModel;
  /**
   * `memoryMb(fn)` gives each function's memory as the simulation assigns them; where the memory
   * setting is the memory an execution is observed to use (PlatformDefaults.memoryIsObserved), the
   * function's own setting (its per-function memory, else --memory)
   */
  createMeter(settings: ProviderSettings, memoryMb: (fn: number) => number): BillingMeter;
  /** the region used when settings.region is null */
  readonly defaultRegion: string;
  /** regions with prices in the sheet (absent: only the default region) */
  readonly regions?: readonly string[];
  /** CPU in proportion to memory, for --duration-model cpu-share (absent: no documented allocation) */
  readonly cpuAllocation?: CpuAllocation;
  /**
   * The prices per GB-s that weigh one provisioned instance against on-demand, from the price sheet,
   * for the keep-warm break-even's textbook utilisation (capacity / (on-demand − provisioned
   * duration)), whether or not a run had provisioned instances. Absent or null: no such prices.
   */
  provisionedPrices?(settings: ProviderSettings): ProvisionedPrices | null;
}

/** Per GB-s: a provisioned instance's capacity, its duration, and on-demand duration (first tier). */
export interface ProvisionedPrices {
  capacity: number;
  duration: number;
  onDemand: number;
}

export interface Provider {
  readonly id: string;
  readonly label: string;
  /** the platform-specific settings it takes, declared in its folder (option-spec.ts); absent: none */
  readonly options?: readonly AnyProviderOption[];
  /**
   * The keep-warm comparison's cost lines: [line id, short label] in the order shown; lines not named
   * follow in the order of the bill. Absent: every line in the bill's order, with the meter's labels.
   */
  readonly keepWarmLines?: readonly (readonly [string, string])[];
  /** the platform AWS Lambda Power Tuning tunes and prices: its pick means something here only */
  readonly powerTuned?: boolean;
  /** it keeps pre-warmed buffer instances (PlatformDefaults.prewarmed): --prewarmed is for it */
  readonly keepsPrewarmed?: boolean;
  /**
   * The settings every run has (providers/options.ts, COMMON_SETTINGS) that this platform uses; set to
   * anything but their default they are refused on a platform that does not list them. Absent: none.
   */
  readonly commonSettings?: readonly CommonSettingKey[];
  /** the schema of its price sheet, pricing/<id>.json (`faasim validate`, `npm run schemas`); absent: none */
  readonly sheetSchema?: z.ZodType;
  /** a container platform (long-lived instances serving many requests), for the break-even search (src/break-even.ts) */
  readonly container?: boolean;
  /** reads and validates the price sheet(s) in `pricingDir`, with `patches` (what-if figure values) applied first */
  load(pricingDir: string, patches?: readonly FigurePatch[]): LoadedProvider;
}

/** A provider's CPU allocation: CPU in proportion to memory, `mbPerVcpu` MB per vCPU up to `maxVcpus`. */
export interface CpuAllocation {
  mbPerVcpu: number;
  maxVcpus: number;
  /** memory sizes the allocation rule is documented for */
  minMb: number;
  maxMb: number;
  /** where the allocation rule comes from */
  source: string;
}
