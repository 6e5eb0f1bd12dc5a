import {
  type BaselineComparison,
  escapeInline,
  figure,
  type Headline,
  inputError,
  parseDecimal,
  parseDurationMs,
  pct,
  signedDelta,
  signedRelative,
} from '../index.js';

export type Op = '>' | '>=' | '<' | '<=';

export interface Condition {
  /** the expression as given, for messages */
  text: string;
  metric: keyof Headline;
  delta: boolean;
  /** for a delta: compare the relative change (the value had %) */
  relative: boolean;
  op: Op;
  /** threshold in the metric's unit (USD, fraction, ms, requests), or a fraction for a relative delta */
  value: number;
}

const METRICS: Record<string, { key: keyof Headline; label: string; unit: string }> = {
  cost: { key: 'monthlyUsd', label: 'monthly cost', unit: 'USD' },
  'cost-per-million': { key: 'usdPerMillionRequests', label: 'cost per million requests', unit: 'USD' },
  'cold-start-rate': { key: 'coldStartRate', label: 'cold-start rate', unit: 'fraction' },
  throttles: { key: 'throttles', label: 'throttles', unit: 'requests' },
  p99: { key: 'p99Ms', label: 'p99 latency', unit: 'ms' },
};

const FORMS =
  'METRIC>VALUE with METRIC one of cost, cost-per-million, cold-start-rate, p99, throttles (add -delta to compare with --baseline) and >, >=, < or <=; e.g. cost>250, cold-start-rate>1%, p99>800ms, cost-delta>10%';

/** Every --fail-if (repeatable, each a comma list) → conditions; a malformed one is an InputError. */
export function parseFailIf(texts: string[], hasBaseline: boolean): Condition[] {
  const out: Condition[] = [];
  for (const t of texts.flatMap((s) => s.split(','))) {
    const text = t.trim();
    if (text === '')
      throw inputError(
        'BAD_FAIL_IF',
        `--fail-if ${JSON.stringify(escapeInline(texts.join(',')))}: an empty condition; give ${FORMS}`,
      );
    out.push(parseOne(text, hasBaseline));
  }
  return out;
}

function parseOne(text: string, hasBaseline: boolean): Condition {
  const shown = escapeInline(text);
  const m = /^([a-z0-9-]+?)(-delta)?\s*(>=|<=|>|<)\s*(.+)$/.exec(text);
  const spec = m ? METRICS[m[1] as string] : undefined;
  if (!m || !spec) throw inputError('BAD_FAIL_IF', `--fail-if "${shown}" is not a condition: write ${FORMS}`);
  const delta = m[2] !== undefined;
  if (delta && !hasBaseline)
    throw inputError(
      'BAD_FAIL_IF',
      `--fail-if "${shown}" compares with a baseline: give --baseline OLD.json (a result saved with --format json)`,
    );
  const raw = (m[4] as string).trim();
  const relative = delta && raw.endsWith('%');
  const name = `${m[1]}${delta ? '-delta' : ''}`;
  const value = relative
    ? percent(raw)
    : valueIn(spec.unit, raw, delta, (why) => {
        throw inputError('BAD_FAIL_IF', `--fail-if "${shown}": ${name} ${why}`);
      });
  if (value === undefined) {
    const want = relative ? 'a percentage such as 10%' : unitWords(spec.unit, delta);
    throw inputError('BAD_FAIL_IF', `--fail-if "${shown}": "${escapeInline(raw)}" is not ${want}`);
  }
  const op = m[3] as Op;
  // a rate lies in 0..1: a condition past either end could never fire ('>1' is likelier a typo for 1%)
  if (spec.unit === 'fraction' && !delta && ((op === '>' && value >= 1) || (op === '<' && value <= 0)))
    throw inputError(
      'BAD_FAIL_IF',
      `--fail-if "${shown}": ${name} is ${op === '>' ? 'at most 1 (100%)' : 'at least 0'}, so ${op} ${raw} can never hold${op === '>' && !raw.endsWith('%') ? `: did you mean ${raw}%?` : ''}`,
    );
  return { text, metric: spec.key, delta, relative, op, value };
}

function percent(raw: string): number | undefined {
  const v = parseDecimal(raw.slice(0, -1));
  return v !== undefined && Number.isFinite(v) ? v / 100 : undefined;
}

/**
 * a threshold in the metric's unit; a delta may be negative (cost-delta<-10%: fail unless it fell).
 * A rate (a fraction) past 1, or 100%, is refused through `refuse`: no rate reaches it, so the
 * condition could never fire (cold-start-rate>50 meant 50%, not 5,000%); a change of a rate is
 * likewise within -1..1.
 */
