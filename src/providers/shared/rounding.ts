/** Billing rounding shared by the meters: a minimum, then up to a step. */

/** Guards ceil() against float noise such as 100.00000000000001 ms from scaled run times. */
const EPS = 1e-9;

/** Rounds `ms` up to a whole number of `stepMs`. */
export function roundUpMs(ms: number, stepMs: number): number {
  return Math.ceil(ms / stepMs - EPS) * stepMs;
}

/** At least `minMs`, then rounded up to `stepMs`: max(min, ceil(ms / step) × step). */
export function billedMs(ms: number, minMs: number, stepMs: number): number {
  return Math.max(minMs, roundUpMs(ms, stepMs));
}
