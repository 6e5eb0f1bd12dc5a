/** `faasim generate` flags as text → GenerateOptions; each bad value is an InputError naming its flag. */
import { parseDistribution } from '../config.js';
import { inputError } from '../errors.js';
import { parseIsoTimestamp, type SplitTime } from '../traces/timestamp.js';
import { parseDecimal, parseDurationMs } from '../util/units.js';
import type { GenerateOptions } from './generate.js';
import { PATTERNS, type PatternSpec } from './patterns.js';

/** Monday 2026-01-05 00:00 UTC, so a 7-day trace covers one whole week, Monday first. */
export const DEFAULT_START_ISO = '2026-01-05T00:00:00Z';
export const DEFAULT_DURATION = 'lognormal:100ms:1s';

export const GENERATE_DEFAULTS = {
  peakHour: 14,
  amplitude: 0.5,
  weekendFactor: 1,
  burstOn: '1m',
  burstOff: '9m',
  burstOffRate: 0,
  spikeFactor: 10,
} as const;

export type GenerateFlags = Partial<
  Record<
    | 'pattern'
    | 'rate'
    | 'span'
    | 'functions'
    | 'duration'
    | 'start'
    | 'seed'
    | 'peakHour'
    | 'amplitude'
    | 'weekendFactor'
    | 'burstOn'
    | 'burstOff'
    | 'burstOffRate'
    | 'spikeAt'
    | 'spikeFor'
    | 'spikeFactor',
    string
  >
>;

/** flags that shape one pattern only: given with another, they would be ignored, so they are refused */
const PATTERN_FLAGS: [keyof GenerateFlags, string, string][] = [
  ['peakHour', '--peak-hour', 'diurnal'],
  ['amplitude', '--amplitude', 'diurnal'],
  ['weekendFactor', '--weekend-factor', 'diurnal'],
  ['burstOn', '--burst-on', 'bursty'],
  ['burstOff', '--burst-off', 'bursty'],
  ['burstOffRate', '--burst-off-rate', 'bursty'],
  ['spikeAt', '--spike-at', 'spike'],
  ['spikeFor', '--spike-for', 'spike'],
  ['spikeFactor', '--spike-factor', 'spike'],
];

const RATE_UNITS_PER_S: Record<string, number> = { s: 1, sec: 1, m: 1 / 60, min: 1 / 60, h: 1 / 3600 };

/** "50", "50/s", "120/min", "3/h" → requests per second. */
export function parseRatePerS(text: string): number | undefined {
  const m = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)\s*(?:\/\s*([a-z]+))?\s*$/i.exec(text);
  if (!m) return undefined;
  const per = m[2] === undefined ? 1 : RATE_UNITS_PER_S[m[2].toLowerCase()];
  return per === undefined ? undefined : Number(m[1]) * per;
}

/** Epoch ms of an ISO 8601 time, or undefined. */
function parseIsoMs(text: string): number | undefined {
  const split: SplitTime = { wholeMs: 0, fracMs: 0 };
  return parseIsoTimestamp(text.trim(), split) ? split.wholeMs + split.fracMs : undefined;
}

