/**
 * A run-time map from measured tails: where a duration model has the typical run time, p90 and p99
 * at each measured memory size, a request's run time at the measured size is mapped to the target
 * size by its place in that distribution instead of by one factor. Anchors `fromMs` (typical, p90,
 * p99 at the measured size) go to `toMs` (the same at the target size); between anchors the map is
 * linear, below the first and above the last it scales by the end anchors' ratios. With increasing
 * anchors it is continuous and increasing, so requests keep their order and their own variability,
 * and a tail that does not shrink with memory (a slow dependency) stays as long.
 */
export interface RunTimeMap {
  fromMs: readonly [number, number, number];
  toMs: readonly [number, number, number];
}

export function mapRunTime(m: RunTimeMap, runMs: number): number {
  const [a0, a1, a2] = m.fromMs;
  const [b0, b1, b2] = m.toMs;
  if (runMs <= a0) return runMs * (b0 / a0);
  if (runMs <= a1) return b0 + ((runMs - a0) * (b1 - b0)) / (a1 - a0);
  if (runMs <= a2) return b1 + ((runMs - a1) * (b2 - b1)) / (a2 - a1);
  return runMs * (b2 / a2);
}

/** True when both anchor triples are strictly increasing (the map is then well defined and increasing). */
export function isIncreasingMap(m: RunTimeMap): boolean {
  const [a0, a1, a2] = m.fromMs;
  const [b0, b1, b2] = m.toMs;
  return a0 > 0 && a0 < a1 && a1 < a2 && b0 > 0 && b0 < b1 && b1 < b2;
}
