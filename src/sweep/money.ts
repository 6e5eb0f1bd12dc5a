/**
 * Money for sweep reports: each table column in one format (report/format.ts usdColumn: cents, or
 * the decimals a column wholly below a cent needs); the prose and the chart take the monthly
 * column's format, so a figure reads the same in the text as in the table.
 */
import { usdColumn } from '../report/format.js';
import type { PointOutcome } from './types.js';

/** The format of the sweep table's monthly column, for the report's text and chart. */
export function sweepMoney(points: readonly PointOutcome[]): (x: number) => string {
  return usdColumn(points.map((p) => p.monthlyUsd));
}