function valueIn(
  unit: string,
  raw: string,
  delta: boolean,
  refuse: (why: string) => never,
): number | undefined {
  const neg = delta && raw.startsWith('-');
  const body = neg ? raw.slice(1) : raw;
  let v: number | undefined;
  if (unit === 'USD') v = parseDecimal(body.replace(/^\$/, ''));
  else if (unit === 'fraction') v = body.endsWith('%') ? percent(body) : parseDecimal(body);
  else if (unit === 'ms') v = parseDurationMs(body);
  else v = parseDecimal(body);
  if (v === undefined || !Number.isFinite(v) || v < 0) return undefined;
  if (unit === 'fraction' && v > 1) {
    if (delta)
      refuse(
        `is a change of a fraction, -1..1 (0.01 is one percentage point), or a percentage such as 10% for the relative change: did you mean ${trim(v / 100)} (${body} percentage points) or ${body}%?`,
      );
    if (body.endsWith('%'))
      refuse(`is a fraction 0..1 or a percentage up to 100%: ${body} can never be reached`);
    refuse(`is a fraction 0..1 or a percentage: did you mean ${body}%?`);
  }
  return neg ? -v : v;
}

function unitWords(unit: string, delta: boolean): string {
  const d = delta ? ' (or a percentage such as 10% for the relative change)' : '';
  if (unit === 'USD') return `an amount in USD such as 250 or $250${d}`;
  if (unit === 'fraction')
    return delta
      ? 'a change of the rate as a fraction such as 0.001 (0.1 percentage points), or a percentage such as 10% for the relative change'
      : 'a rate such as 1% or 0.01';
  if (unit === 'ms') return `a duration such as 800ms or 1.5s${d}`;
  return `a count such as 0${d}`;
}

const WORDS: Record<Op, string> = { '>': 'above', '>=': 'at or above', '<': 'below', '<=': 'at or below' };

function holds(v: number, op: Op, t: number): boolean {
  // an undefined figure (a p99 of no requests) fails no condition
  if (!Number.isFinite(v)) return false;
  return op === '>' ? v > t : op === '>=' ? v >= t : op === '<' ? v < t : v <= t;
}

/** The conditions that hold, each as one message: `--fail-if cost>250: monthly cost $312.40 is above $250`. */
export function failures(conditions: Condition[], h: Headline, b: BaselineComparison | undefined): string[] {
  const out: string[] = [];
  for (const c of conditions) {
    const spec = Object.values(METRICS).find((s) => s.key === c.metric) as (typeof METRICS)[string];
    const shown = escapeInline(c.text);
    if (!c.delta) {
      const v = h[c.metric];
      if (holds(v, c.op, c.value))
        out.push(
          `--fail-if ${shown}: ${spec.label} ${figure(spec.unit, v)} is ${WORDS[c.op]} ${threshold(spec.unit, c.value)}`,
        );
      continue;
    }
    const m = b?.metrics.find((x) => x.metric === c.metric);
    if (!m) continue;
    const v = c.relative ? m.relative : m.delta;
    if (!holds(v, c.op, c.value)) continue;
    const change = c.relative ? signedRelative(m) : signedDelta(m);
    const limit = c.relative
      ? `${c.value < 0 ? '-' : ''}${pct(Math.abs(c.value), 0)}`
      : signedThreshold(spec.unit, c.value);
    out.push(
      `--fail-if ${shown}: ${spec.label} changed by ${change} against ${escapeInline(b?.file ?? '')} (${figure(spec.unit, m.baseline)} → ${figure(spec.unit, m.current)}), ${WORDS[c.op]} ${limit}`,
    );
  }
  return out;
}

/** a threshold as the user wrote it, roughly: $250, 1%, 800 ms, 0 */
function threshold(unit: string, v: number): string {
  if (unit === 'USD') return `$${trim(v)}`;
  if (unit === 'fraction') return `${trim(v * 100)}%`;
  if (unit === 'ms') return `${trim(v)} ms`;
  return trim(v);
}

function signedThreshold(unit: string, v: number): string {
  const sign = v < 0 ? '-' : '+';
  if (unit === 'fraction') return `${sign}${trim(Math.abs(v) * 100)} pp`;
  return `${sign}${threshold(unit, Math.abs(v))}`;
}

/** shortest exact decimal of a threshold: 250, 0.5, 12.25 (never 1e-7) */
function trim(v: number): string {
  return String(Number(v.toPrecision(12)));
}