export function generateOptionsOf(f: GenerateFlags): GenerateOptions {
  const need = (flag: string, v: string | undefined): string => {
    if (v === undefined) throw inputError('MISSING_FLAG', `generate needs ${flag}`);
    return v;
  };
  const ratePerS = parseRatePerS(need('--rate', f.rate));
  if (ratePerS === undefined || !(ratePerS > 0) || !Number.isFinite(ratePerS))
    throw inputError(
      'BAD_FLAG',
      `--rate "${f.rate}" is not a positive rate such as 50, 50/s, 120/min or 3/h`,
    );
  const spanMs = duration('--span', need('--span', f.span));
  const number = (
    flag: string,
    v: string | undefined,
    dflt: number,
    ok: (x: number) => boolean,
    expected: string,
  ): number => {
    if (v === undefined) return dflt;
    // decimal, as every number in a flag: 0x10 is not 16, ' ' is not 0
    const x = parseDecimal(v) ?? NaN;
    if (!ok(x)) throw inputError('BAD_FLAG', `${flag} "${v}" is not ${expected}`);
    return x;
  };
  const functions = number(
    '--functions',
    f.functions,
    1,
    (x) => Number.isInteger(x) && x >= 1 && x <= 1_000_000,
    'a whole number from 1 to 1,000,000',
  );
  const seed = number('--seed', f.seed, 1, Number.isInteger, 'a whole number');
  const startText = f.start ?? DEFAULT_START_ISO;
  const startEpochMs = parseIsoMs(startText);
  if (startEpochMs === undefined || !Number.isInteger(startEpochMs))
    throw inputError(
      'BAD_FLAG',
      `--start "${startText}" is not an ISO 8601 time with at most millisecond precision, such as ${DEFAULT_START_ISO}`,
    );
  const durationText = f.duration ?? DEFAULT_DURATION;
  const durationSpec = parseDistribution(durationText, '--duration');

  const patternText = f.pattern ?? 'poisson';
  for (const [key, flag, owner] of PATTERN_FLAGS) {
    if (f[key] !== undefined && owner !== patternText)
      throw inputError('BAD_FLAG', `${flag} applies to --pattern ${owner}, not ${patternText}`);
  }
  let pattern: PatternSpec;
  switch (patternText) {
    case 'poisson':
      pattern = { kind: 'poisson' };
      break;
    case 'diurnal':
      pattern = {
        kind: 'diurnal',
        peakHour: number(
          '--peak-hour',
          f.peakHour,
          GENERATE_DEFAULTS.peakHour,
          (x) => x >= 0 && x < 24,
          'an hour of the day from 0 to 24 (UTC)',
        ),
        amplitude: number(
          '--amplitude',
          f.amplitude,
          GENERATE_DEFAULTS.amplitude,
          (x) => x >= 0 && x <= 1,
          'a number from 0 (flat) to 1 (silent at the trough)',
        ),
        weekendFactor: number(
          '--weekend-factor',
          f.weekendFactor,
          GENERATE_DEFAULTS.weekendFactor,
          (x) => x >= 0 && Number.isFinite(x),
          'a non-negative number (weekend rate over weekday rate)',
        ),
      };
      break;
    case 'bursty':
      pattern = {
        kind: 'bursty',
        onMs: duration('--burst-on', f.burstOn ?? GENERATE_DEFAULTS.burstOn),
        offMs: duration('--burst-off', f.burstOff ?? GENERATE_DEFAULTS.burstOff),
        offRateFactor: number(
          '--burst-off-rate',
          f.burstOffRate,
          GENERATE_DEFAULTS.burstOffRate,
          (x) => x >= 0 && x < 1,
          'a number from 0 (silent) to below 1: the OFF rate as a fraction of the ON rate',
        ),
      };
      break;
    case 'spike':
      pattern = {
        kind: 'spike',
        atMs: f.spikeAt === undefined ? spanMs / 2 : duration('--spike-at', f.spikeAt, true),
        forMs: f.spikeFor === undefined ? spanMs / 10 : duration('--spike-for', f.spikeFor),
        factor: number(
          '--spike-factor',
          f.spikeFactor,
          GENERATE_DEFAULTS.spikeFactor,
          (x) => x >= 0 && Number.isFinite(x),
          'a non-negative number (the rate during the spike over the base rate)',
        ),
      };
      if (pattern.atMs >= spanMs)
        throw inputError('BAD_FLAG', `--spike-at "${f.spikeAt}" is not inside the span (${f.span})`);
      break;
    default:
      throw inputError('BAD_FLAG', `--pattern "${patternText}" is not one of ${PATTERNS.join(', ')}`);
  }
  return { pattern, ratePerS, spanMs, functions, duration: durationSpec, startEpochMs, seed };
}

function duration(flag: string, text: string, zeroOk = false): number {
  const ms = parseDurationMs(text);
  if (ms === undefined || !(zeroOk ? ms >= 0 : ms > 0) || !Number.isFinite(ms))
    throw inputError(
      'BAD_FLAG',
      `${flag} "${text}" is not a ${zeroOk ? '' : 'positive '}duration such as 90s, 10m or 24h`,
    );
  return ms;
}
