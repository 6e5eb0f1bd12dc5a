/**
 * --baseline OLD.json: this run against a result saved earlier with --format json (issue 13 §4).
 * Only the headline figures are compared (src/run/headline.ts); the file must carry the same
 * schema as this run's output, because a sweep or a comparison has no single cost to compare.
 */
import { z } from 'zod';
import { inputError } from '../errors.js';
import { parseJsonText } from '../scenario/json.js';
import { readBoundedText } from '../scenario/read-file.js';
import { HEADLINE_METRICS, type Headline } from './headline.js';

/** A saved result is data, not settings: room for one with every function of a large trace. */
const MAX_BASELINE_BYTES = 256 * 1024 * 1024;

export interface MetricDelta {
  /** key in Headline: monthlyUsd, usdPerMillionRequests, coldStartRate, throttles, p99Ms */
  metric: keyof Headline;
  label: string;
  unit: string;
  baseline: number;
  current: number;
  /** current − baseline, in the metric's unit (a cold-start rate's change is a fraction: 0.001 = 0.1 percentage points) */
  delta: number;
  /** delta / baseline; NaN (null in JSON) when the baseline is 0 or undefined */
  relative: number;
}

export interface BaselineComparison {
  /** the file as given on the command line */
  file: string;
  schema: string;
  metrics: MetricDelta[];
}

/** undefined figures were written as null (NaN, a p99 of no requests) */
const Num = z.number().nullable();

/** What a faasim.simulate/v1 result must hold to be a baseline; the rest of it is not read. */
const SimulateFigures = z.object({
  cost: z.object({ monthlyUsd: Num, usdPerMillionRequests: Num }),
  outcomes: z.object({
    coldStartRate: Num,
    throttledSync: Num,
    asyncDropped: Num,
    latency: z.object({ all: z.object({ p99Ms: Num }) }),
  }),
});

/** Reads a saved result and returns its headline; every problem is one line naming the file. */
export function loadBaseline(file: string, expectedSchema: string): Headline {
  const text = readBoundedText(file, MAX_BASELINE_BYTES, 'baseline');
  const json = parseJsonText(text, file, 'baseline');
  const schema =
    typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)['schema']
      : undefined;
  if (typeof schema !== 'string') {
    throw inputError(
      'BASELINE_SCHEMA',
      `--baseline is not a faasim JSON result (it has no "schema" field); save one with --format json`,
      { file },
    );
  }
  if (schema !== expectedSchema) {
    throw inputError(
      'BASELINE_SCHEMA',
      `--baseline is a ${escapeName(schema)} result and this run writes ${expectedSchema}; compare results of the same command (save the baseline with --format json)`,
      { file },
    );
  }
  const parsed = SimulateFigures.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    const path = i ? i.path.map(String).join('.') : '';
    throw inputError(
      'BASELINE_CORRUPT',
      `--baseline is not a complete ${expectedSchema} result: ${path || 'a field'} is missing or not a number`,
      { file },
    );
  }
  const d = parsed.data;
  const n = (v: number | null): number => (v === null ? NaN : v);
  return {
    monthlyUsd: n(d.cost.monthlyUsd),
    usdPerMillionRequests: n(d.cost.usdPerMillionRequests),
    coldStartRate: n(d.outcomes.coldStartRate),
    throttles: n(d.outcomes.throttledSync) + n(d.outcomes.asyncDropped),
    p99Ms: n(d.outcomes.latency.all.p99Ms),
  };
}

/** current − baseline for each headline figure, absolute and relative. */
export function compareToBaseline(
  file: string,
  schema: string,
  baseline: Headline,
  current: Headline,
): BaselineComparison {
  const metrics = HEADLINE_METRICS.map((m): MetricDelta => {
    const b = baseline[m.key];
    const c = current[m.key];
    const delta = c - b;
    // a relative change from 0 has no value (0 → 3 throttles is not "+∞%"); 0 → 0 is no change
    const relative = b !== 0 && Number.isFinite(b) ? delta / b : delta === 0 ? 0 : NaN;
    return { metric: m.key, label: m.label, unit: m.unit, baseline: b, current: c, delta, relative };
  });
  return { file, schema, metrics };
}

/** a schema name from a user's file, shown in a one-line message */
function escapeName(s: string): string {
  const shown = s.length > 60 ? `${s.slice(0, 60)}…` : s;
  return JSON.stringify(shown);
}
