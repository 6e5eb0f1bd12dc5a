/**
 * Parsing of human units used in flags and scenario files: durations ("300ms", "5m", "1.5h"),
 * percentages ("1%") and sizes. Numbers without a unit are refused where a unit matters, so that
 * "10" is never silently read as ms when the user meant minutes.
 */

const DURATION_UNITS_MS: Record<string, number> = {
  us: 0.001,
  µs: 0.001,
  ms: 1,
  s: 1000,
  sec: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Parses "250ms", "5m", "1.5h", "30s". A bare number is accepted only if `bareUnitMs` is given
 * (scenario fields named `...Ms` take plain numbers). Returns undefined if the text is not a duration.
 */
export function parseDurationMs(text: string | number, bareUnitMs?: number): number | undefined {
  if (typeof text === 'number')
    return bareUnitMs !== undefined && Number.isFinite(text) ? text * bareUnitMs : undefined;
  const m = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)\s*([a-zµ]*)\s*$/i.exec(text);
  if (!m) return undefined;
  const value = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  const factor = unit === '' ? bareUnitMs : DURATION_UNITS_MS[unit];
  if (factor === undefined) return undefined;
  // 1e400h is not a duration: infinity is spelled `forever` where a setting allows it
  const ms = value * factor;
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * A decimal number as people write it: 256, -1.5, .5, 2.56e2, +3. Hex, binary and octal (0x10, 0b11),
 * Infinity, NaN, '' and ' ' are not numbers here, unlike for Number(). Returns undefined for those;
 * Infinity for a decimal too large for a double (1e400), so a caller can say "not finite".
 */
export function parseDecimal(text: string): number | undefined {
  if (!/^\s*[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[+-]?[0-9]+)?\s*$/i.test(text)) return undefined;
  return Number(text);
}

/** parseDecimal, and finite: what a setting takes. */
export function parseFiniteDecimal(text: string): number | undefined {
  const v = parseDecimal(text);
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/** Formats a duration in the largest unit that keeps it readable: 350 ms, 5 min, 2.5 h. */
export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const abs = Math.abs(ms);
  if (abs >= 86_400_000 && ms % 3_600_000 === 0) return `${trim(ms / 86_400_000)} d`;
  if (abs >= 3_600_000) return `${trim(ms / 3_600_000)} h`;
  if (abs >= 60_000) return `${trim(ms / 60_000)} min`;
  if (abs >= 1000) return `${trim(ms / 1000)} s`;
  return `${trim(ms)} ms`;
}

function trim(x: number): string {
  return String(Number(x.toFixed(3)));
}

/** Parses "1%", "0.5 %" (→ 0.01, 0.005) or a fraction "0.01". */
export function parseFraction(text: string): number | undefined {
  const m = /^\s*([0-9]*\.?[0-9]+)\s*(%?)\s*$/.exec(text);
  if (!m) return undefined;
  const v = Number(m[1]);
  if (!Number.isFinite(v)) return undefined;
  return m[2] === '%' ? v / 100 : v;
}
