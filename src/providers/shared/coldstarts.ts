/**
 * Published cold-start measurements (pricing/coldstarts-shilkov-2021.json): Mikhail Shilkov's
 * end-to-end cold response times of hello-world functions on AWS, Azure and Google Cloud, data to
 * January 2021, as a median and the 67 % and 95 % ranges per runtime language. A provider turns one
 * series into an INIT sampler that passes through those five quantiles.
 */
import { z } from 'zod';
import { makeSampler } from '../../model/distribution.js';
import { FigureSchema, loadJsonFile, type FigurePatch } from '../../pricing/figure.js';
import type { InitModel } from '../types.js';

const RangeS = z.tuple([z.number().nonnegative(), z.number().nonnegative()]);

const SeriesSchema = z
  .object({
    label: z.string(),
    page: z.string().regex(/^https?:\/\//),
    medianS: z.number().positive(),
    range67S: RangeS,
    range95S: RangeS,
  })
  .strict()
  .refine(
    (s) =>
      s.range95S[0] <= s.range67S[0] &&
      s.range67S[0] <= s.medianS &&
      s.medianS <= s.range67S[1] &&
      s.range67S[1] <= s.range95S[1],
    {
      message: 'expected range95 low ≤ range67 low ≤ median ≤ range67 high ≤ range95 high',
    },
  );

export const ColdStartDataSchema = z
  .object({
    source: z.string().regex(/^https?:\/\//),
    data: z.string(),
    author: z.string(),
    measuredUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    what: z.string(),
    ranges: z.string(),
    /** multiple of the measured cold response a cold start takes (1 = as measured), bounded for --sensitivity */
    initScale: FigureSchema.optional(),
    series: z.record(z.string(), SeriesSchema),
  })
  .strict();

export type ColdStartData = z.infer<typeof ColdStartDataSchema>;
export type ColdStartSeries = z.infer<typeof SeriesSchema>;

export const COLDSTART_FILE = 'coldstarts-shilkov-2021.json';

export function loadColdStarts(file: string, patches: readonly FigurePatch[] = []): ColdStartData {
  return loadJsonFile(file, ColdStartDataSchema, 'cold-start measurement table', patches);
}

/** Quantile points the series gives: the central 67 % range spans 16.5..83.5 %, the 95 % range 2.5..97.5 %. */
function quantilePoints(s: ColdStartSeries): [number, number][] {
  return [
    [0.025, s.range95S[0] * 1000],
    [0.165, s.range67S[0] * 1000],
    [0.5, s.medianS * 1000],
    [0.835, s.range67S[1] * 1000],
    [0.975, s.range95S[1] * 1000],
  ];
}

/** Points of a piecewise log-linear quantile function through the given (probability, ms) points. */
export function quantileValues(points: [number, number][], n = 1000): number[] {
  const out: number[] = [];
  const floor = 1; // ms: keeps log() finite for a 0 ms bound
  for (let i = 0; i < n; i++) {
    const p = (i + 0.5) / n;
    let v: number;
    const first = points[0] as [number, number];
    const last = points[points.length - 1] as [number, number];
    if (p <= first[0]) v = first[1];
    else if (p >= last[0]) v = last[1];
    else {
      let k = 1;
      while ((points[k] as [number, number])[0] < p) k++;
      const [p0, v0] = points[k - 1] as [number, number];
      const [p1, v1] = points[k] as [number, number];
      const f = (p - p0) / (p1 - p0);
      v = Math.exp(
        Math.log(Math.max(v0, floor)) + f * (Math.log(Math.max(v1, floor)) - Math.log(Math.max(v0, floor))),
      );
    }
    out.push(v);
  }
  return out;
}

/**
 * An INIT model from one series: 1,000 values spread evenly over the quantiles, interpolated
 * log-linearly between the published points; the tails beyond the 95 % range are clamped to its ends.
 */
export function seriesInitModel(data: ColdStartData, key: string, why: string): InitModel {
  const s = data.series[key];
  if (!s) throw new Error(`no cold-start series "${key}" in the measurement table`);
  const scale = data.initScale?.value ?? 1;
  const points = quantilePoints(s).map(([p, v]): [number, number] => [p, v * scale]);
  const sampler = makeSampler({ kind: 'empirical', valuesMs: quantileValues(points) });
  const r = (x: number): string => `${x.toFixed(2)} s`;
  return {
    sampler,
    description:
      `${s.label}: median ${r(s.medianS)}, 67 % ${r(s.range67S[0])}–${r(s.range67S[1])}, 95 % ${r(s.range95S[0])}–${r(s.range95S[1])} ` +
      `(${data.author}, end-to-end cold responses of hello-world functions to ${data.measuredUntil}, ${s.page}); ` +
      `fitted through these quantiles${scale === 1 ? '' : ` × ${scale}`}, mean ${sampler.meanMs.toFixed(0)} ms${why ? `; ${why}` : ''}`,
    ...(data.initScale ? { figures: [{ file: COLDSTART_FILE, path: 'initScale' }] } : {}),
  };
}

/** The language a Lambda-style runtime id names: nodejs22.x → javascript, python3.12 → python, dotnet8 → csharp. */
export function languageOf(runtime: string): string {
  const r = runtime.toLowerCase();
  if (r.startsWith('nodejs') || r === 'llrt') return 'javascript';
  if (r.startsWith('python')) return 'python';
  if (r.startsWith('dotnet') || r.startsWith('csharp')) return 'csharp';
  if (r.startsWith('java')) return 'java';
  if (r.startsWith('go') || r.startsWith('provided')) return 'go';
  if (r.startsWith('ruby')) return 'ruby';
  if (r.startsWith('powershell')) return 'powershell';
  return r;
}

/**
 * The series `${prefix}/${language}` for a runtime, or the fallback language's with a note saying so.
 */
export function initModelFor(
  data: ColdStartData,
  prefix: string,
  runtime: string,
  fallbackLanguage: string,
  extraNote = '',
): InitModel {
  const lang = languageOf(runtime);
  const key = `${prefix}/${lang}`;
  if (data.series[key]) return seriesInitModel(data, key, extraNote);
  const note = `no measurement for ${runtime} (${lang}); ${fallbackLanguage} used instead${extraNote ? `; ${extraNote}` : ''}`;
  return seriesInitModel(data, `${prefix}/${fallbackLanguage}`, note);
}
