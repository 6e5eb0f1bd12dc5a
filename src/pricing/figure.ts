/**
 * A price or platform figure as stored in pricing/*.json: the number, its unit, the address it comes
 * from and the date from which that source attests it. Figures that could not be confirmed from a
 * primary source carry `confirmed: false`, and the report lists them. A figure may also state its
 * plausible range, `low`..`high`, with `bounds` saying where that range comes from: `simulate
 * --sensitivity` reruns at each end (src/certainty/sensitivity.ts).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { inputError, InputError, type Issue } from '../errors.js';
import { parseJsonText } from '../util/json.js';

export const FigureSchema = z
  .object({
    value: z.number().refine(Number.isFinite, 'must be a finite number'),
    unit: z.string().min(1),
    source: z.string().regex(/^https?:\/\//, 'must be the http(s) address of the source'),
    effective: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
    confirmed: z.boolean().optional(),
    note: z.string().optional(),
    /** plausible range of the figure, low ≤ value ≤ high, with `bounds` citing where it comes from */
    low: z.number().refine(Number.isFinite, 'must be a finite number').optional(),
    high: z.number().refine(Number.isFinite, 'must be a finite number').optional(),
    bounds: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const given = [f.low, f.high, f.bounds].filter((x) => x !== undefined).length;
    // a range without its source would be a guess the report presents as a fact
    if (given !== 0 && given !== 3)
      ctx.addIssue({
        code: 'custom',
        message: 'low, high and bounds go together: a range and where it comes from',
      });
    else if (f.low !== undefined && f.high !== undefined && !(f.low <= f.value && f.value <= f.high)) {
      ctx.addIssue({
        code: 'custom',
        message: `expected low ≤ value ≤ high, got ${f.low} ≤ ${f.value} ≤ ${f.high}`,
      });
    }
  });

/**
 * Written out rather than z.infer'd: the JSON Schema generator (scripts/schemas.ts) reads interfaces
 * from the source and cannot evaluate zod's types; the check below keeps the two the same.
 */
export interface Figure {
  value: number;
  unit: string;
  source: string;
  effective: string;
  confirmed?: boolean;
  note?: string;
  /** plausible range, low ≤ value ≤ high, for --sensitivity; `bounds` cites where it comes from */
  low?: number;
  high?: number;
  bounds?: string;
}
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const FIGURE_MATCHES_SCHEMA: Same<Figure, z.infer<typeof FigureSchema>> = true;

/**
 * The figure as a report shows it: without its plausible range, which only --sensitivity reads (so
 * reports stay as they were before figures had ranges). The same object when it has none.
 */
export function withoutRange(f: Figure): Figure {
  if (f.low === undefined && f.high === undefined && f.bounds === undefined) return f;
  const { low: _low, high: _high, bounds: _bounds, ...rest } = f;
  return rest;
}

/** A figure the report should flag: it rests on a source that is not the provider's own. */
export interface UnconfirmedFigure {
  path: string;
  figure: Figure;
}

/** Walks a parsed sheet and lists every figure marked `confirmed: false`, with its dotted path. */
export function unconfirmedFigures(node: unknown, path = ''): UnconfirmedFigure[] {
  if (node === null || typeof node !== 'object') return [];
  const parsed = FigureSchema.safeParse(node);
  // the figure object itself (not zod's copy), so a bill can tell which of the sheet's figures it applied
  if (parsed.success) return parsed.data.confirmed === false ? [{ path, figure: node as Figure }] : [];
  const out: UnconfirmedFigure[] = [];
  for (const [k, v] of Object.entries(node)) out.push(...unconfirmedFigures(v, path ? `${path}.${k}` : k));
  return out;
}

/**
 * One figure's value replaced, for a what-if run: the file's name (e.g. "<provider id>.json") and the
 * figure's dotted path in it ("platform.keepAliveMinMs"). The sheet is validated after patching, so
 * a patched value must still be one the sheet accepts.
 */
export interface FigurePatch {
  file: string;
  path: string;
  value: number;
}

/** Sets each patch's figure value in parsed JSON (in place); a path that is not a figure is an error. */
function applyPatches(json: unknown, file: string, patches: readonly FigurePatch[]): void {
  const name = basename(file);
  for (const p of patches) {
    if (p.file !== name) continue;
    let node: unknown = json;
    for (const k of p.path.split('.'))
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined;
    if (
      node === null ||
      typeof node !== 'object' ||
      typeof (node as { value?: unknown }).value !== 'number'
    ) {
      throw inputError('BAD_PATCH', `${name} has no figure at ${p.path} to patch`, { file });
    }
    (node as { value: number }).value = p.value;
  }
}

/** Reads a JSON file and validates it with `schema`; errors name the file and the dotted path. */
export function loadJsonFile<T>(
  file: string,
  schema: z.ZodType<T>,
  what: string,
  patches: readonly FigurePatch[] = [],
): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw inputError('FILE_UNREADABLE', `cannot read ${what}: ${(e as Error).message}`, { file });
  }
  // the scenario's reader: syntax errors with line and column, a key given twice refused
  const json = parseJsonText(text, file, what);
  applyPatches(json, file, patches);
  return validateJson(json, schema, file, what);
}

export function validateJson<T>(json: unknown, schema: z.ZodType<T>, file: string, what: string): T {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  throw new InputError(zodIssues(result.error, file, what));
}

export function zodIssues(error: z.ZodError, file: string, what: string): Issue[] {
  return error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    let message = i.message;
    if (i.code === 'unrecognized_keys')
      message = `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')} in ${what}`;
    return {
      code: i.code === 'unrecognized_keys' ? 'UNKNOWN_KEY' : 'INVALID_VALUE',
      message,
      where: { file, path: path || undefined },
    };
  });
}
