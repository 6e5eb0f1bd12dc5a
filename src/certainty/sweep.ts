/**
 * --replicates on a sweep: every grid point run with N seeds (its seed, +1, …), all of them on one
 * worker pool; the point's own row, the Pareto front and the picks come from its first seed's run
 * (so they are what the sweep gives without the flag), and the report gains each point's intervals.
 */
import type { SimulationResult } from '../simulate.js';
import type { SweepPoint, SweepReplicates, SweepReport } from '../sweep/types.js';
import { replicatePoints, summarizeReplicates } from './replicates.js';

/** N points per grid point, grid point by grid point; patches kept. */
export function expandReplicates(points: readonly SweepPoint[], n: number): SweepPoint[] {
  return points.flatMap((p, i) =>
    replicatePoints(p.config, n).map((r, j) => ({ ...p, index: i * n + j, config: r.config })),
  );
}

/** Splits the expanded results back: each grid point's first-seed result, and its replicate summary. */
export function collectReplicates(
  points: readonly SweepPoint[],
  n: number,
  results: readonly SimulationResult[],
): { first: SimulationResult[]; replicates: SweepReplicates } {
  const first: SimulationResult[] = [];
  const rows: SweepReplicates['points'] = [];
  points.forEach((p, i) => {
    const mine = results.slice(i * n, (i + 1) * n);
    first.push(mine[0] as SimulationResult);
    rows.push({ index: p.index, ...summarizeReplicates(mine).figures });
  });
  const method = summarizeReplicates(results.slice(0, n)).method;
  return { first, replicates: { n, confidence: 0.95, method, points: rows } };
}

/** The report with its points' intervals, ordered as its points are. */
export function withReplicates(report: SweepReport, replicates: SweepReplicates): SweepReport {
  const byIndex = new Map(replicates.points.map((r) => [r.index, r]));
  return {
    ...report,
    replicates: {
      ...replicates,
      points: report.points.map((p) => byIndex.get(p.index) as SweepReplicates['points'][number]),
    },
  };
}
