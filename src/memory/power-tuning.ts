/**
 * AWS Lambda Power Tuning (github.com/alexcasalboni/aws-lambda-power-tuning, Apache-2.0): reading its
 * output as measured points, and its cost formula and strategies, re-implemented from its published
 * behaviour so faasim can say what Power Tuning would pick on the same points.
 *
 * What Power Tuning computes (lambda/utils.js, lambda/analyzer.js, lambda/executor.js):
 * - price(d, M) = ceil(d) × baseCost × M / 128, baseCost = USD per ms at 128 MB (2.1e-9 x86_64 and
 *   1.7e-9 arm64 by default); no request charge, no tiers, no free tier;
 * - averageDuration = trimmed mean (20% off each end by default) of Duration + Init, so mostly warm;
 * - strategies: cost (lowest averagePrice, ties to the lower duration), speed (lowest averageDuration,
 *   ties to the lower cost), balanced (lowest w·cost/maxCost + (1−w)·duration/maxDuration, w in [0, 1],
 *   default 0.5); stats with no averageDuration are dropped first;
 * - output: `{ power, cost, duration, stateMachine: { visualization }, stats: [{ value, averagePrice,
 *   averageDuration }] }` (stats with includeOutputResults), possibly wrapped in `{ results: … }`;
 * - visualization URL: https://lambda-power-tuning.show/#<sizes>;<times>;<costs>, each the base64 of
 *   the little-endian bytes of an Int16Array (sizes) or Float32Array (times in ms, costs), sorted by
 *   size; `?currency=CNY` before the hash for China regions.
 */
import { readFileSync } from 'node:fs';
import { inputError } from '../errors.js';
import type { MeasuredPoint } from './types.js';

/** Power Tuning's default per-ms price at 128 MB (template.yml baseCosts "default"): pricing/defaults.json, powerTuning. */
export { powerTuningBaseCost } from '../pricing/defaults.js';
export const POWER_TUNING_MIN_RAM = 128;

export type PowerTuningStrategy = 'cost' | 'speed' | 'balanced';

export interface PowerTuningStat {
  value: number;
  averagePrice: number;
  averageDuration: number;
}

/** Power Tuning's per-invocation price (utils.computePrice). */
export function powerTuningPrice(
  durationMs: number,
  memoryMb: number,
  baseCostPerMs: number,
  minRamMb = POWER_TUNING_MIN_RAM,
): number {
  return Math.ceil(durationMs) * baseCostPerMs * (memoryMb / minRamMb);
}

/**
 * The stat Power Tuning's analyzer picks. Array.prototype.sort is stable, so remaining ties keep the
 * input order, as in Power Tuning.
 */
export function powerTuningPick<T extends PowerTuningStat>(
  stats: readonly T[],
  strategy: PowerTuningStrategy,
  balancedWeight = 0.5,
): T {
  const list = stats.filter((s) => s?.averageDuration);
  if (list.length === 0) throw new Error('no stats with an averageDuration');
  if (strategy === 'cost') {
    list.sort((a, b) =>
      a.averagePrice === b.averagePrice
        ? a.averageDuration - b.averageDuration
        : a.averagePrice - b.averagePrice,
    );
  } else if (strategy === 'speed') {
    list.sort((a, b) =>
      a.averageDuration === b.averageDuration
        ? a.averagePrice - b.averagePrice
        : a.averageDuration - b.averageDuration,
    );
  } else {
    const w = Math.min(Math.max(balancedWeight, 0), 1);
    const maxCost = Math.max(...list.map((s) => s.averagePrice));
    const maxDuration = Math.max(...list.map((s) => s.averageDuration));
    const value = (s: T): number =>
      (w * s.averagePrice) / maxCost + ((1 - w) * s.averageDuration) / maxDuration;
    list.sort((a, b) => value(a) - value(b));
  }
  return list[0] as T;
}

export interface PowerTuningPoints {
  points: MeasuredPoint[];
  /** where the points came from: the stats array or the visualization URL */
  from: 'stats' | 'visualization';
  /** the currency of Power Tuning's costs (CNY for China regions) */
  currency: 'USD' | 'CNY';
}

