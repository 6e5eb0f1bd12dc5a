/** Duration-vs-memory models as plain data (they travel to worker threads and into JSON reports). */
import type { Architecture } from '../providers/types.js';

/** One measured memory size: its typical run time, and optionally its tail. */
export interface MeasuredPoint {
  memoryMb: number;
  /** run time at this size (a CSV's duration_ms, Power Tuning's averageDuration) */
  durationMs: number;
  p90Ms?: number;
  p99Ms?: number;
  /** Power Tuning's own averagePrice for the size, when the points came from it */
  costPerInvocation?: number;
}

export type { CpuAllocation } from '../providers/types.js';

/** How run time changes with memory, relative to the run time at the measured memory. */
export type DurationCurve =
  /** run time does not depend on memory */
  | { kind: 'none' }
  /**
   * The provider's CPU allocation: CPU in proportion to memory, `mbPerVcpu` MB per vCPU up to
   * `maxVcpus`. The CPU-bound part of the run time scales with 1 / usable CPU, usable CPU being
   * capped by the code's parallelism (threads that can run at once); the rest (I/O waits) does not scale.
   */
  | {
      kind: 'cpu-share';
      /** share of the run time at the measured memory that is CPU-bound, 0..1 */
      cpuFraction: number;
      /** threads that can use CPU at once (1 = single-threaded) */
      parallelism: number;
      // the CpuAllocation's fields, written out: the output's JSON Schema is generated from this type
      mbPerVcpu: number;
      maxVcpus: number;
      /** memory sizes the allocation rule is documented for */
      minMb: number;
      maxMb: number;
      /** where the allocation rule comes from */
      source: string;
    }
  /** measured points, interpolated monotonically in log-memory and log-duration (PCHIP) */
  | { kind: 'measured'; from: 'csv' | 'power-tuning'; file: string; points: MeasuredPoint[]; note?: string };

export interface DurationModelSpec {
  curve: DurationCurve;
  /** memory the trace's (or --duration's) run times were measured at; null = not given */
  measuredAtMb: number | null;
  /** architecture the run times were measured on */
  measuredArch: Architecture;
  /** arm64 speed relative to x86_64: arm64 run time = x86_64 run time / factor */
  armSpeedFactor: number;
  /** allow sizes outside the measured points (extending the end segments); such points are marked */
  extrapolate: boolean;
}

export interface RunTimeFactor {
  /** run time at the target memory and architecture / run time as measured */
  factor: number;
  /** the target memory (or the measured one) lies outside the model's measured points */
  extrapolated: boolean;
}
