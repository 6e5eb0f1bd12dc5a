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
import { closestKey } from '../util/suggest.js';
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
  throw new InputError(zodIssues(result.error, file, what, schema));
}

/** `schema` (the one that made `error`) lets an unknown key suggest the known key it resembles. */
export function zodIssues(error: z.ZodError, file: string, what: string, schema?: z.ZodType): Issue[] {
  return error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    let message = i.message;
    if (i.code === 'unrecognized_keys')
      message =
        `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')} in ${what}` +
        didYouMean(i.keys, schema, i.path);
    return {
      code: i.code === 'unrecognized_keys' ? 'UNKNOWN_KEY' : 'INVALID_VALUE',
      message,
      where: { file, path: path || undefined },
    };
  });
}

/** "; did you mean "memoryMb"?" for the unknown keys that resemble a key the schema knows at `path`. */
export function didYouMean(
  keys: readonly string[],
  schema: z.ZodType | undefined,
  path: readonly PropertyKey[],
): string {
  if (schema === undefined) return '';
  const known = keysAt(schema as unknown as ZodNode, path);
  const hints = keys.flatMap((k) => {
    const c = closestKey(k, known);
    return c === undefined ? [] : [`"${c}"`];
  });
  return hints.length > 0 ? `; did you mean ${hints.join(', ')}?` : '';
}

/**
 * The value schema of each object keyed by the user's own names (scenario/schema.ts's namedRecord):
 * a custom check that zod cannot look into, so the key walk below (and the JSON Schema generator,
 * scripts/schemas.ts) finds its values' schema here.
 */
export const RECORD_VALUES = new WeakMap<z.ZodType, z.ZodType>();

/** The slice of zod 4's schema internals walked to find an object's keys. */
interface ZodNode {
  def: {
    type: string;
    shape?: Record<string, ZodNode>;
    innerType?: ZodNode;
    in?: ZodNode;
    valueType?: ZodNode;
    element?: ZodNode;
    options?: readonly ZodNode[];
    left?: ZodNode;
    right?: ZodNode;
    getter?: () => ZodNode;
  };
}

/** The keys an object at `path` of `schema` may have (every branch of a union, records looked through). */
function keysAt(schema: ZodNode, path: readonly PropertyKey[], depth = 0): Set<string> {
  const out = new Set<string>();
  const d = schema.def;
  // nested lazies or self-references end here rather than loop
  if (depth > 64) return out;
  const next = (s: ZodNode | undefined, p = path): void => {
    if (s) for (const k of keysAt(s, p, depth + 1)) out.add(k);
  };
  const values = RECORD_VALUES.get(schema as unknown as z.ZodType) as ZodNode | undefined;
  if (values) {
    if (path.length > 0) next(values, path.slice(1));
  } else if (d.type === 'object' && d.shape) {
    if (path.length === 0) for (const k of Object.keys(d.shape)) out.add(k);
    else next(d.shape[String(path[0])], path.slice(1));
  } else if (d.type === 'record' || d.type === 'array') {
    if (path.length > 0) next(d.type === 'record' ? d.valueType : d.element, path.slice(1));
  } else if (d.type === 'union') for (const o of d.options ?? []) next(o);
  else if (d.type === 'intersection') {
    next(d.left);
    next(d.right);
  } else if (d.type === 'lazy') next(d.getter?.());
  else next(d.innerType ?? d.in);
  return out;
}
