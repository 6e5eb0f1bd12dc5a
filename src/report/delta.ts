/**
 * Writing a baseline's change for people: signed, in the metric's own unit, a cold-start rate's
 * change in percentage points (a rate going from 0.4% to 0.5% is +0.1 pp, and +25% relative).
 */
import { int, ms, pct, usd } from './format.js';
import type { MetricDelta } from '../run/baseline.js';

/** a figure in its unit, as the reports write it */
export function figure(unit: string, v: number): string {
  if (unit === 'USD') return usd(v);
  if (unit === 'fraction') return pct(v);
  if (unit === 'ms') return ms(v);
  return int(v);
}

export function signedDelta(d: MetricDelta): string {
  if (!Number.isFinite(d.delta)) return '–';
  if (d.delta === 0) return '0';
  const sign = d.delta > 0 ? '+' : '-';
  const abs = Math.abs(d.delta);
  if (d.unit === 'fraction') return `${sign}${pct(abs).replace('%', '')} pp`;
  return `${sign}${figure(d.unit, abs)}`;
}

export function signedRelative(d: MetricDelta): string {
  if (!Number.isFinite(d.relative)) return d.baseline === 0 ? 'new' : '–';
  if (d.relative === 0) return '0%';
  return `${d.relative > 0 ? '+' : '-'}${pct(Math.abs(d.relative), 1)}`;
}
