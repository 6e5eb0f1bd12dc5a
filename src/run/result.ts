/**
 * What one simulation returns (`faasim.simulate/v1`): the shape the renderers, comparisons, sweeps
 * and JSON output read. docs/json-schema.md describes it field by field.
 */
import type { CostReport } from '../pricing/cost.js';
import type { LatencySummary, OutcomeStats } from '../metrics/metrics.js';
import type { TraceInfo } from '../traces/trace.js';
import type { OverMemory, OverTimeout } from './feasibility.js';
import type { BaselineComparison } from './baseline.js';

export const RESULT_SCHEMA = 'faasim.simulate/v1';

export interface TraceSummary {
  file: string;
  requests: number;
  functions: string[];
  spanMs: number;
  /** how the span was decided */
  spanSource: 'first-to-last request' | 'configured' | 'whole minutes counted' | 'from --start';
  firstIso: string | null;
  lastIso: string | null;
  meanRatePerS: number;
  /** most requests in one second (1-second buckets from the first request) */
  peakRatePerS: number;
  timestamps: string;
  order: TraceInfo['order'];
  asyncRequests: number;
  hasDurations: boolean;
  hasInit: boolean;
  skippedRows: number;
  skipReasons: string[];
  /** present when an importer read the trace (src/traces/formats/): the format and what it derived */
  input?: { format: string; derived: string[]; ignoredLines: number; runsSpilled?: number };
  /** what --traffic-scale, --time-shift and --start did (absent when none was given) */
  traffic?: string[];
}

export interface ConfigSummary {
  provider: string;
  providerLabel: string;
  region: string;
  arch: string;
  runtime: string;
  packageType: string;
  memoryMb: number;
  keepAlive: string;
  routing: string;
  perInstanceConcurrency: number;
  concurrencyLimit: number;
  scaling: string;
  provisioned: number;
  /** how the provisioned level changes: fixed, a schedule, or target tracking */
  provisionedControl: string;
  pings: string;
  init: string;
  duration: string;
  freeTier: boolean;
  initBilling: string;
  seed: number;
  priceSheet: string;
  /** per-function settings that differ from the above, one line per function */
  functionSettings: string[];
  // Present only for providers that map or qualify these (absent for AWS Lambda).
  /** why the memory differs from --memory, or how it is used */
  memoryNote?: string;
  /** what the bill is based on (memory, CPU, requests) */
  memoryBasis?: string;
  /** each function's maximum instance count */
  maxInstancesPerFunction?: number;
  /** how long a sync request over a limit may wait for capacity before a 429 */
  queueTimeoutMs?: number;
  /** what the platform calls provisioned instances */
  provisionedName?: string;
  /** pre-warmed buffer instances kept while a function is busy (Azure Premium) */
  prewarmed?: number;
  /** the ephemeral storage setting, where the platform has one (AWS Lambda) */
  ephemeralStorage?: string;
}

export interface FunctionResult {
  name: string;
  memoryMb: number;
  provisioned: number;
  reservedConcurrency: number | null;
  outcomes: OutcomeStats;
  /**
   * present only when the report lists the costliest functions, not all (simulate --functions N): the
   * function's attributed share of the monthly bill, USD, by which the list is ranked (run/function-rank.ts)
   */
  attributedMonthlyUsd?: number;
}

/** Sync requests that waited for capacity; only on platforms with a queue timeout. */
export interface QueueingSummary {
  timeoutMs: number;
  servedAfterWait: number;
  rejectedAfterWait: number;
  wait: LatencySummary;
}

export interface SimulationResult {
  schema: typeof RESULT_SCHEMA;
  trace: TraceSummary;
  config: ConfigSummary;
  outcomes: OutcomeStats;
  /** present only when the platform queues sync requests over its limits */
  queueing?: QueueingSummary;
  /** present only when some request ran past the platform's timeout at the configured memory */
  overTimeout?: OverTimeout;
  /** present only when some request used more memory (memory_used_mb) than its function is given */
  overMemory?: OverMemory;
  /** every function in trace order, or with --functions N the N costliest, costliest first */
  functions: FunctionResult[];
  /** functions left out of `functions` (absent when none is) */
  functionsOmitted?: number;
  cost: CostReport;
  latencyAccuracy: { exact: boolean; relativeError: number };
  /** what the numbers rest on, one line each */
  assumptions: string[];
  /** present only with --baseline: the headline figures against a saved result (src/run/baseline.ts) */
  baseline?: BaselineComparison;
}