/** Decodes a visualization URL: https://lambda-power-tuning.show/#<b64 Int16>;<b64 Float32>;<b64 Float32>. */
export function decodeVisualizationUrl(
  url: string,
  where = 'Power Tuning visualization URL',
): PowerTuningPoints {
  const hashAt = url.indexOf('#');
  if (hashAt < 0)
    throw inputError(
      'BAD_POWER_TUNING',
      `${where}: no "#" data part; expected https://lambda-power-tuning.show/#<sizes>;<times>;<costs>`,
    );
  const parts = url.slice(hashAt + 1).split(';');
  if (parts.length !== 3)
    throw inputError(
      'BAD_POWER_TUNING',
      `${where}: the data part has ${parts.length} ";"-separated fields, expected 3 (sizes;times;costs)`,
    );
  const bytes = (b64: string, what: string, width: number): DataView => {
    const s = decodeURIComponent(b64);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s))
      throw inputError('BAD_POWER_TUNING', `${where}: the ${what} field is not base64`);
    const buf = Buffer.from(s, 'base64');
    if (buf.length === 0 || buf.length % width !== 0)
      throw inputError(
        'BAD_POWER_TUNING',
        `${where}: the ${what} field has ${buf.length} bytes, not a whole number of ${width}-byte values`,
      );
    return new DataView(buf.buffer, buf.byteOffset, buf.length);
  };
  const sizes = bytes(parts[0] as string, 'sizes', 2);
  const times = bytes(parts[1] as string, 'times', 4);
  const costs = bytes(parts[2] as string, 'costs', 4);
  const n = sizes.byteLength / 2;
  if (times.byteLength / 4 !== n || costs.byteLength / 4 !== n) {
    throw inputError(
      'BAD_POWER_TUNING',
      `${where}: ${n} sizes but ${times.byteLength / 4} times and ${costs.byteLength / 4} costs`,
    );
  }
  const points: MeasuredPoint[] = [];
  for (let i = 0; i < n; i++) {
    points.push({
      memoryMb: sizes.getInt16(i * 2, true),
      durationMs: times.getFloat32(i * 4, true),
      costPerInvocation: costs.getFloat32(i * 4, true),
    });
  }
  const currency = /[?&]currency=CNY/.test(url.slice(0, hashAt)) ? 'CNY' : 'USD';
  return { points: checkPoints(points, where), from: 'visualization', currency };
}

/** Reads Power Tuning's output: its JSON (with `stats`, or only the visualization URL), or a bare URL. */
export function parsePowerTuning(text: string, where: string): PowerTuningPoints {
  const t = text.trim();
  if (/^https?:\/\//.test(t)) return decodeVisualizationUrl(t, where);
  let json: unknown;
  try {
    json = JSON.parse(t);
  } catch (e) {
    throw inputError(
      'BAD_POWER_TUNING',
      `${where}: not JSON (${(e as Error).message}) and not a visualization URL`,
      { file: where },
    );
  }
  const root = (isObject(json) && isObject(json['results']) ? json['results'] : json) as unknown;
  if (!isObject(root))
    throw inputError('BAD_POWER_TUNING', `${where}: expected Power Tuning's output object`, { file: where });
  const stats = root['stats'];
  if (Array.isArray(stats) && stats.length > 0) {
    const points: MeasuredPoint[] = [];
    stats.forEach((s: unknown, i: number) => {
      // Power Tuning's analyzer drops empty results (stat && stat.averageDuration); so do we
      if (!isObject(s) || !s['averageDuration']) return;
      const value = Number(s['value']);
      const duration = Number(s['averageDuration']);
      const price = s['averagePrice'] === undefined ? NaN : Number(s['averagePrice']);
      if (!Number.isFinite(value) || !Number.isFinite(duration)) {
        throw inputError(
          'BAD_POWER_TUNING',
          `${where}: stats[${i}] needs numeric value and averageDuration`,
          { file: where, path: `stats.${i}` },
        );
      }
      points.push({ memoryMb: value, durationMs: duration, costPerInvocation: price });
    });
    return { points: checkPoints(points, where), from: 'stats', currency: 'USD' };
  }
  const sm = root['stateMachine'];
  const url =
    isObject(sm) && typeof sm['visualization'] === 'string'
      ? sm['visualization']
      : typeof root['visualization'] === 'string'
        ? root['visualization']
        : undefined;
  if (url !== undefined) return decodeVisualizationUrl(url, `${where}: stateMachine.visualization`);
  throw inputError(
    'BAD_POWER_TUNING',
    `${where}: Power Tuning output has neither "stats" (run it with includeOutputResults: true) nor "stateMachine.visualization"`,
    { file: where },
  );
}

export function readPowerTuningFile(file: string): PowerTuningPoints {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw inputError(
      'FILE_NOT_READABLE',
      `cannot read Power Tuning output ${file}: ${(e as Error).message}`,
      { file },
    );
  }
  return parsePowerTuning(text, file);
}

function checkPoints(points: MeasuredPoint[], where: string): MeasuredPoint[] {
  const sorted = [...points].sort((a, b) => a.memoryMb - b.memoryMb);
  for (const p of sorted) {
    if (!(p.memoryMb > 0) || !(p.durationMs > 0))
      throw inputError(
        'BAD_POWER_TUNING',
        `${where}: memory ${p.memoryMb} MB with duration ${p.durationMs} ms: both must be positive`,
      );
  }
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.memoryMb === sorted[i - 1]!.memoryMb)
      throw inputError('BAD_POWER_TUNING', `${where}: memory ${sorted[i]!.memoryMb} MB appears twice`);
  }
  return sorted;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
