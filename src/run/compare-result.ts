/**
 * What a comparison returns (`faasim.compare/v1`): one row per provider, each with its own
 * simulation's result or the reason it could not run. Beside result.ts so that the renderers read it
 * without importing the code that runs the comparison (src/compare.ts).
 */
import type { SimulationResult, TraceSummary } from './result.js';

export const COMPARE_SCHEMA = 'faasim.compare/v1';

export interface ComparisonRow {
  provider: string;
  label: string;
  /** settings changed for this platform, one line each */
  adaptations: string[];
  result: SimulationResult | null;
  /** why this platform could not run the configuration */
  error: string | null;
}

export interface ComparisonResult {
  schema: typeof COMPARE_SCHEMA;
  /** the trace as read (from the first platform that ran) */
  trace: TraceSummary | null;
  /** --memory as given; each platform maps it to a size it offers */
  requestedMemoryMb: number;
  rows: ComparisonRow[];
}
