/**
 * The JSON report: the SimulationResult itself, schema "faasim.simulate/v1" (documented in docs/json-schema.md).
 * NaN and Infinity (undefined quantities) become null.
 */
import type { SimulationResult } from '../../run/result.js';

export function renderJson(r: SimulationResult): string {
  return (
    JSON.stringify(r, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n'
  );
}
